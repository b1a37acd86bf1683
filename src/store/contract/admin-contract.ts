// What the admin's store must do on every engine: run by admin.test.ts against SQLite and
// PostgreSQL alike. The admin's pages over it are tested in test/admin*.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminStoreFor, DuplicateAdminError } from '../../admin/store.js';
import { type EngineUnderTest, reportSkipped } from './engines.js';
import { article, useRepository } from './repository-contract.js';

export function describeAdminStoreContract(engine: EngineUnderTest): void {
  if (reportSkipped(`Admin store contract: ${engine.name}`, engine.skip)) return;
  describe(`Admin store contract: ${engine.name}`, () => {
    const { repo } = useRepository(engine);
    const now = new Date('2026-11-29T10:00:00.000Z');
    const later = (ms: number) => new Date(now.getTime() + ms);

    it('keeps users and sessions; "log out everywhere" ends every session', async () => {
      const store = adminStoreFor(repo());
      const user = await store.createUser('ed@example.org', 'scrypt$hash', now);
      await assert.rejects(store.createUser('ed@example.org', 'x', now), DuplicateAdminError);
      assert.equal((await store.findUserByEmail('ed@example.org'))?.id, user.id);
      assert.equal(await store.countUsers(), 1);
      await store.setPasswordHash(user.id, 'scrypt$new');
      assert.equal((await store.getUser(user.id))?.passwordHash, 'scrypt$new');
      for (const id of ['s1', 's2']) await store.createSession({ id, userId: user.id, csrfToken: `csrf-${id}`, createdAt: now, expiresAt: later(3600_000) });
      const found = (await store.findSession('s1', later(1000)))!;
      assert.equal(found.user.email, 'ed@example.org');
      assert.equal(found.session.csrfToken, 'csrf-s1');
      assert.equal(found.session.expiresAt.toISOString(), later(3600_000).toISOString());
      assert.equal(await store.findSession('s1', later(3600_001)), null, 'expired');
      await store.setFlash('s1', 'Saved.');
      assert.equal((await store.findSession('s1', later(1000)))?.session.flash, 'Saved.');
      assert.equal(await store.countSessions(user.id, later(1000)), 2);
      assert.equal(await store.endOtherSessions(user.id, 's1'), 1);
      assert.equal(await store.endAllSessions(user.id, later(2000)), 1);
      await store.createSession({ id: 'old', userId: user.id, csrfToken: 'c', createdAt: later(1000), expiresAt: later(3600_000) });
      assert.equal(await store.findSession('old', later(3000)), null, 'made before "log out everywhere"');
      await store.createSession({ id: 'gone', userId: user.id, csrfToken: 'c', createdAt: now, expiresAt: now });
      assert.ok((await store.pruneSessions(later(1))) >= 1);
      assert.deepEqual((await store.listUsers()).map((u) => u.email), ['ed@example.org']);
      assert.equal(await store.removeUser(user.id), true);
      assert.equal(await store.removeUser(user.id), false);
    });

    it('counts login failures in a window, keeps secrets, audit entries, slots and settings', async () => {
      const store = adminStoreFor(repo());
      for (const ms of [0, 1000, 2000]) await store.recordFailure('client:a', later(ms));
      assert.equal(await store.failuresSince('client:a', later(500)), 2);
      assert.equal((await store.oldestFailureSince('client:a', later(500)))?.toISOString(), later(1000).toISOString());
      assert.equal(await store.oldestFailureSince('client:none', now), null);
      await store.pruneBefore(later(1500));
      assert.equal(await store.failuresSince('client:a', now), 1);
      await store.clearFailures('client:a');
      assert.equal(await store.failuresSince('client:a', now), 0);

      const secret = await store.secret('client-hash');
      assert.ok(secret.length >= 32);
      assert.equal(await store.secret('client-hash'), secret, 'made once, then kept');

      const first = await store.addAudit({ userId: null, userEmail: 'command line', action: 'admin.create', target: 'ed', details: null }, now);
      for (let i = 0; i < 3; i++) await store.addAudit({ userId: null, userEmail: 'x', action: 'test', target: String(i), details: '{"n":1}' }, later(i));
      const page = await store.listAudit({ limit: 2 });
      assert.deepEqual(page.map((e) => e.target), ['2', '1']);
      assert.deepEqual((await store.listAudit({ limit: 5, beforeId: page[1]!.id })).map((e) => e.target), ['0', 'ed']);
      assert.equal(await store.countAudit(), 4);
      assert.equal(first.createdAt.toISOString(), now.toISOString());

      assert.equal(await store.getSlot('sidebar'), null);
      await store.saveSlot({ name: 'sidebar', html: '<p>Ad</p>', enabled: true }, now);
      await store.saveSlot({ name: 'sidebar', html: '<p>Ad 2</p>', enabled: false }, later(1));
      assert.deepEqual(await store.getSlot('sidebar'), { name: 'sidebar', html: '<p>Ad 2</p>', enabled: false, updatedAt: later(1) });
      await store.setSetting('site.name', 'Harbor News', now);
      assert.equal(await store.getSetting('site.name'), 'Harbor News');
      assert.equal(await store.getSetting('missing'), undefined);
    });

    it('orders and renames sections, lists stories with hidden ones, and re-applies anchored pins and hides', async () => {
      const store = adminStoreFor(repo());
      await store.orderSections(['sports', 'world']);
      assert.deepEqual((await store.sections()).slice(0, 3).map((s) => s.slug), ['sports', 'world', 'politics']);
      assert.equal(await store.renameSection('sports', 'Sport'), true);
      assert.equal((await store.sections())[0]!.name, 'Sport');

      const source = await repo().addSource({ feedUrl: 'https://adm.example/feed', name: 'Adm', section: 'world' }, 15);
      assert.equal((await store.sectionUsage()).get('world'), 1);
      const [a] = await repo().insertArticles([article(source.id, 1, { canonicalUrl: 'https://adm.example/1', publishedAt: now, title: 'Harbour 100% rebuilt' })]);
      await repo().ensureStory(500, now);
      await repo().setArticleStory(a!.id, { storyId: 500, originalId: null, fingerprint: null, statedOriginal: null });
      await repo().saveStoryOutline({
        id: 500, autoTitle: 'Harbour 100% rebuilt', summary: null, imageUrl: null, section: 'world', leadArticleId: a!.id, firstArticleId: a!.id,
        firstReportedAt: now, lastReportedAt: now, articleCount: 1, outletCount: 1,
      }, now);
      assert.equal((await store.articlesPerSourceSince(later(-1000))).get(source.id), 1);
      assert.equal(await store.articleCountOfSource(source.id), 1);
      assert.deepEqual(await store.storyIdsOfSource(source.id), [500]);
      assert.deepEqual((await store.stories({ limit: 10, offset: 0, search: 'harbour 100%' })).map((s) => s.id), [500], 'case-insensitive, % literal');
      assert.deepEqual((await store.stories({ limit: 10, offset: 0, search: '#500' })).map((s) => s.id), [500]);
      assert.deepEqual(await store.stories({ limit: 10, offset: 0, search: '100_' }), []);

      await repo().setStoryFlags(500, { pinned: true, hidden: true });
      await store.anchorStoryFlag(500, 'pinned', true, now);
      await store.anchorStoryFlag(500, 'hidden', true, now);
      // Re-clustering makes a new story of the same article: the flags follow it.
      await repo().ensureStory(501, now);
      await repo().moveStoryArticles(500, 501);
      await repo().saveStoryOutline({
        id: 501, autoTitle: 'Harbour rebuilt', summary: null, imageUrl: null, section: 'world', leadArticleId: a!.id, firstArticleId: a!.id,
        firstReportedAt: now, lastReportedAt: now, articleCount: 1, outletCount: 1,
      }, now);
      assert.equal(await store.reapplyStoryFlags(), 2);
      const moved = (await store.stories({ limit: 10, offset: 0, search: '#501' }))[0]!;
      assert.equal(moved.pinned, true);
      assert.equal(moved.hidden, true);
      await store.anchorStoryFlag(501, 'hidden', false, now);
      await repo().setStoryFlags(501, { hidden: false });
      assert.equal(await store.reapplyStoryFlags(), 0, 'a cleared flag is not put back');
    });
  });
}
