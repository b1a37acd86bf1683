// Comments, their moderation, bans, the blocklist and settings on PostgreSQL (tables of
// migration 3 in pg/migrations.ts): the same CommentStore as store/sqlite/comments-store.ts.
import type pg from 'pg';
import { normaliseTerm } from '../../comments/spam.js';
import type {
  Ban, BanKind, BlocklistTerm, CommentListQuery, CommentStore, CommentWithStory, NewComment,
} from '../../comments/store.js';
import type { Comment, CommentStatus } from '../../model.js';
import { date, parseSetting, toComment, toCommentWithStory } from '../rows.js';
import { changes, one, type Row, rows } from './pool.js';

const WITH_STORY = `SELECT c.*, COALESCE(s.editor_title, s.title) AS story_title FROM comments c JOIN stories s ON s.id = c.story_id`;

export class PostgresCommentStore implements CommentStore {
  constructor(private readonly db: pg.Pool) {}

  async insert(c: NewComment): Promise<Comment> {
    const row = await one(
      this.db,
      `INSERT INTO comments (story_id, parent_id, article_id, author_name, email_hash, website, body, status, client_hash,
         author_key, held_token, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [c.storyId, c.parentId, c.articleId, c.authorName, c.emailHash, c.website, c.body, c.status, c.clientHash, c.authorKey, c.heldToken, c.createdAt],
    );
    return toComment(row!);
  }

  async get(id: number): Promise<Comment | null> {
    const row = await one(this.db, 'SELECT * FROM comments WHERE id = $1', [id]);
    return row ? toComment(row) : null;
  }

  async storyComments(storyId: number, heldTokens: string[], limit: number): Promise<Comment[]> {
    return (
      await rows(
        this.db,
        `SELECT * FROM comments WHERE story_id = $1
           AND (status = 'approved' OR (status IN ('pending', 'spam') AND held_token = ANY($2::text[])))
         ORDER BY created_at, id LIMIT $3`,
        [storyId, heldTokens.slice(0, 50), limit],
      )
    ).map(toComment);
  }

  async latestApproved(storyId: number, limit: number): Promise<Comment[]> {
    return (
      await rows(this.db, `SELECT * FROM comments WHERE story_id = $1 AND status = 'approved' ORDER BY created_at DESC, id DESC LIMIT $2`, [storyId, limit])
    ).map(toComment);
  }

  async recentApproved(limit: number): Promise<CommentWithStory[]> {
    return (
      await rows(this.db, `${WITH_STORY} WHERE c.status = 'approved' AND NOT s.hidden ORDER BY c.created_at DESC, c.id DESC LIMIT $1`, [limit])
    ).map(toCommentWithStory);
  }

  async approvedCounts(storyIds: number[]): Promise<Map<number, number>> {
    const found = await rows(
      this.db,
      `SELECT story_id, COUNT(*) AS n FROM comments WHERE status = 'approved' AND story_id = ANY($1::bigint[]) GROUP BY story_id`,
      [[...new Set(storyIds)]],
    );
    return new Map(found.map((r) => [Number(r.story_id), Number(r.n)]));
  }

  async list(query: CommentListQuery): Promise<CommentWithStory[]> {
    const params: unknown[] = [query.status ?? 'pending'];
    const where = ['c.status = $1'];
    if (query.storyId !== undefined) {
      params.push(query.storyId);
      where.push(`c.story_id = $${params.length}`);
    }
    if (query.beforeId !== undefined) {
      params.push(query.beforeId);
      where.push(`(c.created_at, c.id) < (SELECT created_at, id FROM comments WHERE id = $${params.length})`);
    }
    params.push(query.limit);
    return (
      await rows(this.db, `${WITH_STORY} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`, params)
    ).map(toCommentWithStory);
  }

  async countByStatus(): Promise<Record<CommentStatus, number>> {
    const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, deleted: 0 };
    for (const row of await rows(this.db, 'SELECT status, COUNT(*) AS n FROM comments GROUP BY status')) {
      counts[String(row.status) as CommentStatus] = Number(row.n);
    }
    return counts;
  }

  async countByClientSince(clientHash: string, since: Date): Promise<number> {
    return Number((await one(this.db, 'SELECT COUNT(*) AS n FROM comments WHERE client_hash = $1 AND created_at >= $2', [clientHash, since]))!.n);
  }

  async setStatus(ids: number[], status: CommentStatus, now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    return changes(this.db, 'UPDATE comments SET status = $1, moderated_at = $2 WHERE id = ANY($3::bigint[])', [status, now, ids]);
  }

  async isAuthorApproved(authorKey: string): Promise<boolean> {
    return (await one(this.db, 'SELECT approved FROM comment_authors WHERE author_key = $1', [authorKey]))?.approved === true;
  }

  async setAuthorApproved(authorKey: string, approved: boolean, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO comment_authors (author_key, approved, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (author_key) DO UPDATE SET approved = EXCLUDED.approved, updated_at = EXCLUDED.updated_at`,
      [authorKey, approved, now],
    );
  }

