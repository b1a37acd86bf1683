import type { Migration } from './types.js';

export const migration: Migration = {
  version: 7,
  name: 'page views for Most Popular, counted without cookies or addresses',
  sql: `
    -- One row per story, viewer and day. The viewer is a hash of a salt that changes every
    -- day, the client's address and its User-Agent: repeat views of a day count once, and
    -- nothing links a viewer across days or back to an address.
    CREATE TABLE story_views (
      day TEXT NOT NULL,
      story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
      viewer TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (day, story_id, viewer)
    );
    CREATE INDEX story_views_at ON story_views(at, story_id);
  `,
};
