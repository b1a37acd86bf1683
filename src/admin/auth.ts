// Admin accounts and sessions. The session cookie holds a random token; the store keeps
// only its hash, with a CSRF token for the session's forms. Logins are rate-limited per
// client and per email, and checked in the same time whether the email exists or not.
import { createHmac } from 'node:crypto';
import type { AdminSession, AdminUser, AdminStore } from './store.js';
import { DuplicateAdminError } from './store.js';
import { newToken, tokenHash } from './csrf.js';
import { DEFAULT_SCRYPT, dummyHash, hashPassword, needsRehash, passwordProblem, type ScryptParams, verifyPassword } from './password.js';
import { DEFAULT_LOGIN_LIMIT, LoginRateLimiter, type RateLimitOptions } from './rate-limit.js';

export interface AuthOptions {
  sessionTtlMs: number;
  scrypt: ScryptParams;
  loginLimit: RateLimitOptions;
}

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  sessionTtlMs: 7 * 24 * 3600_000,
  scrypt: DEFAULT_SCRYPT,
  loginLimit: DEFAULT_LOGIN_LIMIT,
};

export type LoginResult =
  | { ok: true; user: AdminUser; token: string; session: AdminSession }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'invalid'; user: AdminUser | null };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblem(email: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? null : `"${email}" is not an email address`;
}

export class AdminAuth {
  readonly limiter: LoginRateLimiter;
  private readonly options: AuthOptions;
  private dummy: Promise<string> | null = null;

  constructor(
    readonly store: AdminStore,
    options: Partial<AuthOptions> = {},
  ) {
    this.options = { ...DEFAULT_AUTH_OPTIONS, ...options };
    this.limiter = new LoginRateLimiter(store, this.options.loginLimit);
  }

  /** The rate limiter's key for a client: a keyed hash of its address (the address is never stored). */
  async clientKey(address: string): Promise<string> {
    return `client:${createHmac('sha256', await this.store.secret('client-hash')).update(address).digest('hex').slice(0, 32)}`;
  }

  private emailKey(email: string): string {
    return `email:${normaliseEmail(email)}`;
  }

  async createUser(email: string, password: string, now = new Date()): Promise<AdminUser | { error: string }> {
    const address = normaliseEmail(email);
    const problem = emailProblem(address) ?? passwordProblem(password);
    if (problem) return { error: problem };
    try {
      return await this.store.createUser(address, await hashPassword(password, this.options.scrypt), now);
    } catch (err) {
      if (err instanceof DuplicateAdminError) return { error: err.message };
      throw err;
    }
  }

  async setPassword(userId: number, password: string): Promise<{ error: string } | null> {
    const problem = passwordProblem(password);
    if (problem) return { error: problem };
    await this.store.setPasswordHash(userId, await hashPassword(password, this.options.scrypt));
    return null;
  }

  async checkPassword(user: AdminUser, password: string): Promise<boolean> {
    return verifyPassword(password, user.passwordHash);
  }

  async login(email: string, password: string, clientAddress: string, now = new Date()): Promise<LoginResult> {
    const keys = [await this.clientKey(clientAddress), this.emailKey(email)];
    const decision = await this.limiter.check(keys, now);
    if (!decision.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
    const user = await this.store.findUserByEmail(normaliseEmail(email));
    const valid = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(password, await (this.dummy ??= dummyHash(this.options.scrypt))).then(() => false);
    if (!user || !valid) {
      await this.limiter.fail(keys, now);
      return { ok: false, reason: 'invalid', user };
    }
    await this.limiter.succeed(keys);
    if (needsRehash(user.passwordHash, this.options.scrypt)) {
      await this.store.setPasswordHash(user.id, await hashPassword(password, this.options.scrypt));
    }
    const token = newToken();
    const session: AdminSession = {
      id: tokenHash(token),
      userId: user.id,
      csrfToken: newToken(),
      flash: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.sessionTtlMs),
    };
    await this.store.createSession(session);
    return { ok: true, user, token, session };
  }

  /** The session a cookie's token opens, or null (unknown, expired, or ended everywhere). */
  async resolve(token: string | undefined, now = new Date()): Promise<{ user: AdminUser; session: AdminSession } | null> {
    if (!token || token.length > 200) return null;
    return this.store.findSession(tokenHash(token), now);
  }

  async logout(token: string): Promise<void> {
    await this.store.deleteSession(tokenHash(token));
  }

  /** Ends every session of the user, on every device. */
  async logoutEverywhere(userId: number, now = new Date()): Promise<number> {
    return this.store.endAllSessions(userId, now);
  }
}
