// The admin's storage on PostgreSQL (tables of migrations 3 and 4 in pg/migrations.ts): the
// same AdminStore as store/sqlite/admin-store.ts.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import {
  type AdminSession, type AdminStore, type AdminStory, type AdminUser, type AuditEntry, DuplicateAdminError, type SlotRecord,
} from '../../admin/store.js';
import type { Section } from '../../model.js';
import { dateOrNull, flag, parseSetting, toAdminStory, toAudit, toSession, toUser } from '../rows.js';
import { changes, isUniqueViolation, one, type Row, rows, transaction } from './pool.js';

const count = async (db: pg.Pool, sql: string, params: unknown[] = []) => Number((await one(db, sql, params))!.n);

export class PostgresAdminStore implements AdminStore {
  constructor(private readonly db: pg.Pool) {}

  // Users ------------------------------------------------------------------

  async createUser(email: string, passwordHash: string, now = new Date()): Promise<AdminUser> {
    try {
      const row = await one(
        this.db,
        'INSERT INTO admin_users (email, password_hash, sessions_valid_after, created_at) VALUES ($1, $2, $3, $3) RETURNING *',
        [email, passwordHash, now],
      );
      return toUser(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateAdminError(email);
      throw err;
    }
  }

  async findUserByEmail(email: string): Promise<AdminUser | null> {
    const row = await one(this.db, 'SELECT * FROM admin_users WHERE email = $1', [email]);
    return row ? toUser(row) : null;
  }

  async getUser(id: number): Promise<AdminUser | null> {
    const row = await one(this.db, 'SELECT * FROM admin_users WHERE id = $1', [id]);
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<AdminUser[]> {
    return (await rows(this.db, 'SELECT * FROM admin_users ORDER BY id LIMIT 1000')).map(toUser);
  }

  async countUsers(): Promise<number> {
    return count(this.db, 'SELECT COUNT(*) AS n FROM admin_users');
  }

  async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    await this.db.query('UPDATE admin_users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
  }

  async removeUser(userId: number): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM admin_users WHERE id = $1', [userId])) > 0;
  }

  // Sessions ---------------------------------------------------------------

  async createSession(session: Omit<AdminSession, 'flash'>): Promise<void> {
    await this.db.query('INSERT INTO admin_sessions (id, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      session.id, session.userId, session.csrfToken, session.createdAt, session.expiresAt,
    ]);
  }

  async findSession(id: string, now = new Date()): Promise<{ session: AdminSession; user: AdminUser } | null> {
    const row = await one(
      this.db,
      `SELECT s.id AS s_id, s.user_id, s.csrf_token, s.flash, s.created_at AS s_created_at, s.expires_at,
              u.id, u.email, u.password_hash, u.sessions_valid_after, u.created_at
       FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.expires_at > $2 AND s.created_at >= u.sessions_valid_after`,
      [id, now],
    );
    if (!row) return null;
    return { session: toSession({ ...row, id: row.s_id, created_at: row.s_created_at }), user: toUser(row) };
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.query('DELETE FROM admin_sessions WHERE id = $1', [id]);
  }

  async endAllSessions(userId: number, now = new Date()): Promise<number> {
    return transaction(this.db, async (client) => {
      await client.query('UPDATE admin_users SET sessions_valid_after = $1 WHERE id = $2', [now, userId]);
      return changes(client, 'DELETE FROM admin_sessions WHERE user_id = $1', [userId]);
    });
  }

  async endOtherSessions(userId: number, keepSessionId: string): Promise<number> {
    return changes(this.db, 'DELETE FROM admin_sessions WHERE user_id = $1 AND id != $2', [userId, keepSessionId]);
  }

  async countSessions(userId: number, now = new Date()): Promise<number> {
    return count(this.db, 'SELECT COUNT(*) AS n FROM admin_sessions WHERE user_id = $1 AND expires_at > $2', [userId, now]);
  }

  async setFlash(sessionId: string, message: string | null): Promise<void> {
    await this.db.query('UPDATE admin_sessions SET flash = $1 WHERE id = $2', [message, sessionId]);
  }

