// Search end to end on an in-memory repository: the index kept in sync by the migration's
// triggers, ranking, grouping by story, filters, pages and snippets through the service, then
// the page, the feed and the JSON API through the web app.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { defaultConfig } from '../src/config.js';
import type { Article, NewArticle, Source } from '../src/model.js';
import { openSearch } from '../src/search/open.js';
import { freshnessFactor, MAX_CANDIDATES } from '../src/search/ranking.js';
import type { SearchService } from '../src/search/service.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { buildApp } from '../src/web/app.js';
import { searchExtension } from '../src/web/search/extension.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A repository with three outlets and a way to publish into it (optionally into a story). */
async function newsroom() {
  const repo = SqliteRepository.open(':memory:');
  const herald = await repo.addSource({ feedUrl: 'https://herald.example/feed.xml', name: 'The Harbor Herald', section: 'world' }, 15);
  const courier = await repo.addSource({ feedUrl: 'https://courier.example/feed.xml', name: 'Tessmoor Courier', section: 'business' }, 15);
  const gazette = await repo.addSource({ feedUrl: 'https://gazette.example/feed.xml', name: 'Gazette & <Post>', section: 'world' }, 15);
  let n = 0;
  const publish = async (
    source: Source,
    fields: { title: string; summary?: string | null; ago?: number; story?: number; section?: string | null; url?: string },
  ): Promise<Article> => {
    n += 1;
    const at = new Date(NOW.getTime() - (fields.ago ?? HOUR));
    const article: NewArticle = {
      sourceId: source.id, guid: `g${n}`, url: fields.url ?? `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`,
      title: fields.title, author: null, summary: fields.summary ?? null, contentHtml: null, imageUrl: null,
      section: fields.section === undefined ? source.section : fields.section, categories: [], publishedAt: at, fetchedAt: at,
    };
    const [stored] = await repo.insertArticles([article]);
    if (fields.story !== undefined) {
      await repo.ensureStory(fields.story, NOW);
      await repo.setArticleStory(stored!.id, { storyId: fields.story, originalId: null, fingerprint: null, statedOriginal: null });
    }
    return stored!;
  };
  const page = (articleId: number, text: string | null) =>
    repo.saveArticlePage({
      articleId, status: text ? 'ok' : 'empty', detail: null, httpStatus: 200, contentType: 'text/html', html: null, text,
      cleanHtml: null, byline: null, canonicalUrl: null, imageUrl: null, supportUrl: null, fetchedAt: NOW, extractedAt: NOW,
    });
  return { repo, herald, courier, gazette, publish, page };
}

const ids = (outcome: { hits: Array<{ article: { id: number } }> }) => outcome.hits.map((h) => h.article.id);

