// Posting and reading comments: the rules of this folder put together over a CommentStore.
// Every refusal is a value with the HTTP status it means; nothing here throws for bad input.
import type { Comment, Story } from '../model.js';
import type { Repository } from '../store/repository.js';
import { authorKey, hashClient, hashEmail, newHeldToken, newSecret, normaliseName } from './hashing.js';
import { initialStatus } from './moderation.js';
import { type ClosedReason, type CommentSettings, closedReason, SETTING_NAMES, settingKey, settingsFrom } from './policy.js';
import { blocklistMatch, honeypotTripped } from './spam.js';
import type { CommentStore, CommentWithStory } from './store.js';
import { checkFormToken, issueFormToken } from './token.js';
import { type CommentForm, type FieldErrors, formValues, validateComment } from './validation.js';

const SECRET_KEY = 'comments.secret';
const CLIENT_SALT_KEY = 'comments.clientSalt';

/** The most comments one story page shows. */
export const STORY_COMMENTS_LIMIT = 1000;

export const REFUSAL_MESSAGES = {
  closed: 'Comments are closed.',
  notFound: 'There is no such story.',
  honeypot: 'Your comment could not be posted.',
  invalidToken: 'The form could not be checked; please post your comment again.',
  tooFast: 'That was quick! Please take a moment and post your comment again.',
  expired: 'This form was open for a long time; please post your comment again.',
  parentGone: 'The comment you replied to is no longer available; your comment will be posted as a new one if you post again.',
  rateLimited: 'You have posted several comments in a short time; please wait a few minutes before posting again.',
  invalid: 'Please check the fields marked below.',
} as const;

export type RefusalReason =
  | 'not-found' | 'closed' | 'invalid' | 'honeypot' | 'invalid-token' | 'too-fast' | 'expired' | 'parent-gone' | 'rate-limited';

export type PostOutcome =
  | { kind: 'posted'; comment: Comment }
  | {
      kind: 'refused';
      reason: RefusalReason;
      /** The HTTP status the refusal means: 400, 403, 404 or 429. */
      status: 400 | 403 | 404 | 429;
      message: string;
      errors: FieldErrors;
      /** What the reader typed, to fill the form again. */
      form: CommentForm;
      closed?: ClosedReason;
    };

export type Refusal = Extract<PostOutcome, { kind: 'refused' }>;

export interface PostRequest {
  storyId: number;
  /** The parsed form body (fields comment, author, email, website, parent_id, token, and the honeypot). */
  body: unknown;
  /** The client's address (hashed before use). */
  clientAddress: string;
  now: Date;
}

export async function readCommentSettings(store: CommentStore): Promise<CommentSettings> {
  return settingsFrom(await store.getSettings(SETTING_NAMES.map(settingKey)));
}

export class CommentsService {
  private secrets: Promise<{ secret: string; salt: string }> | null = null;

  constructor(
    readonly store: CommentStore,
    private readonly repo: Pick<Repository, 'getStory'>,
  ) {}

  async settings(): Promise<CommentSettings> {
    return readCommentSettings(this.store);
  }

  /** The HMAC secret (form tokens, author keys) and the client salt, created once per site. */
  private keys(): Promise<{ secret: string; salt: string }> {
    this.secrets ??= (async () => {
      const now = new Date();
      return {
        secret: await this.store.ensureSecret(SECRET_KEY, newSecret, now),
        salt: await this.store.ensureSecret(CLIENT_SALT_KEY, newSecret, now),
      };
    })();
    return this.secrets;
  }

  /** Why the story takes no comments now, or null when it does. */
  async closed(story: Story, now: Date, settings?: CommentSettings): Promise<ClosedReason | null> {
    const s = settings ?? (await this.settings());
    return closedReason(story, await this.store.sectionCommentsEnabled(story.section), s, now);
  }

  async formToken(storyId: number, now: Date): Promise<string> {
    return issueFormToken((await this.keys()).secret, storyId, now);
  }