  async pruneSessions(now = new Date()): Promise<number> {
    return changes(this.db, 'DELETE FROM admin_sessions WHERE id IN (SELECT id FROM admin_sessions WHERE expires_at <= $1 LIMIT 1000)', [now]);
  }

  // Login attempts (the rate limiter's store) --------------------------------

  async failuresSince(key: string, since: Date): Promise<number> {
    return count(this.db, 'SELECT COUNT(*) AS n FROM login_attempts WHERE key = $1 AND at >= $2', [key, since]);
  }

  async oldestFailureSince(key: string, since: Date): Promise<Date | null> {
    return dateOrNull((await one(this.db, 'SELECT MIN(at) AS at FROM login_attempts WHERE key = $1 AND at >= $2', [key, since]))!.at);
  }

  async recordFailure(key: string, at: Date): Promise<void> {
    await this.db.query('INSERT INTO login_attempts (key, at) VALUES ($1, $2)', [key, at]);
  }

  async clearFailures(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_attempts WHERE key = $1', [key]);
  }

  async pruneBefore(before: Date): Promise<void> {
    await this.db.query('DELETE FROM login_attempts WHERE id IN (SELECT id FROM login_attempts WHERE at < $1 LIMIT 1000)', [before]);
  }

  // Secrets ----------------------------------------------------------------

