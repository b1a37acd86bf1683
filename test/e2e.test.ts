// The whole system on loopback: the demo's publishers, Newsroom on a temporary database,
// real HTTP between them. What a newcomer sees after `npm run demo`, asserted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { createHttpClient } from '../src/fetch/http.js';
import { pollSources } from '../src/jobs/poll-source.js';
import { subscribe } from '../src/jobs/subscribe.js';
import { startServer, type RunningServer } from '../src/server.js';
import { type DemoNetwork, startPublishers } from '../demo/publishers.js';

describe('end to end: demo publishers → fetch → public pages', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
  const config = loadConfig({}, { db: path.join(dir, 'newsroom.db'), port: 0, allowLoopback: true });
  config.fetch.perHostSpacingMs = 0;
  config.schedule.tickSeconds = 3600; // cycles are run by the test, not by the clock
  const http = createHttpClient(config.fetch);
  let publishers: DemoNetwork;
  let server: RunningServer;
  let brokenId = 0;
  let privateId = 0;
  let firstCycle: Awaited<ReturnType<typeof pollSources>>;

  const get = async (url: string) => {
    const res = await fetch(new URL(url, server.url));
    return { status: res.status, body: await res.text() };
  };

  before(async () => {
    publishers = await startPublishers({ basePort: 0 });
    server = await startServer(config, { scheduler: true });
    const deps = { repo: server.repo, http, config };
    for (const site of publishers.sites) {
      // By the site's address: the feed is discovered from the home page.
      const result = await subscribe(site.url, { section: site.outlet.section }, deps);
      assert.ok(!('error' in result), `subscribing to ${site.url}: ${'error' in result ? result.error : ''}`);
    }
    brokenId = (await server.repo.addSource({ feedUrl: publishers.brokenFeedUrl, name: 'Broken Feed' }, 15)).id;
    privateId = (await server.repo.addSource({ feedUrl: 'http://10.255.255.1/feed.xml', name: 'Private Address' }, 15)).id;
    firstCycle = await server.scheduler!.runOnce();
  });

  after(async () => {
    await server?.stop();
    await http.close();
    await publishers?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fetches every outlet and stores its articles, the broken and private feeds failing alone', async () => {
    const sources = await server.repo.listSources();
    const healthy = sources.filter((s) => s.id !== brokenId && s.id !== privateId);
    assert.equal(healthy.length, publishers.sites.length);
    for (const s of healthy) assert.equal(s.lastOutcome, 'ok', `${s.name}: ${s.lastError}`);
    assert.equal(firstCycle.inserted, publishers.articles.length);
    assert.equal((await server.repo.counts()).articles, publishers.articles.length);
  });

  it('records a broken feed on its source and backs it off', async () => {
    const broken = (await server.repo.getSource(brokenId))!;
    assert.equal(broken.lastOutcome, 'error');
    assert.match(broken.lastError ?? '', /not a feed/);
    assert.equal(broken.errorCount, 1);
    assert.ok(broken.nextFetchAt.getTime() > Date.now(), 'retried later, not abandoned');
  });

  it('refuses a feed on a private address', async () => {
    const refused = (await server.repo.getSource(privateId))!;
    assert.equal(refused.lastOutcome, 'error');
    assert.match(refused.lastError ?? '', /refused/);
    const direct = await subscribe('http://192.168.1.20/feed', {}, { repo: server.repo, http, config });
    assert.ok('error' in direct && /refused/.test(direct.error));
  });

  it('ranks the stories on the home page and lists every article, newest first, on /latest', async () => {
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.match(home.body, /Home<\/a><\/li><li aria-current="page">Top Stories/);
    const shownStories = [...home.body.matchAll(/<h2 class="card-title"><a href="\/story\/(\d+)">/g)].map((m) => Number(m[1]));
    const stories = await server.repo.latestStories({ limit: 1000 });
    assert.ok(shownStories.length >= Math.min(30, stories.length), 'a card per story');
    const covered = stories.filter((s) => s.outletCount >= 3).map((s) => s.id);
    assert.ok(covered.length > 0);
    const topCovered = shownStories.findIndex((id) => covered.includes(id));
    assert.ok(topCovered >= 0 && topCovered < 10, 'a widely covered story is among the first cards');
    assert.match(home.body, /<a class="outlets" href="\/story\/\d+">\d+ outlets<\/a>/);

    const { status, body } = await get('/latest');
    assert.equal(status, 200);
    const newest = [...publishers.articles].sort((a, b) => b.published.getTime() - a.published.getTime()).slice(0, 5);
    let position = -1;
    for (const article of newest) {
      const escapedTitle = article.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
      const at = body.indexOf(escapedTitle);
      assert.ok(at > position, `"${article.title}" listed after the one before it`);
      position = at;
    }
  });

  it('shows an article page with its attribution and the credit of a syndicated copy', async () => {
    const copy = publishers.articles.find((a) => a.original)!;
    const stored = (await server.repo.latestArticles({ limit: 500 })).find(
      (a) => a.title === copy.title && a.sourceName === copy.outlet.name,
    );
    assert.ok(stored, 'the syndicated copy was stored');
    assert.doesNotMatch(stored.canonicalUrl, /utm_|fbclid/, 'tracking parameters are not part of the identity');
    const { status, body } = await get(`/article/${stored.id}`);
    assert.equal(status, 200);
    assert.match(body, new RegExp(`Read the original article on ${copy.outlet.name.replace(/[.*+?^${}()|[\]\\&]/g, '.')}`));
    if (stored.contentHtml) assert.match(body, new RegExp(`Read the original article on ${copy.original!.outlet.name.replace(/[.*+?^${}()|[\]\\&]/g, '.')}`));
  });

  it('decodes the ISO-8859-1 outlet correctly', async () => {
    const latin = publishers.sites.find((s) => s.outlet.feedFormat === 'rss2-latin1')!;
    const source = (await server.repo.listSources()).find((s) => s.feedUrl === latin.feedUrl)!;
    const stored = await server.repo.latestArticles({ sourceId: source.id, limit: 100 });
    const expected = latin.articles.map((a) => a.title).sort();
    assert.deepEqual(stored.map((a) => a.title).sort(), expected);
    assert.ok(stored.some((a) => /[^\x00-\x7f]/.test(`${a.title}${a.author}${a.summary}`)), 'accented text survives');
  });

  it('a second cycle adds nothing and is answered with 304s', async () => {
    const before304 = publishers.requestLog.filter((r) => r.status === 304).length;
    const second = await pollSources(await server.repo.listSources(), { repo: server.repo, http, config });
    assert.equal(second.inserted, 0);
    assert.equal(second.notModified, publishers.sites.length);
    assert.equal(publishers.requestLog.filter((r) => r.status === 304).length - before304, publishers.sites.length);
    assert.equal((await server.repo.counts()).articles, publishers.articles.length);
    const broken = (await server.repo.getSource(brokenId))!;
    assert.equal(broken.errorCount, 2, 'consecutive errors are counted');
  });

  it('shows every source with its health on the sources page', async () => {
    const { body } = await get('/sources');
    for (const site of publishers.sites) assert.ok(body.includes(site.outlet.name.replace(/&/g, '&amp;').replace(/'/g, '&#39;')), site.outlet.name);
    assert.match(body, /Broken Feed/);
    assert.match(body, /failing \(2 times in a row\)/);
  });

  it("folds every syndicated copy under its original, in its original's story", async () => {
    const stored = await server.repo.latestArticles({ limit: 500 });
    const find = (title: string, outlet: string) => stored.find((a) => a.title === title && a.sourceName === outlet);
    for (const copy of publishers.articles.filter((a) => a.original)) {
      const storedCopy = find(copy.title, copy.outlet.name)!;
      const storedOriginal = find(copy.original!.title, copy.original!.outlet.name)!;
      assert.equal(storedCopy.originalId, storedOriginal.id, `${copy.outlet.name}'s copy of "${copy.title}"`);
      assert.equal(storedCopy.storyId, storedOriginal.storyId);
      const { body } = await get(`/story/${storedOriginal.storyId}`);
      assert.match(body, new RegExp(`Republished by <a href="/article/${storedCopy.id}">`));
    }
  });

  it('shows a story page with its coverage, who reported first, and a link from each article', async () => {
    const stored = await server.repo.latestArticles({ limit: 500 });
    const story = (await server.repo.latestStories({ limit: 100 })).sort((a, b) => b.outletCount - a.outletCount)[0]!;
    assert.ok(story.outletCount >= 2, 'some story has coverage from several outlets');
    const members = stored.filter((a) => a.storyId === story.id && a.originalId === null);
    const first = [...members].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())[0]!;
    const { status, body } = await get(`/story/${story.id}`);
    assert.equal(status, 200);
    assert.match(body, new RegExp(`First reported by <a href="/article/${first.id}">`));
    for (const m of members) assert.ok(body.includes(`href="/article/${m.id}"`), `coverage lists article ${m.id}`);
    assert.match(body, /Timeline/);
    const article = await get(`/article/${first.id}`);
    assert.match(article.body, new RegExp(`<a href="/story/${story.id}">Full coverage: ${story.outletCount} outlets</a>`));
  });

  it('fetches each article page, extracts its text without the boilerplate, and shows it', async () => {
    await server.pages!.idle();
    const stored = await server.repo.latestArticles({ limit: 500 });
    const demo = publishers.articles.find((a) => !a.original && a.paragraphs.length >= 5 && a.outlet.feedFormat === 'atom')!;
    const article = stored.find((a) => a.title === demo.title && a.sourceName === demo.outlet.name)!;
    const page = await server.repo.getArticlePage(article.id);
    assert.equal(page?.status, 'ok', page?.detail ?? '');
    const { body } = await get(`/article/${article.id}`);
    const text = body.slice(body.indexOf('<div class="article-text">'), body.indexOf('</div>', body.indexOf('<div class="article-text">')));
    for (const paragraph of demo.paragraphs) {
      const escaped = paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
      assert.ok(text.includes(escaped.slice(0, 60)), `paragraph shown: ${paragraph.slice(0, 60)}`);
    }
    for (const boilerplate of ['See also', 'Read also', 'Advertisement', 'Please enter your comment', 'Donate now', 'Most Popular', 'Share:']) {
      assert.ok(!text.includes(boilerplate), `no "${boilerplate}" in the article text`);
    }
  });
});
