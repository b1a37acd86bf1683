// Search on SQLite beyond the contract every engine passes (src/store/contract/search-contract.ts):
// the FTS5 migration over articles stored before it, then the page, the feed and the JSON API
// through the web app.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { defaultConfig } from '../src/config.js';
import type { Article, NewArticle } from '../src/model.js';
import { ids, newsroom, NOW } from '../src/store/contract/search-contract.js';
import { openSearch } from '../src/search/open.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { StoriesService } from '../src/stories/service.js';
import { buildApp } from '../src/web/app.js';
import { searchExtension } from '../src/web/search/extension.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('search migration', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-search-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('indexes the articles and page texts stored before it', async () => {
    const file = path.join(dir, 'before.db');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version < 6)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, NOW.toISOString());
    }
    const t = NOW.toISOString();
    db.prepare(`INSERT INTO sources (id, feed_url, name, interval_minutes, next_fetch_at, created_at) VALUES (1, 'https://old.example/feed', 'Old Times', 15, ?, ?)`).run(t, t);
    const insert = db.prepare(`INSERT INTO articles (id, source_id, guid, url, canonical_url, title, summary, published_at, fetched_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)`);
    insert.run(1, 'a', 'https://old.example/a', 'https://old.example/a', 'Pelican census', 'Old summary', t, t);
    insert.run(2, 'b', 'https://old.example/b', 'https://old.example/b', 'Harbour news', null, t, t);
    db.prepare(`INSERT INTO article_pages (article_id, status, text, fetched_at) VALUES (2, 'ok', 'A pelican stole a fish.', ?)`).run(t);
    db.close();

    const repo = SqliteRepository.open(file);
    try {
      assert.equal(repo.schemaVersion(), MIGRATIONS[MIGRATIONS.length - 1]!.version);
      const found = await openSearch(repo).search('pelican', { now: NOW });
      assert.deepEqual(ids(found), [1, 2]);
    } finally {
      await repo.close();
    }
  });

  // Since migration 010 the insert indexes new articles itself (no trigger): both of its paths,
  // and the updates the stories stage makes in the same transaction, must leave every
  // article findable exactly once.
  it('finds articles stored by either insert, once each, after later decisions changed older ones', async () => {
    const repo = SqliteRepository.open(path.join(dir, 'inserts.db'));
    try {
      const [a, b] = [await repo.addSource({ feedUrl: 'https://a.example/feed', name: 'Alpha' }, 15), await repo.addSource({ feedUrl: 'https://b.example/feed', name: 'Beta' }, 15)];
      const article = (source: number, n: number, title: string, summary: string, at: Date): NewArticle => ({
        sourceId: source, guid: `g${n}`, url: `https://x.example/${n}`, canonicalUrl: `https://x.example/${n}`, title, author: null,
        summary, contentHtml: null, imageUrl: null, section: null, categories: [], publishedAt: at, fetchedAt: at,
      });
      const stories = new StoriesService(repo);
      await stories.start(NOW);
      const copyText = 'The harbour master counted forty pelicans on the breakwater this morning, the most in a decade, and asked boats to slow down near the colony.';
      // A copy first, its original after (from the other outlet, earlier): the second insert
      // also rewrites the first article's row (its original), which fires a trigger.
      await stories.ingest([article(b.id, 1, 'Pelicans return to the harbour', copyText, new Date(NOW.getTime() - HOUR))], NOW);
      await stories.ingest([article(a.id, 2, 'Pelicans return to the harbour', copyText, new Date(NOW.getTime() - 2 * HOUR))], NOW);
      await stories.settled();
      await repo.insertArticles([article(a.id, 3, 'Cormorant numbers fall', 'Fewer cormorants nest on the pier than last year.', NOW)]);

      const matching = (query: string) =>
        (repo.database.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid').all(query) as Array<{ rowid: number }>).map((r) => r.rowid);
      assert.deepEqual(matching('pelicans'), [1, 2]);
      assert.deepEqual(matching('harbour AND master'), [1, 2], 'the summary is indexed as the body');
      // Through the search itself: one result per story (the copy and its original share one).
      const search = openSearch(repo);
      assert.equal(ids(await search.search('pelicans', { now: NOW })).length, 1);
      assert.deepEqual(ids(await search.search('cormorant*', { now: NOW })), [3]);
      const rows = repo.database.prepare('SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM articles_fts) AS indexed').get();
      assert.deepEqual(rows, { articles: 3, indexed: 3 });
      assert.equal((await repo.getArticle(1))?.originalId, 2, 'the copy that came first points at its original');
    } finally {
      await repo.close();
    }
  });
});

