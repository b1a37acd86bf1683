// SQL of the admin: its users, sessions, login attempts, audit log, sponsor slots and site
// settings (tables of migrations 004-admin and, for settings, 003-comments), plus the few
// read-outs of core tables the admin's pages need that the Repository does not offer
// (hidden stories, articles per source and day, section order). Shares the repository's
// connection (SqliteRepository.database), so it lives in the same file and transactions.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type AdminSession, type AdminStore, type AdminStory, type AdminUser, type AuditEntry, DuplicateAdminError, type SlotRecord,
} from '../../admin/store.js';
import type { Section } from '../../model.js';
import { parseSetting, toAdminStory, toAudit, toSession, toUser } from '../rows.js';

type Row = Record<string, unknown>;
const iso = (d: Date) => d.toISOString();

export class SqliteAdminStore implements AdminStore {
  constructor(private readonly db: Database.Database) {}

  // Users ------------------------------------------------------------------

  async createUser(email: string, passwordHash: string, now = new Date()): Promise<AdminUser> {
    try {
      const row = this.db
        .prepare('INSERT INTO admin_users (email, password_hash, sessions_valid_after, created_at) VALUES (?, ?, ?, ?) RETURNING *')
        .get(email, passwordHash, iso(now), iso(now)) as Row;
      return toUser(row);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateAdminError(email);
      throw err;
    }
  }

