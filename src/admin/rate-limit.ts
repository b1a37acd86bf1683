// Login rate limit: failures are counted per client (a keyed hash of its address) and per
// email over a sliding window; past the limit, logins are refused (HTTP 429) before the
// password is even checked, so a guesser learns nothing more until the window has passed.

export interface AttemptStore {
  /** Failures recorded for a key since a time. */
  failuresSince(key: string, since: Date): number;
  /** The oldest failure for a key since a time (to say when the window frees up). */
  oldestFailureSince(key: string, since: Date): Date | null;
  recordFailure(key: string, at: Date): void;
  clearFailures(key: string): void;
  /** Forgets failures older than a time (bounded maintenance). */
  pruneBefore(before: Date): void;
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
  check(keys: string[], now = new Date()): RateDecision {
    const since = new Date(now.getTime() - this.options.windowMs);
    let retryAfterMs = 0;
    for (const key of keys) {
      if (this.store.failuresSince(key, since) < this.options.maxFailures) continue;
      const oldest = this.store.oldestFailureSince(key, since) ?? now;
      retryAfterMs = Math.max(retryAfterMs, oldest.getTime() + this.options.windowMs - now.getTime());
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : { allowed: true };
  }

  fail(keys: string[], now = new Date()): void {
    for (const key of keys) this.store.recordFailure(key, now);
    this.store.pruneBefore(new Date(now.getTime() - this.options.windowMs));
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.store.clearFailures(key);
  }
}

/** An AttemptStore in memory, for tests and single-use tools. */
export class MemoryAttemptStore implements AttemptStore {
  private readonly attempts = new Map<string, Date[]>();

  failuresSince(key: string, since: Date): number {
    return (this.attempts.get(key) ?? []).filter((d) => d >= since).length;
  }
  oldestFailureSince(key: string, since: Date): Date | null {
    return (this.attempts.get(key) ?? []).filter((d) => d >= since).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  }
  recordFailure(key: string, at: Date): void {
    this.attempts.set(key, [...(this.attempts.get(key) ?? []), at]);
  }
  clearFailures(key: string): void {
    this.attempts.delete(key);
  }
  pruneBefore(before: Date): void {
    for (const [key, dates] of this.attempts) {
      const kept = dates.filter((d) => d >= before);
      if (kept.length) this.attempts.set(key, kept);
      else this.attempts.delete(key);
    }
  }
}
