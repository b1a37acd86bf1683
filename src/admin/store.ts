// What the admin needs from storage: its users, sessions, login attempts, audit log, sponsor
// slots and settings, plus the few read-outs of core tables its pages need that the
// Repository does not offer. Each engine implements it (store/sqlite/admin-store.ts,
// store/pg/admin-store.ts); adminStoreFor picks the repository's.
import type { AttemptStore } from './rate-limit.js';
import type { Section, Story } from '../model.js';
import { PostgresAdminStore } from '../store/pg/admin-store.js';
import { PostgresRepository } from '../store/pg/postgres-repository.js';
import type { Repository } from '../store/repository.js';
import { SqliteAdminStore } from '../store/sqlite/admin-store.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';

export interface AdminUser {
  id: number;
  email: string;
  passwordHash: string;
  sessionsValidAfter: Date;
  createdAt: Date;
}

export interface AdminSession {
  /** The hash of the cookie's token. */
  id: string;
  userId: number;
  csrfToken: string;
  flash: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface AuditEntry {
  id: number;
  userId: number | null;
  userEmail: string | null;
  action: string;
  target: string | null;
  details: string | null;
  createdAt: Date;
}

export interface SlotRecord {
  name: string;
  html: string;
  enabled: boolean;
  updatedAt: Date | null;
}

/** A story as the admin lists it: hidden ones included. */
export type AdminStory = Pick<
  Story,
  'id' | 'title' | 'autoTitle' | 'editorTitle' | 'section' | 'lastReportedAt' | 'articleCount' | 'outletCount' | 'pinned' | 'hidden'
>;

export class DuplicateAdminError extends Error {
  constructor(readonly email: string) {
    super(`an admin with the email ${email} already exists`);
  }
}

export interface AdminStore extends AttemptStore {
  // Users
  createUser(email: string, passwordHash: string, now?: Date): Promise<AdminUser>;
  findUserByEmail(email: string): Promise<AdminUser | null>;
  getUser(id: number): Promise<AdminUser | null>;
  listUsers(): Promise<AdminUser[]>;
  countUsers(): Promise<number>;
  setPasswordHash(userId: number, passwordHash: string): Promise<void>;
  removeUser(userId: number): Promise<boolean>;
  // Sessions
  createSession(session: Omit<AdminSession, 'flash'>): Promise<void>;
  /** A live session and its user: not expired, not older than the user's last "log out everywhere". */
  findSession(id: string, now?: Date): Promise<{ session: AdminSession; user: AdminUser } | null>;
  deleteSession(id: string): Promise<void>;
  /** "Log out everywhere": every session of the user ends now. */
  endAllSessions(userId: number, now?: Date): Promise<number>;
  /** Ends the user's other sessions (after a password change), keeping the one in use. */
  endOtherSessions(userId: number, keepSessionId: string): Promise<number>;
  countSessions(userId: number, now?: Date): Promise<number>;
  setFlash(sessionId: string, message: string | null): Promise<void>;
  pruneSessions(now?: Date): Promise<number>;
  // Login attempts (the rate limiter's store)
  failuresSince(key: string, since: Date): Promise<number>;
  oldestFailureSince(key: string, since: Date): Promise<Date | null>;
  recordFailure(key: string, at: Date): Promise<void>;
  clearFailures(key: string): Promise<void>;
  pruneBefore(before: Date): Promise<void>;
  /** A random secret by name, made on first use and kept. */
  secret(name: string): Promise<string>;
  // Audit log
  addAudit(entry: Omit<AuditEntry, 'id' | 'createdAt'>, now?: Date): Promise<AuditEntry>;
  /** Newest first; keyset pagination by id. */
  listAudit(query: { limit: number; beforeId?: number | undefined }): Promise<AuditEntry[]>;
  countAudit(): Promise<number>;
  // Sponsor slots and settings (JSON values)
  getSlot(name: string): Promise<SlotRecord | null>;
  saveSlot(slot: { name: string; html: string; enabled: boolean }, now?: Date): Promise<void>;
  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown, now?: Date): Promise<void>;
  // Sections and read-outs of core tables for the admin's pages
  renameSection(slug: string, name: string): Promise<boolean>;
  /** Puts the sections in this order (slugs not listed keep their place after them). */
  orderSections(slugs: string[]): Promise<void>;
  sectionUsage(): Promise<Map<string, number>>;
  /** Articles per source published since a time (the sources page's "per day"). */
  articlesPerSourceSince(since: Date): Promise<Map<number, number>>;
  articleCountOfSource(sourceId: number): Promise<number>;
  /** The stories a source has articles in (to outline them again when it is removed). */
  storyIdsOfSource(sourceId: number): Promise<number[]>;
  /** Stories by latest coverage, hidden ones included, pinned first. */
  stories(query: { limit: number; offset: number; search?: string | undefined }): Promise<AdminStory[]>;
  /**
   * Records a pin or hide against the story's articles (or clears it), so it can be put back
   * on whatever story those articles are in after re-clustering.
   */
  anchorStoryFlag(storyId: number, flag: 'pinned' | 'hidden', on: boolean, now?: Date): Promise<void>;
  /** Puts anchored pins and hides back on the stories their articles are in now; returns the stories changed. */
  reapplyStoryFlags(): Promise<number>;
  /** Sections in order, as the settings page edits them. */
  sections(): Promise<Section[]>;
}

/** The admin's store over a repository of either engine. */
export function adminStoreFor(repo: Repository): AdminStore {
  if (repo instanceof SqliteRepository) return new SqliteAdminStore(repo.database);
  if (repo instanceof PostgresRepository) return new PostgresAdminStore(repo.pool);
  throw new Error('the admin needs a SQLite or PostgreSQL repository');
}
