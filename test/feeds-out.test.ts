// Feeds out, through the real app: every feed parses with Newsroom's own reader and with
// feedsmith, carries the required elements, escapes what publishers send, and answers
// conditional GETs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { defaultConfig } from '../src/config.js';
import { parseFeedText } from '../src/feeds/parse.js';
import { buildApp } from '../src/web/app.js';
import { feedsOutExtension } from '../src/web/feeds-out/extension.js';
import { HOSTILE_TITLE, type Newsroom, openNewsroom, SITE_NAME } from './api-fixtures.js';

const BASE = 'http://news.example';
const HOST = { host: 'news.example' };

describe('feeds out', () => {
  let nr: Newsroom;
  const get = (url: string, headers: Record<string, string> = {}) => nr.app.inject({ url, headers: { ...HOST, ...headers } });

  before(async () => {
    nr = await openNewsroom({ fillers: 3 });
  });
  after(async () => nr.close());

  const feeds = () => [
    { path: '/feeds/top', home: `${BASE}/`, title: `Top Stories · ${SITE_NAME}` },
    { path: '/feeds/section/world', home: `${BASE}/section/world`, title: `World · ${SITE_NAME}` },
    { path: `/feeds/story/${nr.flood}`, home: `${BASE}/story/${nr.flood}`, title: `Three dead as River Ambry floods Kesselford · ${SITE_NAME}` },
  ];

  it('serves RSS 2.0 with channel title, link and description and items with title, link, guid and pubDate', async () => {
    for (const feed of feeds()) {
      const res = await get(`${feed.path}.rss`);
      assert.equal(res.statusCode, 200, feed.path);
      assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'public, max-age=300');
      assert.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0"/);
      assert.doesNotMatch(res.body, /&(?!(amp|lt|gt|quot|apos);)/, 'every & is an entity');

      const ours = parseFeedText(res.body, `${BASE}${feed.path}.rss`);
      assert.ok('feed' in ours, JSON.stringify(ours));
      assert.equal(ours.feed.format, 'rss');
      assert.equal(ours.feed.title, feed.title);
      assert.ok(ours.feed.entries.length > 0);

      const rss = parseRssFeed(res.body);
      assert.equal(rss.title, feed.title);
      assert.equal(rss.link, feed.home);
      assert.ok(rss.description);
      assert.equal(rss.items?.length, ours.feed.entries.length);
      for (const item of rss.items ?? []) {
        assert.ok(item.title, 'item title');
        assert.match(item.link ?? '', /^http:\/\/news\.example\/(story|article)\/\d+$/);
        assert.equal(item.guid?.value, item.link);
        assert.ok(item.pubDate && !Number.isNaN(Date.parse(item.pubDate)), 'item pubDate');
      }
    }
  });

  it('serves Atom 1.0 with feed id, title and updated and entries with id, title, updated and link', async () => {
    for (const feed of feeds()) {
      const res = await get(`${feed.path}.atom`);
      assert.equal(res.statusCode, 200, feed.path);
      assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');

      const ours = parseFeedText(res.body, `${BASE}${feed.path}.atom`);
      assert.ok('feed' in ours, JSON.stringify(ours));
      assert.equal(ours.feed.format, 'atom');
      assert.equal(ours.feed.title, feed.title);

      const atom = parseAtomFeed(res.body);
      assert.equal(atom.id, `${BASE}${feed.path}.atom`);
      assert.equal(atom.title?.value, feed.title);
      assert.ok(atom.updated && !Number.isNaN(Date.parse(atom.updated)));
      assert.ok(atom.links?.some((l) => l.rel === 'self' && l.href === `${BASE}${feed.path}.atom`));
      assert.ok(atom.links?.some((l) => l.rel === 'alternate' && l.href === feed.home));
      assert.equal(atom.entries?.length, ours.feed.entries.length);
      for (const entry of atom.entries ?? []) {
        assert.match(entry.id ?? '', /^http:\/\/news\.example\/(story|article)\/\d+$/);
        assert.ok(entry.title?.value);
        assert.ok(entry.updated && !Number.isNaN(Date.parse(entry.updated)));
        assert.ok(entry.links?.some((l) => l.rel === 'alternate' && l.href === entry.id));
        assert.ok(entry.authors?.[0]?.name, 'every entry has an author');
      }
    }
  });

  it('serves JSON Feed 1.1 with version, title and items with id and url', async () => {
    for (const feed of feeds()) {
      const res = await get(`${feed.path}.json`);
      assert.equal(res.statusCode, 200, feed.path);
      assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
      const document = JSON.parse(res.body) as { version: string; feed_url: string };
      assert.equal(document.version, 'https://jsonfeed.org/version/1.1');
      assert.equal(document.feed_url, `${BASE}${feed.path}.json`);

      const ours = parseFeedText(res.body, `${BASE}${feed.path}.json`);
      assert.ok('feed' in ours, JSON.stringify(ours));
      assert.equal(ours.feed.format, 'json');
      assert.equal(ours.feed.title, feed.title);

      const json = parseJsonFeed(document);
      assert.equal(json.title, feed.title);
      assert.equal(json.home_page_url, feed.home);
      assert.ok((json.items?.length ?? 0) > 0);
      for (const item of json.items ?? []) {
        assert.match(item.id ?? '', /^http:\/\/news\.example\/(story|article)\/\d+$/);
        assert.equal(item.url, item.id);
        assert.ok(item.content_html && item.content_text);
      }
    }
  });

  it('describes each story with its headline, our story page, summary, time, outlet count and first outlet', async () => {
    const rss = parseRssFeed((await get('/feeds/top.rss')).body);
    const flood = rss.items?.find((i) => i.link === `${BASE}/story/${nr.flood}`);
    assert.ok(flood, 'the flood story is in Top Stories');
    assert.equal(flood.title, 'Three dead as River Ambry floods Kesselford');
    assert.match(flood.description ?? '', /^<p>Three people have died/);
    assert.match(flood.description ?? '', /2 outlets · 2 articles · First reported by <a href="https:\/\/wire.example\/">Meridian Wire<\/a>/);
    assert.deepEqual(flood.source, { title: 'Meridian Wire', url: 'https://wire.example/feed.xml' });
    assert.deepEqual(flood.dc?.creators, ['Meridian Wire']);
    assert.equal(new Date(flood.pubDate!).getTime(), Math.floor(nr.floodArticles.original.publishedAt.getTime() / 1000) * 1000);

    const json = parseJsonFeed(JSON.parse((await get('/feeds/top.json')).body));
    const bank = json.items?.find((i) => i.id === `${BASE}/story/${nr.bank}`);
    assert.equal(bank?.image, 'https://ledger.example/img/bank.jpg');
    assert.deepEqual(bank?.authors, [{ name: 'Daily Ledger' }]);
    assert.deepEqual(bank?.tags, ['Business']);
  });

  it("lists a story's articles with their outlet, our article page and the original, copies marked", async () => {
    const { original, copy, own } = nr.floodArticles;
    const atom = parseAtomFeed((await get(`/feeds/story/${nr.flood}.atom`)).body);
    assert.deepEqual(
      atom.entries?.map((e) => e.id),
      [own, copy, original].map((a) => `${BASE}/article/${a.id}`),
      'every article, copies included, newest first',
    );
    const entry = atom.entries!.find((e) => e.id === `${BASE}/article/${copy.id}`)!;
    assert.deepEqual(entry.authors, [{ name: 'The Harbor Herald' }]);
    assert.ok(entry.links?.some((l) => l.rel === 'related' && l.href === copy.url), 'link to the original');
    assert.match(entry.content?.value ?? '', /Republished from Meridian Wire/);
    assert.match(entry.content?.value ?? '', new RegExp(`<a href="${copy.url}">Read the original on The Harbor Herald</a>`));

    const json = parseJsonFeed(JSON.parse((await get(`/feeds/story/${nr.flood}.json`)).body));
    const first = json.items?.find((i) => i.id === `${BASE}/article/${original.id}`);
    assert.equal(first?.external_url, original.url);
    assert.deepEqual(first?.authors, [{ name: 'Meridian Wire' }]);

    const rss = parseRssFeed((await get(`/feeds/story/${nr.flood}.rss`)).body);
    assert.deepEqual(rss.items?.find((i) => i.link === `${BASE}/article/${own.id}`)?.source, { title: 'Tessmoor Courier', url: 'https://courier.example/feed.xml' });
  });

  it('escapes what publishers send and drops characters XML cannot carry', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const res = await get(`/feeds/top.${format}`);
      assert.doesNotMatch(res.body, /<script>|<b>/);
      assert.doesNotMatch(res.body, /\u0001/);
      const title = format === 'rss'
        ? parseRssFeed(res.body).items?.find((i) => i.link === `${BASE}/story/${nr.hostile}`)?.title
        : parseAtomFeed(res.body).entries?.find((e) => e.id === `${BASE}/story/${nr.hostile}`)?.title?.value;
      assert.equal(title, HOSTILE_TITLE, `${format}: the headline comes back as it was`);
      const ours = parseFeedText(res.body);
      assert.ok('feed' in ours);
      // An RSS title may be HTML in the wild, so Newsroom's reader takes markup out of it; an
      // Atom title says it is text. Either way what is left is the text, unmangled.
      assert.equal(
        ours.feed.entries.find((e) => e.link === `${BASE}/story/${nr.hostile}`)?.title,
        format === 'atom' ? HOSTILE_TITLE : '& "friends" ]]> in Tessmoor',
      );
    }
    const rss = parseRssFeed((await get('/feeds/top.rss')).body);
    const hostile = rss.items?.find((i) => i.link === `${BASE}/story/${nr.hostile}`);
    // The description is HTML: the publisher's markup arrives as text, never as markup.
    assert.match(hostile?.description ?? '', /^<p>Fish &amp; chips &lt;b&gt;prices&lt;\/b&gt; soar at the Tessmoor quay/);
    const json = JSON.parse((await get('/feeds/top.json')).body) as { items: Array<{ id: string; title: string; summary: string }> };
    const item = json.items.find((i) => i.id === `${BASE}/story/${nr.hostile}`)!;
    assert.equal(item.title, HOSTILE_TITLE);
    assert.doesNotMatch(item.summary, /\u0001/);
  });

  it('answers 304 to If-None-Match with the current ETag, and changes the ETag when the feed changes', async () => {
    for (const url of ['/feeds/top.rss', '/feeds/section/world.atom', `/feeds/story/${nr.flood}.json`]) {
      const first = await get(url);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
      assert.equal((await get(url)).headers.etag, etag, 'the same body, the same ETag');
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      assert.equal(again.headers['cache-control'], 'public, max-age=300');
      assert.equal((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode, 304, 'a list, weak comparison');
      assert.equal((await get(url, { 'if-none-match': '"other"' })).statusCode, 200);
    }
    const before = (await get('/feeds/top.rss')).headers.etag as string;
    await nr.repo.setStoryFlags(nr.bank, { hidden: true });
    try {
      const after = await get('/feeds/top.rss', { 'if-none-match': before });
      assert.equal(after.statusCode, 200, 'hiding a story changes the feed');
      assert.notEqual(after.headers.etag, before);
      assert.doesNotMatch(after.body, new RegExp(`/story/${nr.bank}<`));
    } finally {
      await nr.repo.setStoryFlags(nr.bank, { hidden: false });
    }
  });

  it('leaves hidden stories out and answers 404 for what does not exist', async () => {
    for (const format of ['rss', 'atom', 'json']) {
      const top = await get(`/feeds/top.${format}`);
      assert.doesNotMatch(top.body, new RegExp(`/story/${nr.hidden}\\b`), 'a hidden story is not in Top Stories');
      assert.doesNotMatch(top.body, /glassworks/);
      assert.equal((await get(`/feeds/story/${nr.hidden}.${format}`)).statusCode, 404, 'nor has a feed');
    }
    for (const url of ['/feeds/top.xml', '/feeds/section/nope.rss', '/feeds/section/world.html', '/feeds/story/999999.atom', '/feeds/story/abc.json', '/feeds/story/0.rss']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /text\/html/, 'the site\'s own not-found page');
    }
  });

  it('takes its absolute links from the Host header, or from the configured public URL', async () => {
    const own = await nr.app.inject({ url: '/feeds/top.json', headers: { host: 'example.org:8080' } });
    assert.equal((JSON.parse(own.body) as { feed_url: string }).feed_url, 'http://example.org:8080/feeds/top.json');
    const forged = await nr.app.inject({ url: '/feeds/top.json', headers: { host: 'evil"><x' } });
    assert.equal((JSON.parse(forged.body) as { feed_url: string }).feed_url, 'http://localhost/feeds/top.json', 'a Host that is no host name is not echoed');

    const app = await buildApp({ repo: nr.repo, config: defaultConfig(), extensions: [feedsOutExtension({ repo: nr.repo, siteName: SITE_NAME, publicUrl: 'https://news.example/' })] });
    try {
      const atom = parseAtomFeed((await app.inject({ url: '/feeds/top.atom', headers: { host: 'internal:8080' } })).body);
      assert.equal(atom.id, 'https://news.example/feeds/top.atom');
      assert.ok(atom.entries?.every((e) => e.id?.startsWith('https://news.example/story/')));
    } finally {
      await app.close();
    }
  });
});