describe('search index and ranking', () => {
  let site: Awaited<ReturnType<typeof newsroom>>;
  let search: SearchService;
  const find = (q: string, options: Parameters<SearchService['search']>[1] = {}) => search.search(q, { now: NOW, ...options });

  before(async () => {
    site = await newsroom();
    search = openSearch(site.repo);
  });
  after(() => site.repo.close());

  it('indexes new articles, and follows edits and deletions of them', async () => {
    const { repo, publish, herald } = site;
    const a = await publish(herald, { title: 'Heron colony returns to the marshes', summary: 'Birdwatchers counted forty nests.' });
    assert.deepEqual(ids(await find('heron')), [a.id]);
    assert.deepEqual(ids(await find('birdwatchers')), [a.id], 'the summary is in the body');

    repo.database.prepare('UPDATE articles SET title = ?, summary = ? WHERE id = ?').run('Egret colony returns', 'Volunteers counted nests.', a.id);
    assert.deepEqual(ids(await find('heron')), []);
    assert.deepEqual(ids(await find('birdwatchers')), []);
    assert.deepEqual(ids(await find('egret volunteers')), [a.id]);

    repo.database.prepare('DELETE FROM articles WHERE id = ?').run(a.id);
    assert.deepEqual(ids(await find('egret')), []);
    const count = (sql: string) => Number((repo.database.prepare(sql).get() as { n: number }).n);
    assert.equal(count('SELECT count(*) AS n FROM articles_fts'), count('SELECT count(*) AS n FROM articles'));
  });

  it('adds the page text once extraction saves it, and follows it when extracted again or removed', async () => {
    const { repo, publish, page, courier } = site;
    const a = await publish(courier, { title: 'Quarterly results from Tessmoor Mills', summary: 'Revenue rose.' });
    assert.deepEqual(ids(await find('xylophone')), []);
    await page(a.id, 'The chairman, a keen xylophone player, thanked the staff.');
    const found = await find('xylophone');
    assert.deepEqual(ids(found), [a.id]);
    assert.match(found.hits[0]!.article.snippet, /\u0002xylophone\u0003/);
    assert.deepEqual(ids(await find('revenue')), [a.id], 'the summary stays beside the page text');

    await page(a.id, 'The chairman, a keen accordion player, thanked the staff.');
    assert.deepEqual(ids(await find('xylophone')), []);
    assert.deepEqual(ids(await find('accordion')), [a.id]);

    repo.database.prepare('DELETE FROM article_pages WHERE article_id = ?').run(a.id);
    assert.deepEqual(ids(await find('accordion')), []);
    assert.deepEqual(ids(await find('revenue')), [a.id]);
  });

  it('forgets the articles of a removed source (deleted by cascade), page text and all', async () => {
    const { repo, publish, page } = site;
    const temporary = await repo.addSource({ feedUrl: 'https://gone.example/feed.xml', name: 'Gone Weekly' }, 15);
    const a = await publish(temporary, { title: 'Walrus sighted off Gone Point' });
    await page(a.id, 'A walrus was seen resting on the rocks.');
    assert.deepEqual(ids(await find('walrus')), [a.id]);
    await repo.removeSource(temporary.id);
    assert.deepEqual(ids(await find('walrus')), []);
    assert.equal((repo.database.prepare('SELECT count(*) AS n FROM articles_fts WHERE rowid = ?').get(a.id) as { n: number }).n, 0);
  });

  it('ranks a match in the headline above the same match in the body', async () => {
    const { publish, herald, courier } = site;
    const body = await publish(herald, { title: 'Coastal weather service update', summary: 'Zephyr winds are expected along the coast tonight.' });
    const title = await publish(courier, { title: 'Zephyr winds expected along the coast', summary: 'The weather service issued an update tonight.' });
    assert.deepEqual(ids(await find('zephyr')), [title.id, body.id]);
  });

  it('ranks the newer of two equally relevant articles first, by the documented decay', async () => {
    const { publish, herald, courier } = site;
    const text = { title: 'Quokka census counts record numbers', summary: 'Rangers counted the quokkas on the island.' };
    const old = await publish(herald, { ...text, ago: 30 * DAY });
    const fresh = await publish(courier, { ...text, ago: 1 * DAY });
    const found = await find('quokka');
    assert.deepEqual(ids(found), [fresh.id, old.id]);
    const [a, b] = found.hits.map((h) => h.score) as [number, number];
    assert.ok(Math.abs(a / b - freshnessFactor(1) / freshnessFactor(30)) < 1e-6, `${a / b}`);
    assert.ok(freshnessFactor(7) > 0.7 && freshnessFactor(7) < 0.71);
  });

  it('shows one result per story, its best article, with the number of other matching articles', async () => {
    const { publish, herald, courier, gazette } = site;
    const copies = [];
    for (let i = 0; i < 6; i++) {
      copies.push(await publish([herald, courier, gazette][i % 3]!, {
        title: `Portvale dock strike, report ${i}`, summary: 'Dock workers in Portvale stayed out as talks stalled.', story: 101, ago: (i + 2) * HOUR,
      }));
    }
    const best = await publish(herald, { title: 'Portvale strike: Portvale docks shut', summary: 'Portvale port is closed.', story: 101, ago: HOUR });
    await site.repo.renameStory(101, 'Portvale dock strike');
    const other = await publish(courier, { title: 'Ferry timetable changes', summary: 'Ferries to Portvale run late.', story: 102, ago: HOUR });
    const loose = await publish(gazette, { title: 'Letters', summary: 'A reader from Portvale writes.', ago: 2 * HOUR });

    const found = await find('portvale');
    assert.equal(found.total, 3);
    assert.equal(ids(found)[0], best.id, 'the story ranks by its best article');
    assert.deepEqual(new Set(ids(found).slice(1)), new Set([other.id, loose.id]));
    assert.deepEqual(found.hits[0]!.story, { id: 101, title: 'Portvale dock strike' });
    assert.equal(found.hits[0]!.moreInStory, copies.length);
    assert.equal(found.hits.find((h) => h.article.id === other.id)!.moreInStory, 0);
    assert.equal(found.hits.find((h) => h.article.id === loose.id)!.story, null, 'an article not yet in a story stands alone');
  });

  it('leaves out the stories editors hid', async () => {
    const { publish, repo, herald } = site;
    const a = await publish(herald, { title: 'Narwhal rumour denied', story: 103 });
    assert.deepEqual(ids(await find('narwhal')), [a.id]);
    await repo.setStoryFlags(103, { hidden: true });
    assert.deepEqual(ids(await find('narwhal')), []);
  });

  it('finds exact phrases, prefixes, and leaves out exclusions, accents folded', async () => {
    const { publish, herald, courier } = site;
    const phrase = await publish(herald, { title: 'Third day of the lighthouse vigil', summary: 'Keepers held a vigil.' });
    const words = await publish(courier, { title: 'Day three: a third lighthouse closes', summary: 'Budget cuts.' });
    const accent = await publish(courier, { title: 'Lighthouse café reopens in Zürich', summary: 'Coffee again.' });
    assert.deepEqual(ids(await find('"third day" lighthouse')), [phrase.id]);
    assert.deepEqual(new Set(ids(await find('third day lighthouse'))), new Set([phrase.id, words.id]));
    assert.deepEqual(new Set(ids(await find('lightho*'))), new Set([phrase.id, words.id, accent.id]));
    assert.deepEqual(new Set(ids(await find('lighthouse -vigil'))), new Set([words.id, accent.id]));
    assert.deepEqual(new Set(ids(await find('lighthouse -"third lighthouse" -cafe'))), new Set([phrase.id]));
    assert.deepEqual(ids(await find('CAFE zurich')), [accent.id]);
  });

  it('answers hostile and broken queries with results or nothing, never an error', async () => {
    const { publish, herald } = site;
    const a = await publish(herald, { title: 'Title: OR NOT near the AND gate', summary: 'x' });
    for (const q of ['title:x OR', '"unbalanced', 'NEAR(a b)', 'a AND OR NOT', '*', 'col:*', '^x', `'); DROP TABLE articles; --`, '!!!', '"', '-', '- -x']) {
      const found = await find(q);
      assert.ok(Array.isArray(found.hits), q);
    }
    assert.deepEqual(ids(await find('title: or not near and gate')), [a.id]);
    const punctuation = await find('?!.,;:');
    assert.equal(punctuation.searched, false);
    assert.equal(punctuation.total, 0);
    assert.ok(Number((site.repo.database.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n) > 0);
  });

  it('filters by section, outlet and date range', async () => {
    const { publish, herald, courier, gazette } = site;
    const h = await publish(herald, { title: 'Meerkat exhibit opens', ago: 5 * DAY });
    const c = await publish(courier, { title: 'Meerkat plush toys sell out', ago: 2 * DAY });
    const g = await publish(gazette, { title: 'Meerkat keeper retires', ago: 12 * HOUR, section: null });
    const all = new Set([h.id, c.id, g.id]);
    assert.deepEqual(new Set(ids(await find('meerkat'))), all);
    assert.deepEqual(ids(await find('meerkat', { filters: { section: 'business' } })), [c.id]);
    assert.deepEqual(ids(await find('meerkat', { filters: { section: 'world' } })), [h.id]);
    assert.deepEqual(ids(await find('meerkat', { filters: { sourceId: gazette.id } })), [g.id]);
    const day = (ago: number) => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()) - ago * DAY);
    assert.deepEqual(new Set(ids(await find('meerkat', { filters: { from: day(2) } }))), new Set([c.id, g.id]));
    assert.deepEqual(ids(await find('meerkat', { filters: { from: day(2), before: day(0) } })), [c.id]);
    assert.deepEqual(ids(await find('meerkat', { filters: { before: day(4) } })), [h.id]);
  });

  it('pages through results, 20 at a time, with the total on every page', async () => {
    const { publish, herald } = site;
    for (let i = 0; i < 45; i++) await publish(herald, { title: `Albatross sighting number ${i}`, ago: (i + 1) * HOUR });
    const pages = await Promise.all([1, 2, 3, 4].map((page) => find('albatross', { page })));
    assert.deepEqual(pages.map((p) => p.hits.length), [20, 20, 5, 0]);
    assert.deepEqual(pages.map((p) => p.total), [45, 45, 45, 45]);
    assert.deepEqual(pages.map((p) => p.hasNext), [true, true, false, false]);
    const seen = pages.flatMap(ids);
    assert.equal(new Set(seen).size, 45, 'no result twice');
    assert.equal(pages[0]!.capped, false);
    assert.ok(MAX_CANDIDATES >= 1000);
  });

  it('marks the matched words in the snippet and the title, with marker characters from the text removed', async () => {
    const { publish, page, gazette } = site;
    const a = await publish(gazette, { title: 'Marmot \u0002escapes\u0003 <zoo>', summary: '<script>alert(1)</script> The marmot & friends.' });
    await page(a.id, 'Keepers say the marmot dug under the fence.');
    const [hit] = (await find('marmot')).hits;
    assert.equal(hit!.article.markedTitle, '\u0002Marmot\u0003  escapes  <zoo>');
    assert.match(hit!.article.snippet, /<script>alert\(1\)<\/script> The \u0002marmot\u0003 & friends\.\s+Keepers say the \u0002marmot\u0003 dug/);
  });
});

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
});

describe('search over HTTP', () => {
  let site: Awaited<ReturnType<typeof newsroom>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let best: Article;
  let hostile: Article;

  before(async () => {
    site = await newsroom();
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
