// Login rate limit: failures are counted per client (a keyed hash of its address) and per
// email over a sliding window; past the limit, logins are refused (HTTP 429) before the
// password is even checked, so a guesser learns nothing more until the window has passed.

export interface AttemptStore {
  /** Failures recorded for a key since a time. */
  failuresSince(key: string, since: Date): Promise<number>;
  /** The oldest failure for a key since a time (to say when the window frees up). */
  oldestFailureSince(key: string, since: Date): Promise<Date | null>;
  recordFailure(key: string, at: Date): Promise<void>;
  clearFailures(key: string): Promise<void>;
  /** Forgets failures older than a time (bounded maintenance). */
  pruneBefore(before: Date): Promise<void>;
}

export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60_000 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginRateLimiter {
  constructor(
    private readonly store: AttemptStore,
    private readonly options: RateLimitOptions = DEFAULT_LOGIN_LIMIT,
  ) {}

  /** Whether a login may be tried for all these keys (client and email) now. */
  async check(keys: string[], now = new Date()): Promise<RateDecision> {
    const since = new Date(now.getTime() - this.options.windowMs);
    let retryAfterMs = 0;
    for (const key of keys) {
      if ((await this.store.failuresSince(key, since)) < this.options.maxFailures) continue;
      const oldest = (await this.store.oldestFailureSince(key, since)) ?? now;
      retryAfterMs = Math.max(retryAfterMs, oldest.getTime() + this.options.windowMs - now.getTime());
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : { allowed: true };
  }

  async fail(keys: string[], now = new Date()): Promise<void> {
    for (const key of keys) await this.store.recordFailure(key, now);
    await this.store.pruneBefore(new Date(now.getTime() - this.options.windowMs));
  }

  async succeed(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.clearFailures(key);
  }
}

/** An AttemptStore in memory, for tests and single-use tools. */
export class MemoryAttemptStore implements AttemptStore {
  private readonly attempts = new Map<string, Date[]>();

  async failuresSince(key: string, since: Date): Promise<number> {
    return (this.attempts.get(key) ?? []).filter((d) => d >= since).length;
  }
  async oldestFailureSince(key: string, since: Date): Promise<Date | null> {
    return (this.attempts.get(key) ?? []).filter((d) => d >= since).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  }
  async recordFailure(key: string, at: Date): Promise<void> {
    this.attempts.set(key, [...(this.attempts.get(key) ?? []), at]);
  }
  async clearFailures(key: string): Promise<void> {
    this.attempts.delete(key);
  }
  async pruneBefore(before: Date): Promise<void> {
    for (const [key, dates] of this.attempts) {
      const kept = dates.filter((d) => d >= before);
      if (kept.length) this.attempts.set(key, kept);
      else this.attempts.delete(key);
    }
  }
}
