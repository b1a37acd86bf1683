import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../config.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { buildApp } from './app.js';

describe('web app', () => {
  const repo = SqliteRepository.open(':memory:');
  let app: Awaited<ReturnType<typeof buildApp>>;
  let articleId = 0;
  let hostileId = 0;

  before(async () => {
    app = await buildApp({ repo, config: defaultConfig() });
    const source = await repo.addSource({ feedUrl: 'https://herald.example/feed.xml', siteUrl: 'https://herald.example/', name: 'The Harbor Herald', section: 'world' }, 15);
    const [a, b] = await repo.insertArticles([
      {
        sourceId: source.id, guid: '1', url: 'https://herald.example/articles/port-strike', canonicalUrl: 'https://herald.example/articles/port-strike',
        title: 'Port strike enters third day', author: 'Margaret Okafor', summary: 'Dock workers in Portvale stayed out.',
        contentHtml: '<p>Dock workers stayed out.</p><p>Talks resume Monday.</p>', imageUrl: 'https://herald.example/i.jpg',
        section: 'world', categories: ['World'], publishedAt: new Date(Date.now() - 3600_000), fetchedAt: new Date(),
      },
      {
        sourceId: source.id, guid: '2', url: 'javascript:alert(1)', canonicalUrl: 'https://herald.example/hostile',
        title: '<script>alert("x")</script> & friends', author: null, summary: '<img src=x onerror=alert(1)>',
        contentHtml: '<p onclick="evil()">Text<script>alert(2)</script></p>', imageUrl: 'javascript:alert(3)',
        section: 'business', categories: [], publishedAt: new Date(Date.now() - 7200_000), fetchedAt: new Date(),
      },
    ]);
    articleId = a!.id;
    hostileId = b!.id;
  });
  after(async () => {
    await app.close();
    await repo.close();
  });

  it('lists the latest articles on the home page with section navigation and a strict CSP', async () => {
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.headers['content-security-policy'] as string, /default-src 'none'/);
    assert.doesNotMatch(res.headers['content-security-policy'] as string, /unsafe-inline|unsafe-eval/);
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'(;|$)/, 'only our own script files');
    assert.match(res.body, /Home<\/a><\/li><li aria-current="page">Top Stories/);
    for (const section of ['World', 'Politics', 'Business', 'Technology', 'Science', 'Health', 'Entertainment', 'Sports']) {
      assert.match(res.body, new RegExp(`>${section}</a>`));
    }
    assert.ok(res.body.indexOf('Port strike enters third day') < res.body.indexOf('&amp; friends'), 'newest first');
    assert.match(res.body, /The Harbor Herald/);
  });

  it('escapes everything that came from a feed', async () => {
    for (const url of ['/', `/article/${hostileId}`]) {
      const res = await app.inject({ url });
      assert.doesNotMatch(res.body, /<script>alert/);
      assert.doesNotMatch(res.body, /<img src=x/);
      assert.doesNotMatch(res.body, /javascript:/);
      assert.doesNotMatch(res.body, /onclick=/);
      assert.match(res.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; friends/);
    }
  });

  it('shows an article with its text, outlet, time and a link to the original', async () => {
    const res = await app.inject({ url: `/article/${articleId}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Port strike enters third day<\/h1>/);
    assert.match(res.body, /By Margaret Okafor/);
    assert.match(res.body, /<p>Dock workers stayed out.<\/p>\s*<p>Talks resume Monday.<\/p>/);
    assert.match(res.body, /<a class="original" href="https:\/\/herald.example\/articles\/port-strike" rel="noopener">Read the original article on The Harbor Herald<\/a>/);
    assert.match(res.body, /<time datetime="[^"]+"[^>]*>1 hour ago<\/time>/);
    assert.match(res.body, /<a href="\/section\/world">World<\/a>/, 'breadcrumb to the section');
  });

  it('filters a section and answers 404 for unknown sections and articles', async () => {
    const world = await app.inject({ url: '/section/world' });
    assert.equal(world.statusCode, 200);
    assert.match(world.body, /Port strike/);
    assert.doesNotMatch(world.body, /friends/);
    assert.equal((await app.inject({ url: '/section/nope' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/article/999999' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/article/abc' })).statusCode, 404);
    const missing = await app.inject({ url: '/no/such/page' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Not found/);
  });

  it('lists sources with their health and exports OPML', async () => {
    const res = await app.inject({ url: '/sources' });
    assert.match(res.body, /The Harbor Herald/);
    assert.match(res.body, /not fetched yet/);
    const opml = await app.inject({ url: '/sources.opml' });
    assert.match(opml.body, /xmlUrl="https:\/\/herald.example\/feed.xml"/);
  });

  it('serves its stylesheet and a health check', async () => {
    const css = await app.inject({ url: '/assets/site.css' });
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] as string, /text\/css/);
    const health = await app.inject({ url: '/healthz' });
    assert.equal(health.json().status, 'ok');
    const ready = await app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().checks.store.ok, true);
  });

  it('names its icon on every page and answers the old /favicon.ico path with it', async () => {
    const home = await app.inject({ url: '/' });
    assert.match(home.body, /<link rel="icon" href="\/assets\/icon.svg" type="image\/svg\+xml">/);
    const icon = await app.inject({ url: '/assets/icon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.match(icon.headers['content-type'] as string, /image\/svg\+xml/);
    assert.match(icon.body, /^<svg /);
    const legacy = await app.inject({ url: '/favicon.ico' });
    assert.equal(legacy.statusCode, 301);
    assert.equal(legacy.headers.location, '/assets/icon.svg');
  });

  it('lets extensions add routes, widgets beside the content and footers after a story or article', async () => {
    const { html } = await import('./html.js');
    const withExtension = await buildApp({
      repo,
      config: defaultConfig(),
      extensions: [
        {
          name: 'probe',
          register: (a) => {
            a.get('/probe', async () => 'probe ok');
          },
          sidebar: async () => html`<section class="widget"><h2>Probe widget</h2></section>`,
          articleFooter: async (article) => html`<p>Footer for <b>${article.title}</b></p>`,
          slot: async (name) => (name === 'article-top' ? html`<div class="slot">Advertisement</div>` : null),
          scripts: ['/assets/probe.js'],
        },
      ],
    });
    try {
      assert.equal((await withExtension.inject({ url: '/probe' })).body, 'probe ok');
      const home = await withExtension.inject({ url: '/' });
      assert.match(home.body, /<aside class="page-aside"><section class="widget"><h2>Probe widget<\/h2>/);
      assert.match(home.body, /<script src="\/assets\/probe.js" defer><\/script>/);
      const page = await withExtension.inject({ url: `/article/${articleId}` });
      assert.match(page.body, /<div class="slot">Advertisement<\/div><article class="article">/);
      assert.match(page.body, /<\/article><p>Footer for <b>Port strike enters third day<\/b><\/p>/);
    } finally {
      await withExtension.close();
    }
  });
});