describe('search over HTTP', () => {
  let site: Awaited<ReturnType<typeof newsroom>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let best: Article;
  let hostile: Article;

  before(async () => {
    site = await newsroom(SqliteRepository.open(':memory:'));
    const { publish, herald, courier, gazette, repo } = site;
    for (let i = 0; i < 4; i++) {
      await publish([courier, gazette][i % 2]!, { title: `Portvale strike coverage ${i}`, summary: 'Dock workers stayed out.', story: 7, ago: (i + 2) * DAY });
    }
    best = await publish(herald, { title: 'Portvale strike enters third day', summary: 'Dock workers in Portvale stayed out for a third day.', story: 7 });
    await repo.renameStory(7, 'Port strike in Portvale');
    for (let i = 0; i < 25; i++) await publish(herald, { title: `Gannet colony report ${i}`, ago: (i + 1) * DAY });
    hostile = await publish(gazette, {
      title: '<script>alert("t")</script> Gannet & co', summary: '<img src=x onerror=alert(1)> gannet', url: 'javascript:alert(1)', ago: 40 * DAY,
    });
    app = await buildApp({ repo, config: defaultConfig(), extensions: [searchExtension({ repo, clock: () => NOW, siteName: 'Newsroom' })] });
  });
  after(async () => {
    await app.close();
    await site.repo.close();
  });

  it('shows the form with its filters and tips when there is no query', async () => {
    const res = await app.inject({ url: '/search' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<form class="site-search" method="get" action="\/search" role="search">/);
    assert.match(res.body, /<input id="search-q" type="search" name="q" value=""/);
    assert.match(res.body, /<select name="section">\s*<option value="">All sections<\/option>\s*<option value="world">World<\/option>/);
    assert.match(res.body, new RegExp(`<option value="${site.gazette.id}">Gazette &amp; &lt;Post&gt;</option>`));
    assert.match(res.body, /<input type="date" name="from" value="">/);
    assert.match(res.body, /Tips: all words must appear/);
    assert.doesNotMatch(res.body, /search-results|application\/rss\+xml/);
  });

  it('lists one result per story with its highlighted snippet, outlet, time and story link', async () => {
    const res = await app.inject({ url: '/search?q=portvale+strike' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<p class="search-count" role="status">1 result for <q>portvale strike<\/q><\/p>/);
    assert.match(res.body, new RegExp(`<h2 class="card-title"><a href="/article/${best.id}"><mark>Portvale</mark> <mark>strike</mark> enters third day</a></h2>`));
    assert.match(res.body, /<span class="outlet">The Harbor Herald<\/span> · <time datetime="2026-03-10T11:00:00.000Z"/);
    assert.match(res.body, /<p class="search-snippet">Dock workers in <mark>Portvale<\/mark> stayed out for a third day\.<\/p>/);
    assert.match(res.body, /<a href="\/story\/7">4 more articles in this story<\/a>/);
    assert.match(res.body, /<link rel="alternate" type="application\/rss\+xml" title="Search: portvale strike" href="\/search.rss\?q=portvale\+strike">/);
    assert.match(res.body, /<meta name="robots" content="noindex">/);
    assert.match(res.body, /<title>portvale strike · Search · Newsroom<\/title>/);
  });

  it('pages with links that keep the query and filters', async () => {
    const first = await app.inject({ url: '/search?q=gannet&section=world&outlet=&from=&to=' });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /26 results for <q>gannet<\/q> · showing 1–20/);
    assert.equal((first.body.match(/<li class="search-result">/g) ?? []).length, 20);
    assert.match(first.body, /<a rel="next" href="\/search\?q=gannet&amp;section=world&amp;page=2">Next →<\/a>/);
    assert.match(first.body, /<option value="world" selected>World<\/option>/);
    assert.match(first.body, /<details class="search-filters" open>/);
    const second = await app.inject({ url: '/search?q=gannet&section=world&page=2' });
    assert.match(second.body, /showing 21–26/);
    assert.match(second.body, /<a rel="prev" href="\/search\?q=gannet&amp;section=world">← Previous<\/a>/);
    assert.doesNotMatch(second.body, /rel="next"/);
  });

  it('escapes the query and everything from publishers', async () => {
    const res = await app.inject({ url: `/search?q=${encodeURIComponent('gannet "<script>')}` });
    assert.equal(res.statusCode, 200);
    const none = await app.inject({ url: `/search?q=${encodeURIComponent('<script>alert(1)</script>')}` });
    assert.match(none.body, /No results for <q>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/q>\./);
    const hits = await app.inject({ url: '/search?q=gannet+co' });
    assert.match(hits.body, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt; <mark>Gannet<\/mark> &amp; <mark>co<\/mark>/);
    assert.match(hits.body, /&lt;img src=x onerror=alert\(1\)&gt; <mark>gannet<\/mark>/);
    for (const body of [res.body, none.body, hits.body]) {
      assert.doesNotMatch(body, /<script>|<img src=x|javascript:/);
    }
    assert.ok(hostile.id > 0);
  });

  it('says "No results" for punctuation and explains a query of only exclusions', async () => {
    const punctuation = await app.inject({ url: `/search?q=${encodeURIComponent('?!"(*)')}` });
    assert.equal(punctuation.statusCode, 200);
    assert.match(punctuation.body, /No results for <q>\?!&quot;\(\*\)<\/q>\./);
    const only = await app.inject({ url: '/search?q=-gannet' });
    assert.match(only.body, /No results for <q>-gannet<\/q>\. Add a word to look for/);
  });

  it('refuses bad parameters with a clear message (400), on the page and in the API', async () => {
    const cases: Array<[string, RegExp]> = [
      ['from=2026-02-30', /from must be a date written YYYY-MM-DD/],
      ['to=yesterday', /to must be a date written YYYY-MM-DD/],
      ['from=2026-03-05&to=2026-03-01', /from must not be after to/],
      ['page=0', /page must be a whole number from 1 to 50/],
      ['page=abc', /page must be a whole number/],
      ['page=51', /page must be a whole number/],
      ['section=nowhere', /There is no section “nowhere”/],
      ['outlet=999', /outlet must be the id of one of the site's sources/],
      [`q=${'a'.repeat(201)}`, /at most 200 characters/],
      ['q=a&q=b', /q must be given once/],
    ];
    for (const [query, message] of cases) {
      const q = query.startsWith('q=') ? query : `q=gannet&${query}`;
      const api = await app.inject({ url: `/api/v1/search?${q}` });
      assert.equal(api.statusCode, 400, query);
      assert.equal(api.json().error.code, 'bad_request', query);
      assert.match(api.json().error.message, message, query);
      const pageRes = await app.inject({ url: `/search?${q}` });
      assert.equal(pageRes.statusCode, 400, query);
      assert.match(pageRes.body, /<p class="search-error" role="alert">/);
    }
    const missing = await app.inject({ url: '/api/v1/search' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /q is required/);
    const punctuation = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('"(*)" - !!')}` });
    assert.equal(punctuation.statusCode, 200);
    assert.deepEqual(punctuation.json(), { query: '"(*)" - !!', page: 1, total: 0, capped: false, results: [], next: null });
    const both = await app.inject({ url: '/api/v1/search?q=gannet&page=2&cursor=2' });
    assert.equal(both.statusCode, 400);
    assert.match(both.json().error.message, /page or cursor, not both/);
  });

  it('answers JSON: grouped results with escaped snippets and the next page', async () => {
    const res = await app.inject({ url: '/api/v1/search?q=portvale' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/json/);
    const body = res.json();
    assert.equal(body.query, 'portvale');
    assert.equal(body.total, 1);
    assert.equal(body.next, null);
    assert.deepEqual(body.results[0], {
      story: { id: 7, title: 'Port strike in Portvale' },
      article: {
        id: best.id, title: 'Portvale strike enters third day', url: `https://news.example/${best.id}`, outlet: 'The Harbor Herald',
        publishedAt: '2026-03-10T11:00:00.000Z', snippetHtml: 'Dock workers in <mark>Portvale</mark> stayed out for a third day.',
      },
      moreInStory: 4,
    });

    const first = (await app.inject({ url: '/api/v1/search?q=gannet&from=2026-01-01' })).json();
    assert.equal(first.total, 26);
    assert.equal(first.results.length, 20);
    assert.equal(first.next, '2', 'passed back as cursor, as the other lists of the API');
    const second = (await app.inject({ url: `/api/v1/search?q=gannet&from=2026-01-01&cursor=${first.next}` })).json();
    assert.equal(second.results.length, 6);
    assert.equal(second.next, null);
    assert.deepEqual((await app.inject({ url: '/api/v1/search?q=gannet&from=2026-01-01&page=2' })).json(), second);
    const hostileResult = second.results.find((r: { article: { id: number } }) => r.article.id === hostile.id);
    assert.equal(hostileResult.article.url, null, 'only http(s) links');
    assert.equal(hostileResult.article.snippetHtml, '&lt;img src=x onerror=alert(1)&gt; <mark>gannet</mark>');
    assert.equal(hostileResult.story, null);
  });

  it('offers the search as an RSS feed', async () => {
    const res = await app.inject({ url: '/search.rss?q=portvale', headers: { host: 'news.test' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/rss\+xml/);
    assert.match(res.body, /<title>“portvale” · Newsroom search<\/title>/);
    assert.match(res.body, new RegExp(`<link>http://news.test/article/${best.id}</link>`));
    assert.match(res.body, /<description>The Harbor Herald: Dock workers in Portvale stayed out for a third day\.<\/description>/);
    assert.doesNotMatch(res.body, /[\u0000-\u0008]/);
    assert.equal((await app.inject({ url: '/search.rss' })).statusCode, 400);
  });

  it('puts a search box beside the core pages', async () => {
    const res = await app.inject({ url: '/' });
    assert.match(res.body, /<section class="widget search-widget" aria-label="Search"><form class="site-search" method="get" action="\/search"/);
  });
});
