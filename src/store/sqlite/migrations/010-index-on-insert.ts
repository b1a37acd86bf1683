import type { Migration } from './types.js';

// New articles are put in the search index by the repository's insert, in the same
// transaction, instead of by a trigger. FTS5 writes what it has gathered to disk whenever a
// savepoint opens, and a statement that fires a trigger opens one: through the trigger, every
// article became a little index segment of its own, to be merged again and again — 150 to
// 250 µs of an article's ~300 µs insert (docs/decisions/0020-feed-work-threads.md). Inserted
// directly, the batch's entries stay in memory until the commit and go to disk as one
// segment. The other triggers (an article's text changed, deleted; a page stored) stay.
export const migration: Migration = {
  version: 10,
  name: 'search: new articles indexed by the insert, not by a trigger',
  sql: `
    DROP TRIGGER articles_fts_insert;
  `,
};
