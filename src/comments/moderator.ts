// The moderation API the admin calls: the queue, actions on one comment or many, bans, the
// blocklist, the comment settings and per-section switches. docs/comments.md lists it.
import type { Comment, CommentStatus } from '../model.js';
import { hashEmail, normaliseName } from './hashing.js';
import { authorStandingAfter, type ModerationAction, nextStatus } from './moderation.js';
import { type CommentSettings, CommentSettingsSchema, SETTING_NAMES, settingKey } from './policy.js';
import { readCommentSettings } from './service.js';
import type { Ban, BanKind, BlocklistTerm, CommentListQuery, CommentStore, CommentWithStory } from './store.js';

export type ModerationResult =
  | { ok: true; comment: Comment }
  /** not-found: no such comment; not-allowed: the action does not apply to its status. */
  | { ok: false; id: number; error: 'not-found' | 'not-allowed'; status?: CommentStatus };

export interface BulkResult {
  changed: Comment[];
  failed: Array<Extract<ModerationResult, { ok: false }>>;
}

/** The most comments one bulk action or one page of the queue handles. */
export const MAX_BULK = 500;
export const MAX_PAGE = 200;

export class CommentModerator {
  constructor(
    private readonly store: CommentStore,
    private readonly clock: () => Date = () => new Date(),
    /** Told of every comment whose status changed (pages showing it are then out of date). */
    private readonly changed: (comment: Comment) => void = () => {},
  ) {}

  /** Comments of one status (pending by default), newest first, with their story's title. */
  listQueue(query: Partial<CommentListQuery> = {}): Promise<CommentWithStory[]> {
    return this.store.list({ ...query, limit: Math.min(Math.max(1, query.limit ?? 50), MAX_PAGE) });
  }

  counts(): Promise<Record<CommentStatus, number>> {
    return this.store.countByStatus();
  }

  get(id: number): Promise<Comment | null> {
    return this.store.get(id);
  }

  /** Moves one comment along the state machine (moderation.ts); approving trusts its author pair, spam revokes that. */
  async apply(id: number, action: ModerationAction): Promise<ModerationResult> {
    const comment = await this.store.get(id);
    if (!comment) return { ok: false, id, error: 'not-found' };
    const to = nextStatus(comment.status, action);
    if (!to) return { ok: false, id, error: 'not-allowed', status: comment.status };
    const now = this.clock();
    await this.store.setStatus([id], to, now);
    const standing = authorStandingAfter(action);
    if (standing !== null) await this.store.setAuthorApproved(comment.authorKey, standing, now);
    this.changed(comment);
    return { ok: true, comment: { ...comment, status: to, moderatedAt: now } };
  }

  approve(id: number): Promise<ModerationResult> {
    return this.apply(id, 'approve');
  }

  markSpam(id: number): Promise<ModerationResult> {
    return this.apply(id, 'spam');
  }

  /** Deletes softly (status "deleted"): the comment disappears from the site and can be restored. */
  remove(id: number): Promise<ModerationResult> {
    return this.apply(id, 'delete');
  }

  /** Takes an approved comment off the site back into the queue. */
  hold(id: number): Promise<ModerationResult> {
    return this.apply(id, 'hold');
  }

  /** Brings a spam or deleted comment back to the queue. */
  restore(id: number): Promise<ModerationResult> {
    return this.apply(id, 'restore');
  }

  /** One action on many comments (at most MAX_BULK); each is checked on its own. */
  async bulk(ids: number[], action: ModerationAction): Promise<BulkResult> {
    const result: BulkResult = { changed: [], failed: [] };
    for (const id of [...new Set(ids)].slice(0, MAX_BULK)) {
      const r = await this.apply(id, action);
      if (r.ok) result.changed.push(r.comment);
      else result.failed.push(r);
    }
    return result;
  }

  /**
   * Bans a name, an email or a client: their comments go to spam from now on.
   * `value` is the name as written, the email address (or its hash from a comment), or a
   * comment's clientHash. Returns the value stored.
   */
  async ban(kind: BanKind, value: string): Promise<string> {
    const stored = banValue(kind, value);
    if (stored) await this.store.addBan(kind, stored, this.clock());
    return stored;
  }

  unban(kind: BanKind, value: string): Promise<boolean> {
    return this.store.removeBan(kind, banValue(kind, value));
  }

  listBans(limit = 500): Promise<Ban[]> {
    return this.store.listBans(limit);
  }

  /** Bans the author of a comment by the kinds given, and marks the comment spam unless told not to. */
  async banAuthorOf(commentId: number, kinds: BanKind[], options: { markSpam?: boolean } = {}): Promise<ModerationResult> {
    const comment = await this.store.get(commentId);
    if (!comment) return { ok: false, id: commentId, error: 'not-found' };
    for (const kind of new Set(kinds)) {
      const value = kind === 'name' ? comment.authorName : kind === 'email' ? comment.emailHash : comment.clientHash;
      if (value) await this.ban(kind, value);
    }
    if (options.markSpam !== false && nextStatus(comment.status, 'spam')) return this.apply(commentId, 'spam');
    return { ok: true, comment };
  }

  listBlocklist(): Promise<BlocklistTerm[]> {
    return this.store.listBlocklist();
  }

  addBlocklistTerm(term: string): Promise<boolean> {
    return this.store.addBlocklistTerm(term, this.clock());
  }

  removeBlocklistTerm(term: string): Promise<boolean> {
    return this.store.removeBlocklistTerm(term);
  }

  settings(): Promise<CommentSettings> {
    return readCommentSettings(this.store);
  }

  /** Changes some settings; an invalid value is refused with a message naming the setting. */
  async updateSettings(patch: Partial<CommentSettings>): Promise<{ ok: true; settings: CommentSettings } | { ok: false; error: string }> {
    const merged = { ...(await this.settings()), ...patch };
    const parsed = CommentSettingsSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: `${issue?.path.join('.')}: ${issue?.message}` };
    }
    const now = this.clock();
    for (const name of SETTING_NAMES) {
      if (patch[name] !== undefined) await this.store.setSetting(settingKey(name), parsed.data[name], now);
    }
    return { ok: true, settings: parsed.data };
  }

  /** Switches comments on or off for a section; false when there is no such section. */
  setSectionComments(slug: string, enabled: boolean): Promise<boolean> {
    return this.store.setSectionComments(slug, enabled);
  }

  sectionCommentsEnabled(slug: string): Promise<boolean> {
    return this.store.sectionCommentsEnabled(slug);
  }
}

function banValue(kind: BanKind, value: string): string {
  if (kind === 'name') return normaliseName(value);
  if (kind === 'email') return value.includes('@') ? hashEmail(value) : value.trim().toLowerCase();
  return value.trim();
}
