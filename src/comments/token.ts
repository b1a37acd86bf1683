// The form token: when the form was rendered, for which story, signed with the site's secret.
// A person takes seconds to write a comment; a bot posts at once, or replays an old form.
import crypto from 'node:crypto';

export type TokenCheck = 'ok' | 'invalid' | 'too-fast' | 'expired';

function signature(secret: string, storyId: number, issuedAt: number): string {
  return crypto.createHmac('sha256', secret).update(`comment-form\n${storyId}\n${issuedAt}`).digest('base64url').slice(0, 32);
}

export function issueFormToken(secret: string, storyId: number, now: Date): string {
  const issuedAt = now.getTime();
  return `${issuedAt.toString(36)}.${signature(secret, storyId, issuedAt)}`;
}

export function checkFormToken(
  secret: string,
  token: unknown,
  storyId: number,
  now: Date,
  limits: { minSeconds: number; maxAgeHours: number },
): TokenCheck {
  if (typeof token !== 'string') return 'invalid';
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return 'invalid';
  const issuedAt = parseInt(match[1]!, 36);
  const expected = Buffer.from(signature(secret, storyId, issuedAt));
  if (!crypto.timingSafeEqual(expected, Buffer.from(match[2]!))) return 'invalid';
  const age = now.getTime() - issuedAt;
  if (age < limits.minSeconds * 1000) return 'too-fast';
  if (age > limits.maxAgeHours * 3600_000) return 'expired';
  return 'ok';
}