  async post(request: PostRequest): Promise<PostOutcome> {
    const { storyId, body, now } = request;
    const form = formValues(body);
    const refuse = (reason: RefusalReason, status: Refusal['status'], message: string, errors: FieldErrors = {}): Refusal => ({
      kind: 'refused', reason, status, message, errors, form,
    });

    const story = await this.repo.getStory(storyId);
    if (!story) return refuse('not-found', 404, REFUSAL_MESSAGES.notFound);
    const settings = await this.settings();
    const closed = await this.closed(story, now, settings);
    if (closed) return { ...refuse('closed', 403, REFUSAL_MESSAGES.closed), closed };
    if (honeypotTripped(body)) return refuse('honeypot', 400, REFUSAL_MESSAGES.honeypot);

    const validation = validateComment(form, { maxLinks: settings.maxLinks });
    if (!validation.ok) return refuse('invalid', 400, REFUSAL_MESSAGES.invalid, validation.errors);
    const draft = validation.draft;

    const { secret, salt } = await this.keys();
    const fields = (body ?? {}) as Record<string, unknown>;
    const token = checkFormToken(secret, fields.token, storyId, now, {
      minSeconds: settings.minSecondsToPost,
      maxAgeHours: settings.formMaxAgeHours,
    });
    if (token === 'invalid') return refuse('invalid-token', 400, REFUSAL_MESSAGES.invalidToken);
    if (token === 'too-fast') return refuse('too-fast', 400, REFUSAL_MESSAGES.tooFast);
    if (token === 'expired') return refuse('expired', 400, REFUSAL_MESSAGES.expired);

    // One level of replies: a reply to a reply joins its top-level comment.
    let parentId: number | null = null;
    let articleId = story.firstArticleId ?? story.leadArticleId;
    const parentField = typeof fields.parent_id === 'string' ? fields.parent_id.trim() : '';
    if (parentField) {
      const parent = /^\d{1,15}$/.test(parentField) ? await this.store.get(Number(parentField)) : null;
      if (!parent || parent.storyId !== storyId || parent.status !== 'approved') {
        return refuse('parent-gone', 400, REFUSAL_MESSAGES.parentGone);
      }
      parentId = parent.parentId ?? parent.id;
      // A reply hangs on its parent's article, so the two never part when stories change.
      articleId = parent.articleId ?? articleId;
    }

    const clientHash = hashClient(salt, request.clientAddress);
    const since = new Date(now.getTime() - settings.rateLimit.windowMinutes * 60_000);
    if ((await this.store.countByClientSince(clientHash, since)) >= settings.rateLimit.max) {
      return refuse('rate-limited', 429, REFUSAL_MESSAGES.rateLimited);
    }

    const emailHash = draft.email ? hashEmail(draft.email) : null;
    const key = authorKey(secret, draft.authorName, draft.email);
    // Bans and blocklisted terms send the comment to the spam folder without telling the
    // poster, who sees it "awaiting moderation" like any held comment.
    const banned = await this.store.isBanned({ name: normaliseName(draft.authorName), emailHash, clientHash });
    const blocked = banned ? null : blocklistMatch((await this.store.listBlocklist()).map((t) => t.term), draft);
    const status = initialStatus({
      spam: banned || blocked !== null,
      authorApproved: await this.store.isAuthorApproved(key),
      holdAll: settings.holdAll,
    });
    const comment = await this.store.insert({
      storyId,
      parentId,
      articleId,
      authorName: draft.authorName,
      emailHash,
      website: draft.website,
      body: draft.body,
      status,
      clientHash,
      authorKey: key,
      heldToken: status === 'approved' ? null : newHeldToken(),
      createdAt: now,
    });
    return { kind: 'posted', comment };
  }

  /** What a story page shows: approved comments, and the reader's own held ones. */
  async forStory(storyId: number, heldTokens: string[]): Promise<Comment[]> {
    return this.store.storyComments(storyId, heldTokens, STORY_COMMENTS_LIMIT);
  }

  async recent(limit: number): Promise<CommentWithStory[]> {
    return this.store.recentApproved(limit);
  }

  async counts(storyIds: number[]): Promise<Map<number, number>> {
    return storyIds.length ? this.store.approvedCounts(storyIds) : new Map();
  }
}

/**
 * Comments as a page shows them: top-level ones oldest first, each with its replies oldest
 * first. A reply whose parent is not shown (removed since) stands on its own, in its place.
 */
export function thread(comments: Comment[]): Array<{ comment: Comment; replies: Comment[] }> {
  const entries: Array<{ comment: Comment; replies: Comment[] }> = [];
  const tops = new Map<number, { comment: Comment; replies: Comment[] }>();
  const ordered = [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  for (const c of ordered) {
    const top = c.parentId !== null ? tops.get(c.parentId) : undefined;
    if (top) {
      top.replies.push(c);
      continue;
    }
    const entry = { comment: c, replies: [] };
    entries.push(entry);
    if (c.parentId === null) tops.set(c.id, entry);
  }
  return entries;
}
