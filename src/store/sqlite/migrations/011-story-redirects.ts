import type { Migration } from './types.js';

// A story merged into another (by the stories stage, when an article shows two stories to be
// one event, or by an editor) is deleted once its articles have moved; its address — shared,
// bookmarked, in a reader's feed list — leads to the story it went into instead of a 404.
// No foreign key: the story merged away no longer exists, and the one it went into may be
// merged again (the lookup follows the chain) or pruned (then it is a 404 after all).
// Its views for Most Popular go with its articles (they were deleted with it): the index
// finds a story's views without reading every view of the week.
export const migration: Migration = {
  version: 11,
  name: 'story merges: a merged story leads to the one it went into, and its views go with it',
  sql: `
    CREATE TABLE story_redirects (
      story_id INTEGER PRIMARY KEY,
      into_story_id INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX story_views_story ON story_views(story_id);
  `,
};