  async addBan(kind: BanKind, value: string, now: Date): Promise<void> {
    await this.db.query('INSERT INTO comment_bans (kind, value, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [kind, value, now]);
  }

  async removeBan(kind: BanKind, value: string): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM comment_bans WHERE kind = $1 AND value = $2', [kind, value])) > 0;
  }

  async listBans(limit: number): Promise<Ban[]> {
    return (await rows(this.db, 'SELECT * FROM comment_bans ORDER BY created_at DESC LIMIT $1', [limit])).map((row) => ({
      kind: String(row.kind) as BanKind,
      value: String(row.value),
      createdAt: date(row.created_at),
    }));
  }

  async isBanned(who: { name: string; emailHash: string | null; clientHash: string }): Promise<boolean> {
    const row = await one(
      this.db,
      `SELECT 1 FROM comment_bans WHERE (kind = 'name' AND value = $1) OR (kind = 'email' AND value = $2) OR (kind = 'client' AND value = $3) LIMIT 1`,
      [who.name, who.emailHash ?? '', who.clientHash],
    );
    return row !== undefined;
  }

  async listBlocklist(limit = 10_000): Promise<BlocklistTerm[]> {
    return (await rows(this.db, 'SELECT term, created_at FROM comment_blocklist ORDER BY term LIMIT $1', [limit])).map((row) => ({
      term: String(row.term),
      createdAt: date(row.created_at),
    }));
  }

  async addBlocklistTerm(term: string, now: Date): Promise<boolean> {
    const normalised = normaliseTerm(term);
    if (!normalised) return false;
    return (await changes(this.db, 'INSERT INTO comment_blocklist (term, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [normalised, now])) > 0;
  }

  async removeBlocklistTerm(term: string): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM comment_blocklist WHERE term = $1', [normaliseTerm(term)])) > 0;
  }

  async getSetting(key: string): Promise<unknown> {
    const row = await one(this.db, 'SELECT value FROM settings WHERE key = $1', [key]);
    return row ? parseSetting(row.value) : undefined;
  }

  async getSettings(keys: string[]): Promise<Map<string, unknown>> {
    const values = new Map<string, unknown>();
    if (keys.length === 0) return values;
    for (const row of await rows(this.db, 'SELECT key, value FROM settings WHERE key = ANY($1::text[])', [keys])) {
      const value = parseSetting(row.value);
      if (value !== undefined) values.set(String(row.key), value);
    }
    return values;
  }

  async setSetting(key: string, value: unknown, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [key, JSON.stringify(value), now],
    );
  }

  async ensureSecret(key: string, create: () => string, now: Date): Promise<string> {
    // ON CONFLICT DO NOTHING: two processes starting together keep the first one's secret.
    await this.db.query('INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [key, JSON.stringify(create()), now]);
    const value = await this.getSetting(key);
    if (typeof value !== 'string' || value.length < 32) throw new Error(`setting ${key} does not hold a secret`);
    return value;
  }

  async sectionCommentsEnabled(slug: string | null): Promise<boolean> {
    if (!slug) return true;
    const row = await one(this.db, 'SELECT comments_enabled FROM sections WHERE slug = $1', [slug]);
    return row === undefined || row.comments_enabled === true;
  }

  async setSectionComments(slug: string, enabled: boolean): Promise<boolean> {
    return (await changes(this.db, 'UPDATE sections SET comments_enabled = $1 WHERE slug = $2', [enabled, slug])) > 0;
  }
}
