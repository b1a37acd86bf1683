import type { Migration } from './types.js';

// A story's articles are read in date order (its outline, refreshed after every batch the
// stories stage decides; its page): with an index on story_id alone SQLite fetched every
// article of the story and sorted them. This index gives them in order, and replaces the one
// on story_id alone (its prefix serves the same lookups), so inserts keep as many indexes.
export const migration: Migration = {
  version: 9,
  name: 'story order: articles by story in date order',
  sql: `
    CREATE INDEX articles_story_order ON articles(story_id, published_at, id);
    DROP INDEX articles_story;
  `,
};
