import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { CommentStatus } from '../model.js';
import { initialStatus, MODERATION_ACTIONS, nextStatus } from './moderation.js';
import { closedReason, DEFAULT_COMMENT_SETTINGS, settingsFrom } from './policy.js';

// The moderator over a real store, on every engine: src/store/contract/comments-contract.ts.

describe('moderation state machine', () => {
  it('moves comments only along its arrows', () => {
    const table: Record<CommentStatus, Record<string, CommentStatus | null>> = {
      pending: { approve: 'approved', spam: 'spam', delete: 'deleted', hold: null, restore: null },
      approved: { approve: null, spam: 'spam', delete: 'deleted', hold: 'pending', restore: null },
      spam: { approve: 'approved', spam: null, delete: 'deleted', hold: null, restore: 'pending' },
      deleted: { approve: null, spam: null, delete: null, hold: null, restore: 'pending' },
    };
    for (const [from, row] of Object.entries(table) as Array<[CommentStatus, Record<string, CommentStatus | null>]>) {
      for (const action of MODERATION_ACTIONS) assert.equal(nextStatus(from, action), row[action], `${from} --${action}-->`);
    }
  });

  it('holds a first comment, publishes an approved pair’s, and sends spam to spam', () => {
    assert.equal(initialStatus({ spam: false, authorApproved: false, holdAll: false }), 'pending');
    assert.equal(initialStatus({ spam: false, authorApproved: true, holdAll: false }), 'approved');
    assert.equal(initialStatus({ spam: false, authorApproved: true, holdAll: true }), 'pending');
    assert.equal(initialStatus({ spam: true, authorApproved: true, holdAll: false }), 'spam');
  });
});

describe('comment policy', () => {
  const story = { commentsClosed: false, firstReportedAt: new Date('2026-11-01T00:00:00Z'), createdAt: new Date('2026-11-01T00:00:00Z') };
  const settings = DEFAULT_COMMENT_SETTINGS;
  const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n));

  it('closes for the site, the section, the story, and after 14 days by default', () => {
    assert.equal(closedReason(story, true, settings, day(13)), null);
    assert.equal(closedReason(story, true, settings, day(14)), 'age');
    assert.equal(closedReason(story, true, { ...settings, closeAfterDays: 0 }, day(400)), null, '0 keeps them open');
    assert.equal(closedReason(story, true, { ...settings, enabled: false }, day(1)), 'site');
    assert.equal(closedReason(story, false, settings, day(1)), 'section');
    assert.equal(closedReason({ ...story, commentsClosed: true }, true, settings, day(1)), 'story');
    assert.equal(closedReason({ ...story, firstReportedAt: null }, true, settings, day(14)), 'age', 'from the story’s creation without a first report');
  });

  it('reads stored settings over the defaults, ignoring values that do not fit', () => {
    const stored = new Map<string, unknown>([['comments.holdAll', true], ['comments.closeAfterDays', -3], ['comments.maxLinks', 'many']]);
    assert.deepEqual(settingsFrom(stored), { ...DEFAULT_COMMENT_SETTINGS, holdAll: true });
  });
});
