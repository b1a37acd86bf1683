import type { Migration } from './types.js';

export const migration: Migration = {
    version: 1,
    name: 'sources, articles, stories, sections',
    sql: `
      CREATE TABLE sections (
        slug TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL
      );
      INSERT INTO sections (slug, name, position) VALUES
        ('world', 'World', 1), ('politics', 'Politics', 2), ('business', 'Business', 3),
        ('technology', 'Technology', 4), ('science', 'Science', 5), ('health', 'Health', 6),
        ('entertainment', 'Entertainment', 7), ('sports', 'Sports', 8);

      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        feed_url TEXT NOT NULL UNIQUE,
        site_url TEXT,
        name TEXT NOT NULL,
        section TEXT REFERENCES sections(slug) ON UPDATE CASCADE ON DELETE SET NULL,
        interval_minutes REAL NOT NULL,
        weight REAL NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        last_fetch_at TEXT,
        last_outcome TEXT CHECK (last_outcome IN ('ok', 'not_modified', 'error')),
        last_http_status INTEGER,
        last_error TEXT,
        error_count INTEGER NOT NULL DEFAULT 0,
        next_fetch_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX sources_next_fetch ON sources(next_fetch_at);

      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        url TEXT NOT NULL,
        canonical_url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        author TEXT,
        summary TEXT,
        content_html TEXT,
        image_url TEXT,
        section TEXT REFERENCES sections(slug) ON UPDATE CASCADE ON DELETE SET NULL,
        categories TEXT NOT NULL DEFAULT '[]',
        published_at TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
        UNIQUE (source_id, guid)
      );
      CREATE INDEX articles_latest ON articles(published_at DESC, id DESC);
      CREATE INDEX articles_section_latest ON articles(section, published_at DESC, id DESC);
      CREATE INDEX articles_source_latest ON articles(source_id, published_at DESC, id DESC);
      CREATE INDEX articles_story ON articles(story_id);
    `,
  };
