// What the comments store must do on every engine, through the moderator as the admin uses
// it and directly: run by comments.test.ts against SQLite and PostgreSQL alike.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openComments } from '../../comments/open.js';
import { DEFAULT_COMMENT_SETTINGS } from '../../comments/policy.js';
import type { CommentStatus } from '../../model.js';
import type { Repository } from '../repository.js';
import { type EngineUnderTest, reportSkipped, type TestDatabase } from './engines.js';

export function describeCommentsContract(engine: EngineUnderTest): void {
if (reportSkipped(`Comments contract: ${engine.name}`, engine.skip)) return;
describe(`Comments contract: ${engine.name}`, () => {
  let repo: Repository;
  let db: TestDatabase;
  let comments: ReturnType<typeof openComments>;
  let storyId: number;
  const now = new Date('2026-11-29T10:00:00Z');

  const add = (status: CommentStatus, authorKey = 'pair-1', extra: { clientHash?: string; emailHash?: string | null } = {}) =>
    comments.store.insert({
      storyId, parentId: null, articleId: null, authorName: 'Ana', emailHash: extra.emailHash ?? null, website: null, body: 'Hello', status,
      clientHash: extra.clientHash ?? 'client-1', authorKey, heldToken: status === 'approved' ? null : 'tok', createdAt: now,
    });

  beforeEach(async () => {
    db = await engine.create();
    repo = await engine.open(db.address);
    storyId = 1;
    await repo.ensureStory(storyId, now);
    await repo.saveStoryOutline({
      id: storyId, autoTitle: 'Port strike', summary: null, imageUrl: null, section: 'world', leadArticleId: null, firstArticleId: null,
      firstReportedAt: now, lastReportedAt: now, articleCount: 1, outletCount: 1,
    }, now);
    comments = openComments(repo);
  });
  afterEach(async () => {
    await repo.close();
    await db.drop();
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

  it('shows readers approved comments and their own held ones, counts and lists them by story', async () => {
    const approved = await add('approved', 'a');
    const held = await add('pending', 'b');
    const other = await comments.store.insert({ ...held, heldToken: 'someone-else', createdAt: new Date(now.getTime() + 1000) });
    assert.deepEqual((await comments.store.storyComments(storyId, [], 50)).map((c) => c.id), [approved.id]);
    assert.deepEqual((await comments.store.storyComments(storyId, ['tok'], 50)).map((c) => c.id), [approved.id, held.id]);
    assert.ok(!(await comments.store.storyComments(storyId, ['tok'], 50)).some((c) => c.id === other.id));
    assert.deepEqual([...(await comments.store.approvedCounts([storyId, storyId, 999]))], [[storyId, 1]]);
    assert.deepEqual((await comments.store.latestApproved(storyId, 5)).map((c) => c.id), [approved.id]);
    assert.deepEqual((await comments.store.recentApproved(5)).map((c) => [c.id, c.storyTitle]), [[approved.id, 'Port strike']]);
    await repo.setStoryFlags(storyId, { hidden: true });
    assert.deepEqual(await comments.store.recentApproved(5), [], 'hidden stories leave Recent Comments');
    assert.equal(await comments.store.countByClientSince('client-1', new Date(now.getTime() - 1000)), 3);
    assert.equal(await comments.store.countByClientSince('client-1', new Date(now.getTime() + 500)), 1);
    assert.equal(await comments.store.setStatus([], 'approved', now), 0);
    const stored = (await comments.store.get(approved.id))!;
    assert.equal(stored.createdAt.toISOString(), now.toISOString());
    assert.equal(stored.moderatedAt, null);
  });

  it('keeps a blocklist, section switches and secrets', async () => {
    assert.equal(await comments.store.addBlocklistTerm('  Casino ', now), true);
    assert.equal(await comments.store.addBlocklistTerm('casino', now), false);
    assert.equal(await comments.store.addBlocklistTerm('   ', now), false);
    assert.deepEqual((await comments.store.listBlocklist()).map((t) => t.term), ['casino']);
    assert.equal(await comments.store.removeBlocklistTerm('CASINO'), true);
    assert.equal(await comments.store.sectionCommentsEnabled('world'), true);
    assert.equal(await comments.store.setSectionComments('world', false), true);
    assert.equal(await comments.store.sectionCommentsEnabled('world'), false);
    assert.equal(await comments.store.sectionCommentsEnabled(null), true);
    assert.equal(await comments.store.setSectionComments('no-such-section', false), false);
    const secret = await comments.store.ensureSecret('comments.key', () => 'k'.repeat(40), now);
    assert.equal(await comments.store.ensureSecret('comments.key', () => 'other'.repeat(10), now), secret, 'the first one is kept');
    await comments.store.setSetting('site.name', 'Harbor News', now);
    assert.deepEqual([...(await comments.store.getSettings(['site.name', 'missing']))], [['site.name', 'Harbor News']]);
  });

  it('takes a comment along when its article moves to another story', async () => {
    const source = await repo.addSource({ feedUrl: 'https://c.example/feed', name: 'C' }, 15);
    const [a] = await repo.insertArticles([{
      sourceId: source.id, guid: 'c1', url: 'https://c.example/1', canonicalUrl: 'https://c.example/1', title: 'Port strike', author: null,
      summary: null, contentHtml: null, imageUrl: null, section: 'world', categories: [], publishedAt: now, fetchedAt: now,
    }]);
    await repo.setArticleStory(a!.id, { storyId, originalId: null, fingerprint: null, statedOriginal: null });
    const c = await comments.store.insert({
      storyId, parentId: null, articleId: a!.id, authorName: 'Ana', emailHash: null, website: null, body: 'Hi', status: 'approved',
      clientHash: 'x', authorKey: 'k', heldToken: null, createdAt: now,
    });
    await repo.ensureStory(storyId + 1, now);
    await repo.moveStoryArticles(storyId, storyId + 1);
    assert.equal((await comments.store.get(c.id))!.storyId, storyId + 1);
  });
});
}
