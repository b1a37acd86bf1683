import type { Migration } from './types.js';

export const migration: Migration = {
    version: 2,
    name: 'stories: fingerprints, syndication, story outlines, citations, editor actions',
    sql: `
      ALTER TABLE articles ADD COLUMN fingerprint TEXT;
      ALTER TABLE articles ADD COLUMN original_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
      ALTER TABLE articles ADD COLUMN stated_original TEXT;
      CREATE INDEX articles_original ON articles(original_id);

      ALTER TABLE stories ADD COLUMN editor_title TEXT;
      ALTER TABLE stories ADD COLUMN summary TEXT;
      ALTER TABLE stories ADD COLUMN image_url TEXT;
      ALTER TABLE stories ADD COLUMN section TEXT REFERENCES sections(slug) ON UPDATE CASCADE ON DELETE SET NULL;
      ALTER TABLE stories ADD COLUMN lead_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
      ALTER TABLE stories ADD COLUMN first_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
      ALTER TABLE stories ADD COLUMN first_reported_at TEXT;
      ALTER TABLE stories ADD COLUMN last_reported_at TEXT;
      ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE stories ADD COLUMN outlet_count INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX stories_latest ON stories(last_reported_at DESC, id DESC);

      CREATE TABLE story_citations (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        outlet TEXT NOT NULL,
        phrase TEXT NOT NULL,
        PRIMARY KEY (article_id, outlet)
      );

      -- What editors did, replayed when stories are clustered again.
      CREATE TABLE editor_actions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename')),
        story_id INTEGER,
        into_story_id INTEGER,
        -- Actions are anchored to articles, which survive re-clustering; story ids do not.
        article_id INTEGER,
        into_article_id INTEGER,
        title TEXT,
        created_at TEXT NOT NULL
      );
    `,
  };
