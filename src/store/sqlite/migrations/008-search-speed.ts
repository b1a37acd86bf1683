import type { Migration } from './types.js';

// Search reads, for each of up to 5,000 matches, the article's story, date and filters, and
// whether its story is hidden (src/store/sqlite/search-store.ts). From the articles table
// each of those lookups reads a wide row (the summary is in it); from this narrow index it
// reads a few bytes, and the pages of thousands of them stay in memory. Hidden stories are
// few: their ids come from a partial index in one small list instead of a lookup per match.
// Measured on 1,000,000 articles in docs/performance.md.
export const migration: Migration = {
  version: 8,
  name: 'search speed: a narrow covering index of what search reads per match, and one of hidden stories',
  sql: `
    CREATE INDEX articles_search_cover ON articles(id, story_id, published_at, section, source_id);
    CREATE INDEX stories_hidden ON stories(id) WHERE hidden = 1;
  `,
};
