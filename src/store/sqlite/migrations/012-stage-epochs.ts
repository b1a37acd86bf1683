import type { Migration } from './types.js';

// The stories stage has one holder at a time, by a lease in Redis. A holder paused past its
// lease (a long collection, a busy machine) can wake mid-batch after another worker took the
// stage over and rebuilt its window from the store: its late decisions would land beside the
// new holder's, with story numbers and clusters the new holder never learned. Each takeover
// counts one up here (a fencing token); the holder's writes check in their transaction that
// the count is still theirs, so a deposed holder's batch is refused whole.
export const migration: Migration = {
  version: 12,
  name: 'stage epochs: a deposed stories holder cannot write',
  sql: `
    CREATE TABLE stage_epochs (
      stage TEXT PRIMARY KEY,
      epoch INTEGER NOT NULL
    );
  `,
};