  async secret(name: string): Promise<string> {
    // Two processes asking at once keep the first one's secret.
    await this.db.query('INSERT INTO admin_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [name, randomBytes(32).toString('base64url')]);
    return String((await one(this.db, 'SELECT value FROM admin_secrets WHERE name = $1', [name]))!.value);
  }

  // Audit log --------------------------------------------------------------

  async addAudit(entry: Omit<AuditEntry, 'id' | 'createdAt'>, now = new Date()): Promise<AuditEntry> {
    const row = await one(
      this.db,
      'INSERT INTO audit_log (user_id, user_email, action, target, details, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [entry.userId, entry.userEmail, entry.action, entry.target, entry.details, now],
    );
    return toAudit(row!);
  }

  async listAudit(query: { limit: number; beforeId?: number | undefined }): Promise<AuditEntry[]> {
    const found = query.beforeId
      ? await rows(this.db, 'SELECT * FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2', [query.beforeId, query.limit])
      : await rows(this.db, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [query.limit]);
    return found.map(toAudit);
  }

  async countAudit(): Promise<number> {
    return count(this.db, 'SELECT COUNT(*) AS n FROM audit_log');
  }

  // Slots ------------------------------------------------------------------

  async getSlot(name: string): Promise<SlotRecord | null> {
    const row = await one(this.db, 'SELECT * FROM slots WHERE name = $1', [name]);
    return row ? { name: String(row.name), html: String(row.html), enabled: flag(row.enabled), updatedAt: dateOrNull(row.updated_at) } : null;
  }

  async saveSlot(slot: { name: string; html: string; enabled: boolean }, now = new Date()): Promise<void> {
    await this.db.query(
      `INSERT INTO slots (name, html, enabled, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET html = EXCLUDED.html, enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
      [slot.name, slot.html, slot.enabled, now],
    );
  }

  // Settings (JSON values) -------------------------------------------------

  async getSetting(key: string): Promise<unknown> {
    const row = await one(this.db, 'SELECT value FROM settings WHERE key = $1', [key]);
    return row ? parseSetting(row.value) : undefined;
  }

  async setSetting(key: string, value: unknown, now = new Date()): Promise<void> {
    await this.db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [key, JSON.stringify(value), now],
    );
  }

  // Sections ---------------------------------------------------------------

  async renameSection(slug: string, name: string): Promise<boolean> {
    return (await changes(this.db, 'UPDATE sections SET name = $1 WHERE slug = $2', [name, slug])) > 0;
  }

  async orderSections(slugs: string[]): Promise<void> {
    await transaction(this.db, async (client) => {
      const all = (await rows(client, 'SELECT slug FROM sections ORDER BY position, name FOR UPDATE')).map((r) => String(r.slug));
      const ordered = [...slugs.filter((s) => all.includes(s)), ...all.filter((s) => !slugs.includes(s))];
      for (const [i, slug] of ordered.entries()) await client.query('UPDATE sections SET position = $1 WHERE slug = $2', [i + 1, slug]);
    });
  }

  async sectionUsage(): Promise<Map<string, number>> {
    const found = await rows(this.db, 'SELECT section, COUNT(*) AS n FROM sources WHERE section IS NOT NULL GROUP BY section');
    return new Map(found.map((r) => [String(r.section), Number(r.n)]));
  }

  // Read-outs of core tables for the admin's pages --------------------------

  async articlesPerSourceSince(since: Date): Promise<Map<number, number>> {
    const found = await rows(this.db, 'SELECT source_id, COUNT(*) AS n FROM articles WHERE published_at >= $1 GROUP BY source_id', [since]);
    return new Map(found.map((r) => [Number(r.source_id), Number(r.n)]));
  }

  async articleCountOfSource(sourceId: number): Promise<number> {
    return count(this.db, 'SELECT COUNT(*) AS n FROM articles WHERE source_id = $1', [sourceId]);
  }

  async storyIdsOfSource(sourceId: number): Promise<number[]> {
    return (await rows(this.db, 'SELECT DISTINCT story_id FROM articles WHERE source_id = $1 AND story_id IS NOT NULL LIMIT 100000', [sourceId])).map(
      (r) => Number(r.story_id),
    );
  }

  async stories(query: { limit: number; offset: number; search?: string | undefined }): Promise<AdminStory[]> {
    const where = ['article_count > 0'];
    const params: unknown[] = [];
    if (query.search) {
      // ILIKE: SQLite's LIKE, which the other engine uses, ignores ASCII case.
      params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, Number(query.search.replace(/^#/, '')) || -1);
      where.push(`(COALESCE(editor_title, title) ILIKE $1 ESCAPE '\\' OR id = $2)`);
    }
    params.push(query.limit, query.offset);
    const found = await rows(
      this.db,
      `SELECT * FROM stories WHERE ${where.join(' AND ')}
       ORDER BY pinned DESC, last_reported_at DESC NULLS LAST, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return found.map(toAdminStory);
  }

  async anchorStoryFlag(storyId: number, which: 'pinned' | 'hidden', on: boolean, now = new Date()): Promise<void> {
    const column = which === 'pinned' ? 'pinned' : 'hidden';
    await transaction(this.db, async (client) => {
      if (on) {
        const anchor = await one(
          client,
          'SELECT COALESCE(lead_article_id, first_article_id, (SELECT MIN(id) FROM articles WHERE story_id = stories.id)) AS a FROM stories WHERE id = $1',
          [storyId],
        );
        if (!anchor || anchor.a === null) return;
        await client.query(
          `INSERT INTO story_flag_anchors (article_id, ${column}, created_at) VALUES ($1, true, $2) ON CONFLICT (article_id) DO UPDATE SET ${column} = true`,
          [Number(anchor.a), now],
        );
      } else {
        await client.query(`UPDATE story_flag_anchors SET ${column} = false WHERE article_id IN (SELECT id FROM articles WHERE story_id = $1)`, [storyId]);
        await client.query('DELETE FROM story_flag_anchors WHERE NOT pinned AND NOT hidden');
      }
    });
  }

  async reapplyStoryFlags(): Promise<number> {
    let changed = 0;
    for (const column of ['pinned', 'hidden'] as const) {
      changed += await changes(
        this.db,
        `UPDATE stories SET ${column} = true WHERE NOT ${column} AND id IN (
           SELECT a.story_id FROM story_flag_anchors f JOIN articles a ON a.id = f.article_id
           WHERE f.${column} AND a.story_id IS NOT NULL)`,
      );
    }
    return changed;
  }

  async sections(): Promise<Section[]> {
    return (await rows(this.db, 'SELECT slug, name, position FROM sections ORDER BY position, name')).map((r: Row) => ({
      slug: String(r.slug),
      name: String(r.name),
      position: Number(r.position),
    }));
  }
}
