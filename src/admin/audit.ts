// The audit log: who did what, to what, when. Every admin action writes one line.
import type { AdminUser, AuditEntry, AdminStore } from './store.js';

/** Who acted: an admin user, or a command run on the server (`newsroom admin …`). */
export type Actor = Pick<AdminUser, 'id' | 'email'> | { id: null; email: string };

export const CLI_ACTOR: Actor = { id: null, email: 'command line' };

export async function recordAudit(
  store: Pick<AdminStore, 'addAudit'>,
  actor: Actor,
  action: string,
  target: string | null = null,
  details: Record<string, unknown> | string | null = null,
  now = new Date(),
): Promise<AuditEntry> {
  const text = details === null ? null : typeof details === 'string' ? details : JSON.stringify(details);
  return store.addAudit({ userId: actor.id, userEmail: actor.email, action, target, details: text }, now);
}
