// The cookie that lets a reader's browser see their own comments while they await
// moderation: the held comments' random tokens, nothing else.
import type { FastifyRequest } from 'fastify';

export const HELD_COOKIE = 'newsroom_held';
const MAX_TOKENS = 20;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_AGE_SECONDS = 60 * 24 * 3600;

export function heldTokens(request: FastifyRequest): string[] {
  const header = request.headers.cookie;
  if (!header) return [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== HELD_COOKIE) continue;
    return part
      .slice(eq + 1)
      .trim()
      .split('.')
      .filter((t) => TOKEN.test(t))
      .slice(-MAX_TOKENS);
  }
  return [];
}

/** The Set-Cookie value that adds a token to those the browser holds (the newest 20 are kept). */
export function heldCookie(existing: string[], token: string, secure: boolean): string {
  const tokens = [...existing.filter((t) => t !== token), token].slice(-MAX_TOKENS);
  return `${HELD_COOKIE}=${tokens.join('.')}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
