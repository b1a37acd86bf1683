// What the admin's Moderation page uses of the comments feature: its moderator
// (src/comments/moderator.ts, documented in docs/comments.md). Only the methods named here,
// so the admin keeps working while the comments code grows.
import type { CommentModerator } from '../../comments/moderator.js';

export type ModerationApi = Pick<
  CommentModerator,
  | 'listQueue' | 'counts' | 'apply' | 'bulk' | 'banAuthorOf' | 'ban' | 'unban' | 'listBans' | 'listBlocklist'
  | 'addBlocklistTerm' | 'removeBlocklistTerm' | 'setSectionComments' | 'sectionCommentsEnabled'
>;