  async findUserByEmail(email: string): Promise<AdminUser | null> {
    const row = this.db.prepare('SELECT * FROM admin_users WHERE email = ?').get(email) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async getUser(id: number): Promise<AdminUser | null> {
    const row = this.db.prepare('SELECT * FROM admin_users WHERE id = ?').get(id) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<AdminUser[]> {
    return this.db.prepare('SELECT * FROM admin_users ORDER BY id LIMIT 1000').all().map((r) => toUser(r as Row));
  }

  async countUsers(): Promise<number> {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM admin_users').get() as Row).n);
  }

  async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    this.db.prepare('UPDATE admin_users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }

  async removeUser(userId: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM admin_users WHERE id = ?').run(userId).changes > 0;
  }

  // Sessions ---------------------------------------------------------------

  async createSession(session: Omit<AdminSession, 'flash'>): Promise<void> {
    this.db
      .prepare('INSERT INTO admin_sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(session.id, session.userId, session.csrfToken, iso(session.createdAt), iso(session.expiresAt));
  }

  /** A live session and its user: not expired, not older than the user's last "log out everywhere". */
  async findSession(id: string, now = new Date()): Promise<{ session: AdminSession; user: AdminUser } | null> {
    const row = this.db
      .prepare(
        `SELECT s.id AS s_id, s.user_id, s.csrf_token, s.flash, s.created_at AS s_created_at, s.expires_at,
                u.id, u.email, u.password_hash, u.sessions_valid_after, u.created_at
         FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id
         WHERE s.id = ? AND s.expires_at > ? AND s.created_at >= u.sessions_valid_after`,
      )
      .get(id, iso(now)) as Row | undefined;
    if (!row) return null;
    return {
      session: toSession({ ...row, id: row.s_id, created_at: row.s_created_at }),
      user: toUser(row),
    };
  }

  async deleteSession(id: string): Promise<void> {
    this.db.prepare('DELETE FROM admin_sessions WHERE id = ?').run(id);
  }

  /** "Log out everywhere": every session of the user ends now. */
  async endAllSessions(userId: number, now = new Date()): Promise<number> {
    return this.db.transaction(() => {
      this.db.prepare('UPDATE admin_users SET sessions_valid_after = ? WHERE id = ?').run(iso(now), userId);
      return this.db.prepare('DELETE FROM admin_sessions WHERE user_id = ?').run(userId).changes;
    })();
  }

  /** Ends the user's other sessions (after a password change), keeping the one in use. */
  async endOtherSessions(userId: number, keepSessionId: string): Promise<number> {
    return this.db.prepare('DELETE FROM admin_sessions WHERE user_id = ? AND id != ?').run(userId, keepSessionId).changes;
  }

  async countSessions(userId: number, now = new Date()): Promise<number> {
    return Number(
      (this.db.prepare('SELECT COUNT(*) AS n FROM admin_sessions WHERE user_id = ? AND expires_at > ?').get(userId, iso(now)) as Row).n,
    );
  }

  async setFlash(sessionId: string, message: string | null): Promise<void> {
    this.db.prepare('UPDATE admin_sessions SET flash = ? WHERE id = ?').run(message, sessionId);
  }

  async pruneSessions(now = new Date()): Promise<number> {
    return this.db.prepare('DELETE FROM admin_sessions WHERE rowid IN (SELECT rowid FROM admin_sessions WHERE expires_at <= ? LIMIT 1000)').run(iso(now)).changes;
  }

  // Login attempts (the rate limiter's store) --------------------------------

  async failuresSince(key: string, since: Date): Promise<number> {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM login_attempts WHERE key = ? AND at >= ?').get(key, iso(since)) as Row).n);
  }

  async oldestFailureSince(key: string, since: Date): Promise<Date | null> {
    const row = this.db.prepare('SELECT MIN(at) AS at FROM login_attempts WHERE key = ? AND at >= ?').get(key, iso(since)) as Row;
    return typeof row.at === 'string' ? new Date(row.at) : null;
  }

  async recordFailure(key: string, at: Date): Promise<void> {
    this.db.prepare('INSERT INTO login_attempts (key, at) VALUES (?, ?)').run(key, iso(at));
  }

  async clearFailures(key: string): Promise<void> {
    this.db.prepare('DELETE FROM login_attempts WHERE key = ?').run(key);
  }

  async pruneBefore(before: Date): Promise<void> {
    this.db.prepare('DELETE FROM login_attempts WHERE rowid IN (SELECT rowid FROM login_attempts WHERE at < ? LIMIT 1000)').run(iso(before));
  }

  // Secrets ----------------------------------------------------------------

  /** A random secret by name, made on first use and kept. */
  async secret(name: string): Promise<string> {
    this.db.prepare('INSERT OR IGNORE INTO admin_secrets (name, value) VALUES (?, ?)').run(name, randomBytes(32).toString('base64url'));
    return String((this.db.prepare('SELECT value FROM admin_secrets WHERE name = ?').get(name) as Row).value);
  }

  // Audit log --------------------------------------------------------------

  async addAudit(entry: Omit<AuditEntry, 'id' | 'createdAt'>, now = new Date()): Promise<AuditEntry> {
    const row = this.db
      .prepare('INSERT INTO audit_log (user_id, user_email, action, target, details, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *')
      .get(entry.userId, entry.userEmail, entry.action, entry.target, entry.details, iso(now)) as Row;
    return toAudit(row);
  }

  /** Newest first; keyset pagination by id. */
  async listAudit(query: { limit: number; beforeId?: number | undefined }): Promise<AuditEntry[]> {
    const where = query.beforeId ? 'WHERE id < ?' : '';
    const params = query.beforeId ? [query.beforeId] : [];
    return this.db
      .prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`)
      .all(...params, query.limit)
      .map((r) => toAudit(r as Row));
  }

  async countAudit(): Promise<number> {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as Row).n);
  }

  // Slots ------------------------------------------------------------------

  async getSlot(name: string): Promise<SlotRecord | null> {
    const row = this.db.prepare('SELECT * FROM slots WHERE name = ?').get(name) as Row | undefined;
    return row ? { name: String(row.name), html: String(row.html), enabled: Number(row.enabled) === 1, updatedAt: new Date(String(row.updated_at)) } : null;
  }

  async saveSlot(slot: { name: string; html: string; enabled: boolean }, now = new Date()): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO slots (name, html, enabled, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET html = excluded.html, enabled = excluded.enabled, updated_at = excluded.updated_at`,
      )
      .run(slot.name, slot.html, slot.enabled ? 1 : 0, iso(now));
  }

  // Settings (JSON values) -------------------------------------------------

  async getSetting(key: string): Promise<unknown> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return row ? parseSetting(row.value) : undefined;
  }

  async setSetting(key: string, value: unknown, now = new Date()): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), iso(now));
  }

  // Sections ---------------------------------------------------------------

  async renameSection(slug: string, name: string): Promise<boolean> {
    return this.db.prepare('UPDATE sections SET name = ? WHERE slug = ?').run(name, slug).changes > 0;
  }

  /** Puts the sections in this order (slugs not listed keep their place after them). */
  async orderSections(slugs: string[]): Promise<void> {
    this.db.transaction(() => {
      const all = (this.db.prepare('SELECT slug FROM sections ORDER BY position, name').all() as Row[]).map((r) => String(r.slug));
      const ordered = [...slugs.filter((s) => all.includes(s)), ...all.filter((s) => !slugs.includes(s))];
      const update = this.db.prepare('UPDATE sections SET position = ? WHERE slug = ?');
      ordered.forEach((slug, i) => update.run(i + 1, slug));
    })();
  }

  async sectionUsage(): Promise<Map<string, number>> {
    const rows = this.db.prepare('SELECT section, COUNT(*) AS n FROM sources WHERE section IS NOT NULL GROUP BY section').all() as Row[];
    return new Map(rows.map((r) => [String(r.section), Number(r.n)]));
  }

  // Read-outs of core tables for the admin's pages --------------------------

  /** Articles per source published since a time (the sources page's "per day"). */
  async articlesPerSourceSince(since: Date): Promise<Map<number, number>> {
    const rows = this.db
      .prepare('SELECT source_id, COUNT(*) AS n FROM articles WHERE published_at >= ? GROUP BY source_id')
      .all(iso(since)) as Row[];
    return new Map(rows.map((r) => [Number(r.source_id), Number(r.n)]));
  }

  async articleCountOfSource(sourceId: number): Promise<number> {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM articles WHERE source_id = ?').get(sourceId) as Row).n);
  }

  /** The stories a source has articles in (to outline them again when it is removed). */
  async storyIdsOfSource(sourceId: number): Promise<number[]> {
    return (this.db.prepare('SELECT DISTINCT story_id FROM articles WHERE source_id = ? AND story_id IS NOT NULL LIMIT 100000').all(sourceId) as Row[]).map((r) => Number(r.story_id));
  }

  /** Stories by latest coverage, hidden ones included, pinned first. */
  async stories(query: { limit: number; offset: number; search?: string | undefined }): Promise<AdminStory[]> {
    const where = ['article_count > 0'];
    const params: unknown[] = [];
    if (query.search) {
      where.push("(COALESCE(editor_title, title) LIKE ? ESCAPE '\\' OR id = ?)");
      params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, Number(query.search.replace(/^#/, '')) || -1);
    }
    return (
      this.db
        .prepare(`SELECT * FROM stories WHERE ${where.join(' AND ')} ORDER BY pinned DESC, last_reported_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as Row[]
    ).map(toAdminStory);
  }

  /**
   * Records a pin or hide against the story's articles (or clears it), so it can be put back
   * on whatever story those articles are in after re-clustering.
   */
  async anchorStoryFlag(storyId: number, flag: 'pinned' | 'hidden', on: boolean, now = new Date()): Promise<void> {
    const column = flag === 'pinned' ? 'pinned' : 'hidden';
    this.db.transaction(() => {
      if (on) {
        const anchor = this.db
          .prepare('SELECT COALESCE(lead_article_id, first_article_id, (SELECT MIN(id) FROM articles WHERE story_id = stories.id)) AS a FROM stories WHERE id = ?')
          .get(storyId) as Row | undefined;
        if (!anchor || anchor.a === null) return;
        this.db
          .prepare(`INSERT INTO story_flag_anchors (article_id, ${column}, created_at) VALUES (?, 1, ?) ON CONFLICT(article_id) DO UPDATE SET ${column} = 1`)
          .run(Number(anchor.a), iso(now));
      } else {
        this.db
          .prepare(`UPDATE story_flag_anchors SET ${column} = 0 WHERE article_id IN (SELECT id FROM articles WHERE story_id = ?)`)
          .run(storyId);
        this.db.prepare('DELETE FROM story_flag_anchors WHERE pinned = 0 AND hidden = 0').run();
      }
    })();
  }

  /** Puts anchored pins and hides back on the stories their articles are in now; returns the stories changed. */
  async reapplyStoryFlags(): Promise<number> {
    let changed = 0;
    for (const column of ['pinned', 'hidden'] as const) {
      changed += this.db
        .prepare(
          `UPDATE stories SET ${column} = 1 WHERE ${column} = 0 AND id IN (
             SELECT a.story_id FROM story_flag_anchors f JOIN articles a ON a.id = f.article_id
             WHERE f.${column} = 1 AND a.story_id IS NOT NULL)`,
        )
        .run().changes;
    }
    return changed;
  }

  /** Sections in order, as the settings page edits them. */
  async sections(): Promise<Section[]> {
    return (this.db.prepare('SELECT slug, name, position FROM sections ORDER BY position, name').all() as Row[]).map((r) => ({
      slug: String(r.slug),
      name: String(r.name),
      position: Number(r.position),
    }));
  }
}
