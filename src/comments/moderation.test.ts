import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { CommentStatus } from '../model.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { initialStatus, MODERATION_ACTIONS, nextStatus } from './moderation.js';
import { openComments } from './open.js';
import { closedReason, DEFAULT_COMMENT_SETTINGS, settingsFrom } from './policy.js';

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

describe('CommentModerator on SQLite', () => {
  let repo: SqliteRepository;
  let comments: ReturnType<typeof openComments>;
  let storyId: number;
  const now = new Date('2026-11-29T10:00:00Z');

  const add = (status: CommentStatus, authorKey = 'pair-1', extra: { clientHash?: string; emailHash?: string | null } = {}) =>
    comments.store.insert({
      storyId, parentId: null, articleId: null, authorName: 'Ana', emailHash: extra.emailHash ?? null, website: null, body: 'Hello', status,
      clientHash: extra.clientHash ?? 'client-1', authorKey, heldToken: status === 'approved' ? null : 'tok', createdAt: now,
    });

  beforeEach(async () => {
    repo = SqliteRepository.open(':memory:');
    storyId = 1;
    await repo.ensureStory(storyId, now);
    await repo.saveStoryOutline({
      id: storyId, autoTitle: 'Port strike', summary: null, imageUrl: null, section: 'world', leadArticleId: null, firstArticleId: null,
      firstReportedAt: now, lastReportedAt: now, articleCount: 1, outletCount: 1,
    }, now);
    comments = openComments(repo);
  });

  it('approving trusts the author pair; marking spam withdraws that trust', async () => {
    const c = await add('pending');
    assert.equal(await comments.store.isAuthorApproved('pair-1'), false);
    const approved = await comments.moderator.approve(c.id);
    assert.equal(approved.ok && approved.comment.status, 'approved');
    assert.equal(await comments.store.isAuthorApproved('pair-1'), true);
    assert.equal((await comments.moderator.markSpam(c.id)).ok, true);
    assert.equal(await comments.store.isAuthorApproved('pair-1'), false);
    assert.equal((await comments.moderator.get(c.id))!.status, 'spam');
  });

  it('refuses actions that do not apply, and unknown comments', async () => {
    const c = await add('pending');
    assert.deepEqual(await comments.moderator.hold(c.id), { ok: false, id: c.id, error: 'not-allowed', status: 'pending' });
    assert.deepEqual(await comments.moderator.approve(424242), { ok: false, id: 424242, error: 'not-found' });
    assert.equal((await comments.moderator.remove(c.id)).ok, true);
    assert.equal((await comments.moderator.restore(c.id)).ok, true);
    assert.equal((await comments.moderator.get(c.id))!.status, 'pending');
  });

  it('acts on many comments at once, reporting those it could not change', async () => {
    const a = await add('pending', 'a');
    const b = await add('pending', 'b');
    const d = await add('deleted', 'd');
    const result = await comments.moderator.bulk([a.id, b.id, d.id, 999], 'approve');
    assert.deepEqual(result.changed.map((c) => c.id), [a.id, b.id]);
    assert.deepEqual(result.failed.map((f) => [f.id, f.error]), [[d.id, 'not-allowed'], [999, 'not-found']]);
    assert.deepEqual(await comments.moderator.counts(), { pending: 0, approved: 2, spam: 0, deleted: 1 });
    assert.deepEqual((await comments.moderator.listQueue({ status: 'approved' })).map((c) => [c.id, c.storyTitle]), [[b.id, 'Port strike'], [a.id, 'Port strike']]);
    assert.deepEqual((await comments.moderator.listQueue({ status: 'approved', beforeId: b.id })).map((c) => c.id), [a.id]);
  });

  it('bans a comment’s author by name, email and client, and lifts a ban', async () => {
    const c = await add('pending', 'pair', { clientHash: 'client-9', emailHash: 'e'.repeat(64) });
    const result = await comments.moderator.banAuthorOf(c.id, ['name', 'email', 'client']);
    assert.equal(result.ok && result.comment.status, 'spam');
    assert.deepEqual((await comments.moderator.listBans()).map((b) => `${b.kind}:${b.value}`).sort(), ['client:client-9', `email:${'e'.repeat(64)}`, 'name:ana']);
    assert.equal(await comments.store.isBanned({ name: 'ana', emailHash: null, clientHash: 'x' }), true);
    assert.equal(await comments.moderator.ban('email', 'Spammer@Example.org'), await comments.moderator.ban('email', 'spammer@example.org '));
    assert.equal(await comments.moderator.unban('name', '  ANA '), true);
    assert.equal(await comments.store.isBanned({ name: 'ana', emailHash: null, clientHash: 'x' }), false);
  });

  it('validates settings before storing them, one row per setting', async () => {
    assert.deepEqual(await comments.moderator.updateSettings({ maxLinks: -1 }), { ok: false, error: 'maxLinks: Too small: expected number to be >=0' });
    const saved = await comments.moderator.updateSettings({ holdAll: true, closeAfterDays: 30 });
    assert.equal(saved.ok, true);
    assert.deepEqual(await comments.moderator.settings(), { ...DEFAULT_COMMENT_SETTINGS, holdAll: true, closeAfterDays: 30 });
    assert.equal(await comments.store.getSetting('comments.holdAll'), true);
    assert.equal(await comments.store.getSetting('comments.maxLinks'), undefined, 'only what changed is stored');
  });
});
