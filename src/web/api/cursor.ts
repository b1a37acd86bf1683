// Opaque cursors for keyset pagination: a page starts strictly after the (time, id) of the
// last item of the page before. Clients pass them back as they are; their inside may change.
import type { Keyset } from '../../store/api-store.js';

export function encodeCursor(position: Keyset): string {
  return Buffer.from(`${position.time.getTime()}:${position.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names; null when it is not one of ours. */
export function decodeCursor(cursor: string): Keyset | null {
  const match = /^(-?\d{1,15}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const time = new Date(Number(match[1]));
  const id = Number(match[2]);
  return Number.isNaN(time.getTime()) || !Number.isSafeInteger(id) ? null : { time, id };
}
