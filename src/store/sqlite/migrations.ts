// Forward-only schema migrations. Never edit a released migration: add the next one.
// Times are ISO 8601 UTC strings, which sort as time and read well in the sqlite3 shell.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
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
  },
  {
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
  },
];
