import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { defaultConfig } from '../config.js';
import type { Article, Source } from '../model.js';
import { StoriesService } from '../stories/service.js';
import type { PruneBatch } from '../store/repository.js';
import { onChange } from '../store/changes.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { buildApp } from '../web/app.js';
import { pruneBodies, retentionDays, startRetention } from './retention.js';

const FLOOD =
  'Three people have died and about 4,000 have been evacuated after the River Ambry burst its banks in the town of ' +
  'Kesselford, authorities said, as the river reached a record 6.8 metres following 140 millimetres of rain in 36 hours.';
const DAY = 86_400_000;
const NOW = Date.now();

describe('retention: pruning old article bodies', () => {
  let repo: SqliteRepository;
  let app: FastifyInstance;
  const old: Article[] = [];
  const recent: Article[] = [];
  let storyId = 0;
  let storyPageBefore = '';
  const batches: Array<{ limit: number; result: PruneBatch }> = [];

  before(async () => {
    repo = SqliteRepository.open(':memory:');
    const sources: Source[] = [];
    for (const name of ['wire', 'herald', 'courier']) sources.push(await repo.addSource({ feedUrl: `https://${name}.example/feed`, name: `The ${name}`, section: 'world' }, 15));
    const stories = new StoriesService(repo);
    await stories.start(new Date(NOW - 41 * DAY));
    let n = 0;
    const store = async (ageDays: number, into: Article[]) => {
      n++;
      const at = new Date(NOW - ageDays * DAY + n * 60_000);
      const source = sources[n % sources.length]!;
      const [article] = await repo.insertArticles([
        {
          sourceId: source.id, guid: `g${n}`, url: `https://${source.id}.example/a/${n}`, canonicalUrl: `https://${source.id}.example/a/${n}`,
          title: `River Ambry floods Kesselford, report ${n}`, author: null, summary: `Summary ${n}: the river burst its banks.`,
          contentHtml: `<p>${FLOOD}</p><p>Feed body ${n}.</p>`, imageUrl: null, section: 'world', categories: [], publishedAt: at, fetchedAt: at,
        },
      ]);
      await stories.process([article!], at);
      await repo.saveArticlePage({
        articleId: article!.id, status: 'ok', detail: null, httpStatus: 200, contentType: 'text/html', html: Buffer.from(`<html><body><p>Page ${n}</p></body></html>`),
        text: `${FLOOD}\n\nExtracted text ${n}.`, cleanHtml: `<p>Extracted text ${n}.</p>`, byline: 'A Reporter', canonicalUrl: null, imageUrl: null, supportUrl: null,
        fetchedAt: at, extractedAt: at,
      });
      into.push((await repo.getArticle(article!.id))!);
    };
    for (let i = 0; i < 7; i++) await store(40, old);
    for (let i = 0; i < 2; i++) await store(2, recent);
    storyId = old[0]!.storyId!;
    assert.ok(storyId > 0);
    app = await buildApp({ repo, config: defaultConfig() });
    storyPageBefore = (await app.inject({ url: `/story/${storyId}` })).body;
    // Every batch the pruner asks the store for, with the limit it asked.
    const original = repo.pruneBodies.bind(repo);
    repo.pruneBodies = async (query) => {
      const result = await original(query);
      batches.push({ limit: query.limit, result });
      return result;
    };
  });
  after(async () => {
    await app.close();
    await repo.close();
  });

  it('counts without changing anything on a dry run', async () => {
    const result = await pruneBodies(repo, { days: 30, now: new Date(NOW), batchSize: 3, dryRun: true });
    assert.deepEqual([result.scanned, result.pruned], [7, 7]);
    assert.equal((await repo.getArticle(old[0]!.id))!.contentHtml !== null, true);
    assert.ok((await repo.getArticlePage(old[0]!.id))!.text);
  });

  it('clears bodies older than the limit in bounded batches, keeping recent ones whole', async () => {
    batches.length = 0;
    const announced = new Set<string>();
    const stopListening = onChange(repo, (tags) => tags.forEach((t) => announced.add(t)));
    const result = await pruneBodies(repo, { days: 30, now: new Date(NOW), batchSize: 3 });
    stopListening();
    for (const a of old) assert.ok(announced.has(`article:${a.id}`), `the cached page of article ${a.id} is dropped`);
    for (const a of recent) assert.ok(!announced.has(`article:${a.id}`));
    assert.deepEqual([result.scanned, result.pruned], [7, 7]);
    assert.equal(result.batches, 3, '7 old articles in batches of 3, the third reaching a recent one');
    for (const b of batches) assert.ok(b.limit === 3 && b.result.scanned <= 3);
    assert.equal(result.lastId, old[old.length - 1]!.id);

    for (const a of old) {
      const article = (await repo.getArticle(a.id))!;
      assert.equal(article.contentHtml, null);
      assert.equal(article.title, a.title);
      assert.equal(article.summary, a.summary);
      assert.equal(article.storyId, a.storyId);
      const page = (await repo.getArticlePage(a.id))!;
      assert.deepEqual([page.status, page.html, page.text, page.cleanHtml, page.byline], ['ok', null, null, null, 'A Reporter']);
    }
    for (const a of recent) {
      assert.equal((await repo.getArticle(a.id))!.contentHtml, a.contentHtml);
      assert.match((await repo.getArticlePage(a.id))!.text!, /Extracted text/);
      assert.ok((await repo.getArticlePage(a.id))!.html);
    }
    // A pruned page is not a missing page: it is not fetched again.
    const missing = await repo.articlesWithoutPage(100);
    assert.equal(missing.length, 0);
  });

  it('leaves the story page whole and the article page readable', async () => {
    const storyPage = await app.inject({ url: `/story/${storyId}` });
    assert.equal(storyPage.statusCode, 200);
    assert.equal(storyPage.body, storyPageBefore);
    const articlePage = await app.inject({ url: `/article/${old[0]!.id}` });
    assert.equal(articlePage.statusCode, 200);
    assert.match(articlePage.body, /Summary 1: the river burst its banks\./);
    assert.doesNotMatch(articlePage.body, /Extracted text 1\./);
    assert.match(articlePage.body, /Read the original article on/);
  });

  it('prunes hourly from where the last pass stopped', async () => {
    const task = startRetention(repo, () => 30);
    try {
      batches.length = 0;
      const first = await task.runOnce();
      assert.equal(first.pruned, 0, 'pruned already');
      const second = await task.runOnce();
      assert.equal(second.scanned, 0);
      assert.equal(batches[batches.length - 1]!.result.lastId, old[old.length - 1]!.id, 'starts after the last pruned article');
    } finally {
      await task.stop();
    }
  });
});

describe('retention setting', () => {
  const store = (value: unknown) => ({ getSetting: async () => value, setSetting: async () => undefined });
  it('takes the admin setting, else NEWSROOM_RETAIN_BODIES_DAYS, and 0 as off', async () => {
    const config = defaultConfig();
    assert.equal(await retentionDays(store(undefined), config), null, 'off by default');
    config.ops.retainBodiesDays = 30;
    assert.equal(await retentionDays(store(undefined), config), 30);
    assert.equal(await retentionDays(store(7), config), 7);
    assert.equal(await retentionDays(store(0), config), null);
    assert.equal(await retentionDays(store('lots'), config), 30, 'a stored value that does not fit reads as the default');
  });

  it('does nothing while off', async () => {
    const repo = SqliteRepository.open(':memory:');
    let asked = 0;
    repo.pruneBodies = async () => {
      asked++;
      return { lastId: 0, scanned: 0, pruned: 0, done: true };
    };
    const task = startRetention(repo, () => null);
    try {
      assert.equal((await task.runOnce()).batches, 0);
      assert.equal(asked, 0);
    } finally {
      await task.stop();
      await repo.close();
    }
  });
});
