// What the comments feature needs from storage. SQLite implements it
// (src/store/sqlite/comments-store.ts); the PostgreSQL engine will implement the same.
import type { Comment, CommentStatus } from '../model.js';

export type NewComment = Omit<Comment, 'id' | 'moderatedAt'>;

/** A comment with the headline of its story, for lists across stories (queue, Recent Comments). */
export interface CommentWithStory extends Comment {
  storyTitle: string;
}

export type BanKind = 'name' | 'email' | 'client';

export interface Ban {
  kind: BanKind;
  /** name: normalised name; email: the address's hash; client: the client hash. */
  value: string;
  createdAt: Date;
}

export interface BlocklistTerm {
  term: string;
  createdAt: Date;
}

export interface CommentListQuery {
  /** Default 'pending'. */
  status?: CommentStatus;
  storyId?: number;
  limit: number;
  /** Keyset pagination: comments older than this one. */
  beforeId?: number;
}

export interface CommentStore {
  insert(comment: NewComment): Promise<Comment>;
  get(id: number): Promise<Comment | null>;
  /** A story's approved comments and those held for the given tokens, oldest first. */
  storyComments(storyId: number, heldTokens: string[], limit: number): Promise<Comment[]>;
  /** A story's approved comments, newest first (its feed). */
  latestApproved(storyId: number, limit: number): Promise<Comment[]>;
  /** Approved comments on visible stories, newest first. */
  recentApproved(limit: number): Promise<CommentWithStory[]>;
  approvedCounts(storyIds: number[]): Promise<Map<number, number>>;
  /** Comments by status for moderation, newest first. */
  list(query: CommentListQuery): Promise<CommentWithStory[]>;
  countByStatus(): Promise<Record<CommentStatus, number>>;
  countByClientSince(clientHash: string, since: Date): Promise<number>;
  setStatus(ids: number[], status: CommentStatus, now: Date): Promise<number>;

  isAuthorApproved(authorKey: string): Promise<boolean>;
  setAuthorApproved(authorKey: string, approved: boolean, now: Date): Promise<void>;

  addBan(kind: BanKind, value: string, now: Date): Promise<void>;
  removeBan(kind: BanKind, value: string): Promise<boolean>;
  listBans(limit: number): Promise<Ban[]>;
  isBanned(who: { name: string; emailHash: string | null; clientHash: string }): Promise<boolean>;

  listBlocklist(limit?: number): Promise<BlocklistTerm[]>;
  /** Adds a term (stored normalised); false when it was there already or is empty. */
  addBlocklistTerm(term: string, now: Date): Promise<boolean>;
  removeBlocklistTerm(term: string): Promise<boolean>;

  /** A setting's JSON value, or undefined when it was never set. */
  getSetting(key: string): Promise<unknown>;
  /** The values of the settings that are set among `keys`. */
  getSettings(keys: string[]): Promise<Map<string, unknown>>;
  setSetting(key: string, value: unknown, now: Date): Promise<void>;
  /** A random secret kept under `key`, created the first time it is asked for. */
  ensureSecret(key: string, create: () => string, now: Date): Promise<string>;

  /** Whether a section takes comments (true for an unknown or missing section). */
  sectionCommentsEnabled(slug: string | null): Promise<boolean>;
  setSectionComments(slug: string, enabled: boolean): Promise<boolean>;
}
