// When to fetch a source next. Pure functions of the outcome, so the policy is testable.
import type { Config } from '../config.js';

const MINUTE = 60_000;

export interface NextFetchInput {
  now: Date;
  /** The source's own interval, in minutes. */
  intervalMinutes: number;
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number | null;
  /** Cache-Control max-age, in seconds. */
  maxAgeSeconds?: number | null;
}

/**
 * After a success: the source's interval, stretched (never shortened) to what the feed
 * asks with <ttl> or Cache-Control, within the configured bounds.
 */
export function nextFetchAfterSuccess(input: NextFetchInput, schedule: Config['schedule']): Date {
  const hinted = Math.max(input.ttlMinutes ?? 0, (input.maxAgeSeconds ?? 0) / 60);
  const minutes = Math.min(
    schedule.maxIntervalMinutes,
    Math.max(schedule.minIntervalMinutes, input.intervalMinutes, Math.min(hinted, schedule.maxIntervalMinutes)),
  );
  return new Date(input.now.getTime() + minutes * MINUTE);
}

/**
 * After the n-th consecutive failure: exponential back-off from the source's interval,
 * capped so that a source is retried at least daily and never abandoned. A server's
 * Retry-After wins when it asks for longer.
 */
export function nextFetchAfterError(
  input: NextFetchInput & { errorCount: number; retryAfterMs?: number | null },
  schedule: Config['schedule'],
): Date {
  const base = Math.max(schedule.minIntervalMinutes, input.intervalMinutes);
  const backoff = Math.min(schedule.maxBackoffMinutes, base * 2 ** Math.max(0, input.errorCount - 1));
  const wait = Math.max(backoff * MINUTE, input.retryAfterMs ?? 0);
  return new Date(input.now.getTime() + Math.min(wait, schedule.maxBackoffMinutes * MINUTE));
}
