// SQL for comments, their moderation, bans, the blocklist and settings (tables created by
// migrations/003-comments.ts). Shares the repository's connection.
import type Database from 'better-sqlite3';
import type { Comment, CommentStatus } from '../../model.js';
import { parseSetting, toComment, toCommentWithStory } from '../rows.js';
import { normaliseTerm } from '../../comments/spam.js';
import type {
  Ban, BanKind, BlocklistTerm, CommentListQuery, CommentStore, CommentWithStory, NewComment,
} from '../../comments/store.js';

type Row = Record<string, unknown>;

const iso = (d: Date) => d.toISOString();


const WITH_STORY = `SELECT c.*, COALESCE(s.editor_title, s.title) AS story_title FROM comments c JOIN stories s ON s.id = c.story_id`;

/** IN lists are chunked well under SQLite's limit on bound parameters. */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
const marks = (n: number) => Array(n).fill('?').join(', ');

export class SqliteCommentStore implements CommentStore {
  constructor(private readonly db: Database.Database) {}

  async insert(c: NewComment): Promise<Comment> {
    const row = this.db
      .prepare(
        `INSERT INTO comments (story_id, parent_id, article_id, author_name, email_hash, website, body, status, client_hash,
           author_key, held_token, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        c.storyId, c.parentId, c.articleId, c.authorName, c.emailHash, c.website, c.body, c.status, c.clientHash, c.authorKey, c.heldToken,
        iso(c.createdAt),
      ) as Row;
    return toComment(row);
  }

  async get(id: number): Promise<Comment | null> {
    const row = this.db.prepare('SELECT * FROM comments WHERE id = ?').get(id) as Row | undefined;
    return row ? toComment(row) : null;
  }

  async storyComments(storyId: number, heldTokens: string[], limit: number): Promise<Comment[]> {
    const tokens = heldTokens.slice(0, 50);
    const held = tokens.length ? ` OR (status IN ('pending', 'spam') AND held_token IN (${marks(tokens.length)}))` : '';
    return this.db
      .prepare(`SELECT * FROM comments WHERE story_id = ? AND (status = 'approved'${held}) ORDER BY created_at, id LIMIT ?`)
      .all(storyId, ...tokens, limit)
      .map((r) => toComment(r as Row));
  }

  async latestApproved(storyId: number, limit: number): Promise<Comment[]> {
    return this.db
      .prepare(`SELECT * FROM comments WHERE story_id = ? AND status = 'approved' ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(storyId, limit)
      .map((r) => toComment(r as Row));
  }

  async recentApproved(limit: number): Promise<CommentWithStory[]> {
    return this.db
      .prepare(`${WITH_STORY} WHERE c.status = 'approved' AND s.hidden = 0 ORDER BY c.created_at DESC, c.id DESC LIMIT ?`)
      .all(limit)
      .map((r) => toCommentWithStory(r as Row));
  }

  async approvedCounts(storyIds: number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const ids of chunks([...new Set(storyIds)])) {
      const rows = this.db
        .prepare(`SELECT story_id, COUNT(*) AS n FROM comments WHERE status = 'approved' AND story_id IN (${marks(ids.length)}) GROUP BY story_id`)
        .all(...ids) as Row[];
      for (const row of rows) counts.set(Number(row.story_id), Number(row.n));
    }
    return counts;
  }

  async list(query: CommentListQuery): Promise<CommentWithStory[]> {
    const where = ['c.status = ?'];
    const params: unknown[] = [query.status ?? 'pending'];
    if (query.storyId !== undefined) {
      where.push('c.story_id = ?');
      params.push(query.storyId);
    }
    if (query.beforeId !== undefined) {
      where.push('(c.created_at, c.id) < (SELECT created_at, id FROM comments WHERE id = ?)');
      params.push(query.beforeId);
    }
    return this.db
      .prepare(`${WITH_STORY} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`)
      .all(...params, query.limit)
      .map((r) => toCommentWithStory(r as Row));
  }

