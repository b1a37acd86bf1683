import type { Migration } from './types.js';

export const migration: Migration = {
  version: 4,
  name: 'admin users, sessions, audit log, sponsor slots; pinned and hidden stories, paused sources',
  sql: `
    CREATE TABLE admin_users (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      -- scrypt: "scrypt$N$r$p$salt$hash" (base64)
      password_hash TEXT NOT NULL,
      -- "Log out everywhere": sessions created before this are no longer valid.
      sessions_valid_after TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    CREATE TABLE admin_sessions (
      -- A hash of the cookie's token, so a copy of the database cannot be used to log in.
      id TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES admin_users(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      -- A one-time message for the next page (after a form post and its redirect).
      flash TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE INDEX admin_sessions_user ON admin_sessions(user_id);
    CREATE INDEX admin_sessions_expiry ON admin_sessions(expires_at);

    CREATE TABLE login_attempts (
      key TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX login_attempts_key ON login_attempts(key, at);
    CREATE INDEX login_attempts_time ON login_attempts(at);

    -- Random secrets made on first use (the key of the hash of a client's address, say).
    CREATE TABLE admin_secrets (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES admin_users(id) ON DELETE SET NULL,
      user_email TEXT,
      action TEXT NOT NULL,
      target TEXT,
      details TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX audit_log_time ON audit_log(created_at DESC);

    -- Sponsor/ad snippets placed in named positions, off until an admin enables them.
    CREATE TABLE slots (
      name TEXT PRIMARY KEY,
      html TEXT NOT NULL DEFAULT '',
      enabled INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL
    );

    ALTER TABLE stories ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;

    -- Pins and hides anchored to an article of the story, as editor_actions are: story ids
    -- change when everything is clustered again, articles do not. Re-applied after that.
    CREATE TABLE story_flag_anchors (
      article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      pinned INTEGER NOT NULL DEFAULT 0,
      hidden INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
  `,
};
