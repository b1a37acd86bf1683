// CSRF: every admin form carries a per-session token in a hidden field, and every POST is
// checked against it. (SameSite=Lax cookies already keep most cross-site posts out; the
// token also covers old browsers and same-site attackers.)
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The name of the hidden form field. */
export const CSRF_FIELD = '_csrf';

/** A fresh random token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether the submitted token is the expected one; constant time, false for anything missing. */
export function csrfTokenValid(expected: string | null | undefined, submitted: unknown): boolean {
  if (typeof expected !== 'string' || expected.length === 0 || typeof submitted !== 'string' || submitted.length === 0) return false;
  // Compare digests, so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(submitted).digest();
  return timingSafeEqual(a, b);
}

/** The stored form of a session token: a copy of the database cannot be used to log in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
