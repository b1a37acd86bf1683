// The JSON API through the real app: lists and items, hidden stories left out, cursor
// pagination, validation errors, ETags, and the OpenAPI document and docs page made from
// the same route list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { defaultConfig } from '../src/config.js';
import { apiExtension } from '../src/web/api/extension.js';
import { API_ROUTES } from '../src/web/api/routes.js';
import { buildApp } from '../src/web/app.js';
import { type Newsroom, openNewsroom } from './api-fixtures.js';

const BASE = 'http://news.example';

interface Page<T> {
  items: T[];
  next: string | null;
}
interface StoryJson {
  id: number;
  title: string;
  url: string;
  lastReportedAt: string;
  outletCount: number;
  articleCount: number;
  firstOutlet: { id: number; name: string; siteUrl: string | null } | null;
}
interface ArticleJson {
  id: number;
  title: string;
  url: string;
  originalUrl: string;
  publishedAt: string;
  section: string | null;
  source: { id: number; name: string };
  storyId: number | null;
  originalId: number | null;
}

describe('JSON API', () => {
  let nr: Newsroom;
  const get = (url: string, headers: Record<string, string> = {}) => nr.app.inject({ url, headers: { host: 'news.example', ...headers } });
  const json = async <T>(url: string): Promise<T> => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    return JSON.parse(res.body) as T;
  };
  /** Follows `next` to the end. */
  const all = async <T>(url: string): Promise<{ items: T[]; pages: number }> => {
    const items: T[] = [];
    let pages = 0;
    for (let next: string | null = url; next !== null; pages++) {
      const page: Page<T> = await json<Page<T>>(next);
      items.push(...page.items);
      next = page.next === null ? null : `${url}${url.includes('?') ? '&' : '?'}cursor=${page.next}`;
      assert.ok(pages < 50, 'pagination ends');
    }
    return { items, pages };
  };

  before(async () => {
    nr = await openNewsroom({ fillers: 24 });
  });
  after(async () => nr.close());

  it('lists stories by latest coverage with outlet counts and the first outlet, hidden ones left out', async () => {
    const page = await json<Page<StoryJson>>('/api/v1/stories');
    assert.equal(page.items.length, 20, 'default limit');
    assert.equal(typeof page.next, 'string');
    const times = page.items.map((s) => Date.parse(s.lastReportedAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const flood = page.items.find((s) => s.id === nr.flood)!;
    assert.equal(flood.title, 'Three dead as River Ambry floods Kesselford');
    assert.equal(flood.url, `${BASE}/story/${nr.flood}`);
    assert.equal(flood.outletCount, 2);
    assert.deepEqual(flood.firstOutlet, { id: nr.sources.wire.id, name: 'Meridian Wire', siteUrl: 'https://wire.example/' });
    assert.ok(!page.items.some((s) => s.id === nr.hidden), 'hidden stories are left out');

    const business = await json<Page<StoryJson>>('/api/v1/stories?section=business&limit=100');
    assert.ok(business.items.some((s) => s.id === nr.bank));
    assert.ok(!business.items.some((s) => s.id === nr.flood));
    assert.equal(business.next, null);
  });

  it('pages through every story and article with cursors, without gaps or repeats', async () => {
    const stories = await all<StoryJson>('/api/v1/stories?limit=7');
    const expected = [...nr.fillers, nr.flood, nr.bank, nr.hostile];
    assert.equal(stories.items.length, expected.length);
    assert.deepEqual(new Set(stories.items.map((s) => s.id)), new Set(expected));
    assert.equal(stories.pages, Math.ceil(expected.length / 7));

    const articles = await all<ArticleJson>('/api/v1/articles?limit=10');
    const ids = articles.items.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    assert.equal(ids.length, 24 + 3 + 2, 'fillers, the flood coverage, bank and hostile; the hidden story\'s article is left out');
    assert.ok(!ids.includes(nr.hiddenArticle.id));
    const times = articles.items.map((a) => Date.parse(a.publishedAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first across pages');

    const exact = await json<Page<ArticleJson>>(`/api/v1/articles?limit=${ids.length}`);
    assert.equal(exact.next, null, 'no next page when the last one is exactly full');
  });

  it('filters articles by section and source', async () => {
    const ledger = await all<ArticleJson>(`/api/v1/articles?source=${nr.sources.ledger.id}&limit=5`);
    assert.ok(ledger.items.length > 0);
    assert.ok(ledger.items.every((a) => a.source.name === 'Daily Ledger'));
    const world = await all<ArticleJson>('/api/v1/articles?section=world&limit=100');
    assert.ok(world.items.length > 0 && world.items.every((a) => a.section === 'world'));
  });

  it('gives one story with its articles, copies marked, and its citations', async () => {
    const story = await json<StoryJson & { articles: ArticleJson[]; citations: Array<{ articleId: number; outlet: string; citingOutlet: string }> }>(
      `/api/v1/stories/${nr.flood}`,
    );
    const { original, copy, own } = nr.floodArticles;
    assert.equal(story.id, nr.flood);
    assert.deepEqual(story.articles.map((a) => a.id), [original.id, copy.id, own.id], 'oldest first, copies included');
    assert.equal(story.articles.find((a) => a.id === copy.id)?.originalId, original.id);
    assert.equal(story.articles[0]?.url, `${BASE}/article/${original.id}`);
    assert.equal(story.articles[0]?.originalUrl, original.url);
    assert.ok(story.citations.some((c) => c.articleId === own.id && c.outlet === 'Reuters' && c.citingOutlet === 'Tessmoor Courier'));
  });

  it('gives one article, and 404 for what does not exist or is hidden', async () => {
    const article = await json<ArticleJson>(`/api/v1/articles/${nr.floodArticles.copy.id}`);
    assert.equal(article.title, 'Three dead as River Ambry floods Kesselford');
    assert.equal(article.source.name, 'The Harbor Herald');
    assert.equal(article.storyId, nr.flood);
    assert.equal(article.originalId, nr.floodArticles.original.id);

    for (const url of ['/api/v1/stories/999999', `/api/v1/stories/${nr.hidden}`, '/api/v1/articles/999999', `/api/v1/articles/${nr.hiddenArticle.id}`, '/api/v1/nothing', '/api/v2/stories']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'not_found', url);
      assert.ok(body.error.message.length > 0);
    }
  });

  it('answers 400 with a reason for parameters that are not valid', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/v1/stories?limit=0', /limit must be >= 1/],
      ['/api/v1/stories?limit=101', /limit must be <= 100/],
      ['/api/v1/stories?limit=ten', /limit must be integer/],
      ['/api/v1/stories?cursor=not!a!cursor', /cursor must match pattern/],
      [`/api/v1/stories?cursor=${Buffer.from('yesterday').toString('base64url')}`, /cursor is not valid/],
      ['/api/v1/stories?section=nowhere', /no section "nowhere"/],
      ['/api/v1/articles?source=999999', /no source 999999/],
      ['/api/v1/articles?section=Not%20A%20Slug', /section must match pattern/],
      ['/api/v1/stories/abc', /id must be integer/],
      ['/api/v1/articles/0', /id must be >= 1/],
    ];
    for (const [url, message] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'bad_request', url);
      assert.match(body.error.message, message, url);
    }
  });

  it('lists sections and sources with their health', async () => {
    const sections = await json<{ items: Array<{ slug: string; name: string; url: string }> }>('/api/v1/sections');
    assert.deepEqual(sections.items[0], { slug: 'world', name: 'World', url: `${BASE}/section/world` });
    await nr.repo.recordFetch(nr.sources.herald.id, {
      etag: null, lastModified: null, lastFetchAt: new Date(), lastOutcome: 'error', lastHttpStatus: 503, lastError: 'HTTP 503',
      errorCount: 3, nextFetchAt: new Date(Date.now() + 3600_000),
    });
    const sources = await json<{ items: Array<{ id: number; name: string; health: { status: string; label: string; lastHttpStatus: number | null; consecutiveErrors: number } }> }>(
      '/api/v1/sources',
    );
    assert.equal(sources.items.length, 4);
    const herald = sources.items.find((s) => s.id === nr.sources.herald.id)!;
    assert.deepEqual(
      { status: herald.health.status, label: herald.health.label, http: herald.health.lastHttpStatus, errors: herald.health.consecutiveErrors },
      { status: 'error', label: 'failing (3 times in a row)', http: 503, errors: 3 },
    );
    assert.equal(sources.items.find((s) => s.id === nr.sources.wire.id)?.health.status, 'new');
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    for (const url of ['/api/v1/stories?limit=5', `/api/v1/stories/${nr.flood}`, '/api/v1/articles', `/api/v1/articles/${nr.floodArticles.own.id}`, '/api/v1/sections', '/api/v1/sources', '/api/openapi.json']) {
      const first = await get(url);
      const etag = first.headers.etag as string;
      assert.ok(etag, `${url} has an ETag`);
      assert.equal(first.headers['cache-control'], 'public, max-age=60');
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
      assert.equal((await get(url, { 'if-none-match': '"stale"' })).statusCode, 200);
    }
    const before = (await get(`/api/v1/stories/${nr.flood}`)).headers.etag as string;
    await nr.repo.renameStory(nr.flood, 'River Ambry floods: three dead in Kesselford');
    try {
      const after = await get(`/api/v1/stories/${nr.flood}`, { 'if-none-match': before });
      assert.equal(after.statusCode, 200, 'a renamed story is a new version');
      assert.equal((JSON.parse(after.body) as StoryJson).title, 'River Ambry floods: three dead in Kesselford');
    } finally {
      await nr.repo.renameStory(nr.flood, null);
    }
  });

  it('publishes an OpenAPI 3.1 document listing every route, with schemas and examples', async () => {
    const doc = await json<{
      openapi: string;
      servers: Array<{ url: string }>;
      paths: Record<string, { get: { operationId: string; parameters?: Array<{ name: string; in: string }>; responses: Record<string, { content?: Record<string, { schema: unknown; example: unknown }> }> } }>;
      components: { schemas: Record<string, unknown> };
    }>('/api/openapi.json');
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.servers[0]?.url, BASE);

    // Every GET route Fastify has under /api/v1 is in the document, and nothing else: an
    // extension registered first sees every route the API's extension adds.
    const seen: string[] = [];
    const spy = { name: 'route-spy', register: (app: FastifyInstance) => void app.addHook('onRoute', (r) => void seen.push(`${String(r.method)} ${r.url}`)) };
    const other = await buildApp({ repo: nr.repo, config: defaultConfig(), extensions: [spy, apiExtension({ repo: nr.repo, siteName: 'Other' })] });
    await other.close();
    const registered = seen
      .filter((r) => r.startsWith('GET /api/v1'))
      .map((r) => r.slice(4).replace(/:(\w+)/g, '{$1}'))
      .sort();
    assert.deepEqual(Object.keys(doc.paths).sort(), registered);
    assert.equal(registered.length, API_ROUTES.length);
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/v1/articles', '/api/v1/articles/{id}', '/api/v1/sections', '/api/v1/sources', '/api/v1/stories', '/api/v1/stories/{id}',
    ]);

    const list = doc.paths['/api/v1/stories']!.get;
    assert.deepEqual(list.parameters?.map((p) => `${p.in}:${p.name}`), ['query:limit', 'query:cursor', 'query:section']);
    assert.deepEqual(list.responses['200']!.content!['application/json']!.schema, { $ref: '#/components/schemas/StoryList' });
    assert.ok(list.responses['400'] && list.responses['304']);
    assert.deepEqual(doc.paths['/api/v1/stories/{id}']!.get.parameters?.map((p) => `${p.in}:${p.name}`), ['path:id']);
    for (const name of ['Story', 'Article', 'Source', 'Section', 'Citation', 'Error', 'StoryWithCoverage']) assert.ok(doc.components.schemas[name], name);

    // The documented examples have the shape real responses have.
    const real = await json<StoryJson>(`/api/v1/stories/${nr.flood}`);
    const example = doc.paths['/api/v1/stories/{id}']!.get.responses['200']!.content!['application/json']!.example as Record<string, unknown>;
    assert.deepEqual(Object.keys(example).sort(), Object.keys(real).sort());
  });

  it('documents every endpoint on /api/docs, with no script', async () => {
    const res = await get('/api/docs');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.doesNotMatch(res.body, /<script/);
    assert.match(res.body, /<a href="\/api\/openapi.json">/);
    for (const route of API_ROUTES) {
      const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
      assert.ok(res.body.includes(`<code>GET ${path}</code>`), path);
    }
    assert.match(res.body, /<code>limit<\/code>/);
    assert.match(res.body, /&quot;next&quot;: &quot;/, 'example responses, escaped');
  });
});
