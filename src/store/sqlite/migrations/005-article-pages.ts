import type { Migration } from './types.js';

export const migration: Migration = {
  version: 5,
  name: 'article pages: the fetched page and what extraction made of it',
  sql: `
    CREATE TABLE article_pages (
      article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      -- ok | bot-wall | not-article | empty | robots | http-error | error
      status TEXT NOT NULL,
      detail TEXT,
      http_status INTEGER,
      content_type TEXT,
      -- The page as fetched (gzip), so improved rules can be applied again without refetching.
      html_gz BLOB,
      text TEXT,
      html TEXT,
      byline TEXT,
      canonical_url TEXT,
      image_url TEXT,
      support_url TEXT,
      fetched_at TEXT NOT NULL,
      extracted_at TEXT
    );
    CREATE INDEX article_pages_status ON article_pages(status);
  `,
};