  async countByStatus(): Promise<Record<CommentStatus, number>> {
    const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, deleted: 0 };
    for (const row of this.db.prepare('SELECT status, COUNT(*) AS n FROM comments GROUP BY status').all() as Row[]) {
      counts[String(row.status) as CommentStatus] = Number(row.n);
    }
    return counts;
  }

  async countByClientSince(clientHash: string, since: Date): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM comments WHERE client_hash = ? AND created_at >= ?').get(clientHash, iso(since)) as Row;
    return Number(row.n);
  }

  async setStatus(ids: number[], status: CommentStatus, now: Date): Promise<number> {
    let changed = 0;
    this.db.transaction(() => {
      for (const part of chunks(ids)) {
        changed += this.db
          .prepare(`UPDATE comments SET status = ?, moderated_at = ? WHERE id IN (${marks(part.length)})`)
          .run(status, iso(now), ...part).changes;
      }
    })();
    return changed;
  }

  async isAuthorApproved(authorKey: string): Promise<boolean> {
    const row = this.db.prepare('SELECT approved FROM comment_authors WHERE author_key = ?').get(authorKey) as Row | undefined;
    return Number(row?.approved ?? 0) === 1;
  }

  async setAuthorApproved(authorKey: string, approved: boolean, now: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO comment_authors (author_key, approved, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(author_key) DO UPDATE SET approved = excluded.approved, updated_at = excluded.updated_at`,
      )
      .run(authorKey, approved ? 1 : 0, iso(now));
  }

  async addBan(kind: BanKind, value: string, now: Date): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO comment_bans (kind, value, created_at) VALUES (?, ?, ?)').run(kind, value, iso(now));
  }

  async removeBan(kind: BanKind, value: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM comment_bans WHERE kind = ? AND value = ?').run(kind, value).changes > 0;
  }

  async listBans(limit: number): Promise<Ban[]> {
    return (this.db.prepare('SELECT * FROM comment_bans ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map((row) => ({
      kind: String(row.kind) as BanKind,
      value: String(row.value),
      createdAt: new Date(String(row.created_at)),
    }));
  }

  async isBanned(who: { name: string; emailHash: string | null; clientHash: string }): Promise<boolean> {
    const row = this.db
      .prepare(
        `SELECT 1 FROM comment_bans WHERE (kind = 'name' AND value = ?) OR (kind = 'email' AND value = ?) OR (kind = 'client' AND value = ?) LIMIT 1`,
      )
      .get(who.name, who.emailHash ?? '', who.clientHash);
    return row !== undefined;
  }

  async listBlocklist(limit = 10_000): Promise<BlocklistTerm[]> {
    return (this.db.prepare('SELECT term, created_at FROM comment_blocklist ORDER BY term LIMIT ?').all(limit) as Row[]).map((row) => ({
      term: String(row.term),
      createdAt: new Date(String(row.created_at)),
    }));
  }

  async addBlocklistTerm(term: string, now: Date): Promise<boolean> {
    const normalised = normaliseTerm(term);
    if (!normalised) return false;
    return this.db.prepare('INSERT OR IGNORE INTO comment_blocklist (term, created_at) VALUES (?, ?)').run(normalised, iso(now)).changes > 0;
  }

  async removeBlocklistTerm(term: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM comment_blocklist WHERE term = ?').run(normaliseTerm(term)).changes > 0;
  }

  async getSetting(key: string): Promise<unknown> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return row ? parseSetting(row.value) : undefined;
  }

  async getSettings(keys: string[]): Promise<Map<string, unknown>> {
    const values = new Map<string, unknown>();
    if (keys.length === 0) return values;
    const rows = this.db.prepare(`SELECT key, value FROM settings WHERE key IN (${marks(keys.length)})`).all(...keys) as Row[];
    for (const row of rows) {
      const value = parseSetting(row.value);
      if (value !== undefined) values.set(String(row.key), value);
    }
    return values;
  }

  async setSetting(key: string, value: unknown, now: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), iso(now));
  }

  async ensureSecret(key: string, create: () => string, now: Date): Promise<string> {
    // INSERT OR IGNORE: two processes starting together keep the first one's secret.
    this.db.prepare('INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(key, JSON.stringify(create()), iso(now));
    const value = await this.getSetting(key);
    if (typeof value !== 'string' || value.length < 32) throw new Error(`setting ${key} does not hold a secret`);
    return value;
  }

  async sectionCommentsEnabled(slug: string | null): Promise<boolean> {
    if (!slug) return true;
    const row = this.db.prepare('SELECT comments_enabled FROM sections WHERE slug = ?').get(slug) as Row | undefined;
    return row === undefined || Number(row.comments_enabled) === 1;
  }

  async setSectionComments(slug: string, enabled: boolean): Promise<boolean> {
    return this.db.prepare('UPDATE sections SET comments_enabled = ? WHERE slug = ?').run(enabled ? 1 : 0, slug).changes > 0;
  }
}
