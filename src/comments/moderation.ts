// The moderation state machine. A new comment is pending, approved or (silently) spam; an
// editor moves it on with one of the actions below, and only along these arrows:
//
//   pending ──approve──▶ approved ──hold──▶ pending
//   pending/approved ──spam──▶ spam ──approve──▶ approved
//   pending/approved/spam ──delete──▶ deleted ──restore──▶ pending   (spam ──restore──▶ pending too)
import type { CommentStatus } from '../model.js';

export type ModerationAction = 'approve' | 'spam' | 'delete' | 'hold' | 'restore';

export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'spam', 'delete', 'hold', 'restore'];

const TRANSITIONS: Record<ModerationAction, { from: readonly CommentStatus[]; to: CommentStatus }> = {
  approve: { from: ['pending', 'spam'], to: 'approved' },
  spam: { from: ['pending', 'approved'], to: 'spam' },
  delete: { from: ['pending', 'approved', 'spam'], to: 'deleted' },
  hold: { from: ['approved'], to: 'pending' },
  restore: { from: ['spam', 'deleted'], to: 'pending' },
};

/** The status an action leads to from `from`, or null when the action does not apply. */
export function nextStatus(from: CommentStatus, action: ModerationAction): CommentStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** What the author pair's standing becomes after an action: approval trusts it, spam revokes it. */
export function authorStandingAfter(action: ModerationAction): boolean | null {
  return action === 'approve' ? true : action === 'spam' ? false : null;
}

/**
 * The status of a new comment. Spam (a ban or a blocklisted term) goes to the spam folder;
 * a pair already approved is published at once unless the site holds every comment; any
 * other comment waits for an editor.
 */
export function initialStatus(facts: { spam: boolean; authorApproved: boolean; holdAll: boolean }): CommentStatus {
  if (facts.spam) return 'spam';
  return facts.authorApproved && !facts.holdAll ? 'approved' : 'pending';
}

export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(value);
}
