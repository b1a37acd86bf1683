import type { Migration } from './types.js';

export const migration: Migration = {
  version: 3,
  name: 'comments, their moderation, and site settings',
  sql: `
    -- Site-wide settings edited in the admin (site name, comment policy…), as JSON values.
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE comments (
      id INTEGER PRIMARY KEY,
      story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
      parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
      -- The article the comment hangs on (its story's first report when it was posted). Story
      -- ids change when stories are merged, split or clustered again; articles stay, and the
      -- trigger below takes the comment wherever its article goes.
      article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
      author_name TEXT NOT NULL,
      -- A hash of the lower-cased address (for an avatar); the address itself is never stored.
      email_hash TEXT,
      website TEXT,
      body TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'deleted')),
      -- Salted hash of the client's address: rate limits and bans without storing the address.
      client_hash TEXT NOT NULL,
      -- Hash of name + email: once one comment of a pair is approved, the next appear at once.
      author_key TEXT NOT NULL,
      -- Shown to the author's browser (a cookie holds it) while the comment awaits moderation.
      held_token TEXT,
      created_at TEXT NOT NULL,
      moderated_at TEXT
    );
    CREATE INDEX comments_story ON comments(story_id, status, created_at);
    CREATE INDEX comments_recent ON comments(status, created_at DESC);
    CREATE INDEX comments_client ON comments(client_hash, created_at);
    CREATE INDEX comments_author ON comments(author_key);
    CREATE INDEX comments_article ON comments(article_id);

    CREATE TRIGGER comments_follow_article AFTER UPDATE OF story_id ON articles
    WHEN NEW.story_id IS NOT NULL AND NEW.story_id IS NOT OLD.story_id
    BEGIN
      UPDATE comments SET story_id = NEW.story_id WHERE article_id = NEW.id;
    END;

    CREATE TABLE comment_authors (
      author_key TEXT PRIMARY KEY,
      approved INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL
    );

    -- Bans by name, email hash or client hash.
    CREATE TABLE comment_bans (
      kind TEXT NOT NULL CHECK (kind IN ('name', 'email', 'client')),
      value TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (kind, value)
    );

    -- Words and link hosts that send a comment to the spam folder.
    CREATE TABLE comment_blocklist (
      term TEXT PRIMARY KEY,
      created_at TEXT NOT NULL
    );

    ALTER TABLE stories ADD COLUMN comments_closed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sections ADD COLUMN comments_enabled INTEGER NOT NULL DEFAULT 1;
  `,
};
