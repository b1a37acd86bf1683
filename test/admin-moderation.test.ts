// The Moderation page over HTTP, through the comments feature's moderation API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openComments } from '../src/comments/open.js';
import type { Comment } from '../src/model.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { type AdminFixture, Client, startAdmin } from './helpers/admin-fixtures.js';

describe('admin moderation', () => {
  let fx: AdminFixture;
  let client: Client;
  const comments: Comment[] = [];
  let storyId = 0;

  before(async () => {
    // The fixture opens its own repository; the comments feature is opened on the same one.
    const repo = SqliteRepository.open(':memory:');
    const { moderator, store } = openComments(repo);
    fx = await startAdmin({ repo, moderation: moderator });
    const source = await repo.addSource({ feedUrl: 'https://ledger.example/feed', name: 'Daily Ledger' }, 15);
    const [article] = await repo.insertArticles([{
      sourceId: source.id, guid: '1', url: 'https://ledger.example/1', canonicalUrl: 'https://ledger.example/1', title: 'Harbour wall repairs begin',
      author: null, summary: 'Work started.', contentHtml: null, imageUrl: null, section: null, categories: [], publishedAt: new Date(), fetchedAt: new Date(),
    }]);
    await fx.stories.process([article!]);
    storyId = (await repo.getArticle(article!.id))!.storyId!;
    const people = [['Ann Reader', 'Lovely to see the wall fixed.'], ['Bob <b>Bold</b>', 'Buy cheap pills at spam.example'], ['Cy', 'When will the works end?']];
    for (const [i, [name, body]] of people.entries()) {
      comments.push(await store.insert({
        storyId, articleId: article!.id, parentId: null, authorName: name!, emailHash: i === 1 ? 'e'.repeat(64) : null, website: null, body: body!, status: 'pending',
        clientHash: `client${i}`.padEnd(40, '0'), authorKey: `author${i}`, heldToken: null, createdAt: new Date(Date.now() - (3 - i) * 60_000),
      }));
    }
    client = new Client(fx.app);
    await client.login();
  });
  after(async () => {
    await fx?.close();
  });

  it('lists the queue, newest first, escaped', async () => {
    const page = await client.get('/admin/moderation');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Waiting <span class="count">3<\/span>/);
    assert.ok(page.body.indexOf('Cy') < page.body.indexOf('Ann Reader'), 'newest first');
    assert.match(page.body, /Bob &lt;b&gt;Bold&lt;\/b&gt;/);
    assert.match(page.body, /on <a href="\/story\/\d+#comment-\d+">Harbour wall repairs begin<\/a>/);
  });

  it('approves several at once, marks one spam and bans its client', async () => {
    const [ann, bob, cy] = comments;
    const bulk = await client.submit('/admin/moderation', { status: 'pending', action: 'approve', bulk: '1', ids: [String(ann!.id), String(cy!.id)] });
    assert.equal(bulk.statusCode, 303);
    const notice = await client.get(bulk.headers.location as string);
    assert.match(notice.body, /Approve: 2 comments\./);
    await client.submit('/admin/moderation', { status: 'pending', one: `ban-client:${bob!.id}` });
    const { moderator } = openComments(fx.repo);
    const counts = await moderator.counts();
    assert.deepEqual(counts, { pending: 0, approved: 2, spam: 1, deleted: 0 });
    assert.deepEqual((await moderator.listBans()).map((b) => [b.kind, b.value]), [['client', bob!.clientHash]]);
    await client.submit('/admin/moderation', { status: 'spam', one: `delete:${bob!.id}` });
    assert.equal((await moderator.get(bob!.id))!.status, 'deleted');
  });

  it('edits the blocklist and bans by hand', async () => {
    await client.submit('/admin/moderation/blocklist', { terms: 'cheap pills\nspam.example\n' });
    const { moderator } = openComments(fx.repo);
    assert.deepEqual((await moderator.listBlocklist()).map((t) => t.term), ['cheap pills', 'spam.example']);
    await client.submit('/admin/moderation/blocklist/remove', { term: 'cheap pills' });
    assert.deepEqual((await moderator.listBlocklist()).map((t) => t.term), ['spam.example']);
    await client.submit('/admin/moderation/bans', { kind: 'name', value: 'Spammy McSpam' });
    assert.ok((await moderator.listBans()).some((b) => b.kind === 'name' && b.value === 'spammy mcspam'));
    await client.submit('/admin/moderation/bans/remove', { kind: 'name', value: 'spammy mcspam' });
    assert.ok(!(await moderator.listBans()).some((b) => b.kind === 'name'));
    const audit = await client.get('/admin/audit');
    for (const action of ['comments.approve', 'comment.ban.client', 'comment.delete', 'blocklist.add', 'blocklist.remove', 'comment.ban.name', 'comment.unban.name']) {
      assert.match(audit.body, new RegExp(`<code>${action.replace(/\./g, '\\.')}</code>`), action);
    }
  });

  it("switches comments off for a section, and closes one story's comments", async () => {
    const { moderator } = openComments(fx.repo);
    const settings = await client.get('/admin/settings');
    assert.match(settings.body, /<th scope="col">Comments<\/th>/);
    await client.submit('/admin/sections/world/comments', { enabled: 'no' });
    assert.equal(await moderator.sectionCommentsEnabled('world'), false);
    assert.equal(await moderator.sectionCommentsEnabled('business'), true);
    await client.submit(`/admin/stories/${storyId}/close-comments`);
    assert.equal((await fx.repo.getStory(storyId))!.commentsClosed, true);
    assert.match((await client.get(`/admin/stories/${storyId}`)).body, /Comments are closed on this story\./);
    await client.submit(`/admin/stories/${storyId}/open-comments`);
    assert.equal((await fx.repo.getStory(storyId))!.commentsClosed, false);
  });
});
