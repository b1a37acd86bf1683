// The page cache on the real site: pages answered from memory without rendering, dropped
// when ingest, comments or editors change them, 304s, compression, and nothing personal
// ever kept or shown to someone else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import type { Article } from '../src/model.js';
import { registry } from '../src/ops/metrics.js';
import { PageCache } from '../src/web/cache/page-cache.js';
import { CACHE_HEADER } from '../src/web/cache/plugin.js';
import type { SiteExtension } from '../src/web/extension.js';
import { feedsOutExtension } from '../src/web/feeds-out/extension.js';
import { searchExtension } from '../src/web/search/extension.js';
import { type CommentsSite, commentsSite, cookieOf, tokenIn } from './comments-site.js';

describe('page cache on the site', () => {
  let site: CommentsSite;
  let cache: PageCache;
  /** Pages rendered with the sidebar (home, sections, stories, articles): a render counter. */
  let renders = 0;
  const counter: SiteExtension = {
    name: 'render-counter',
    sidebar: async () => {
      renders++;
      return null;
    },
  };

  before(async () => {
    cache = new PageCache({ maxBytes: 16 * 1024 * 1024, ttlMs: 60_000 });
    site = await commentsSite({
      pageCache: cache,
      // The site's other public features, on the same repository, behind the same cache.
      extensions: (repo) => [counter, feedsOutExtension({ repo, siteName: 'Newsroom' }), searchExtension({ repo, siteName: 'Newsroom' })],
    });
  });
  after(async () => {
    await site.close();
  });

  const cacheState = (res: LightMyRequestResponse) => res.headers[CACHE_HEADER];
  const rendered = async (path: string, headers: Record<string, string> = {}) => {
    const before = renders;
    const res = await site.app.inject({ url: path, headers });
    return { res, rendered: renders - before };
  };

  const publish = async (title: string, text: string, slug: string): Promise<Article> => {
    const at = site.now();
    const [article] = await site.repo.insertArticles([{
      sourceId: 1, guid: slug, url: `https://news.example/${slug}`, canonicalUrl: `https://news.example/${slug}`, title, author: null,
      summary: text, contentHtml: `<p>${text}</p>`, imageUrl: null, section: 'world', categories: [], publishedAt: at, fetchedAt: at,
    }]);
    await site.stories.process([article!], at);
    return article!;
  };

  it('answers a page the second time from memory, without rendering it, with the same bytes', async () => {
    const first = await rendered('/section/world');
    assert.equal(first.res.statusCode, 200);
    assert.equal(cacheState(first.res), 'miss');
    assert.equal(first.rendered, 1);
    const second = await rendered('/section/world');
    assert.equal(cacheState(second.res), 'hit');
    assert.equal(second.rendered, 0, 'the handler did not run');
    assert.equal(second.res.body, first.res.body);
    assert.equal(second.res.headers.etag, first.res.headers.etag);
    assert.equal(second.res.headers['cache-control'], 'public, no-cache');
    assert.match(String(second.res.headers['content-type']), /^text\/html/);
    assert.ok(second.res.headers['last-modified']);
    assert.match(String(second.res.headers['content-security-policy']), /default-src 'none'/, 'security headers on cached answers too');
    const tracked = await rendered('/section/world?utm_source=newsletter');
    assert.equal(tracked.rendered, 0, 'parameters the page does not read share its entry');
    const paged = await rendered('/section/world?page=2');
    assert.equal(paged.rendered, 1, 'those it reads do not');
  });

  it('reports what it holds and its hits on /metrics', async () => {
    await site.get('/popular');
    await site.get('/popular');
    const text = await registry.metrics();
    const stats = cache.stats();
    assert.ok(stats.hits > 0 && stats.entries > 0);
    assert.match(text, new RegExp(`newsroom_page_cache_lookups_total\\{result="hit"\\} ${stats.hits}\\b`));
    assert.match(text, new RegExp(`newsroom_page_cache_entries ${stats.entries}\\b`));
  });

  it('answers 304 to a reader whose copy is current, before and after caching', async () => {
    const page = await site.app.inject({ url: '/latest' });
    const etag = String(page.headers.etag);
    const again = await site.app.inject({ url: '/latest', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(cacheState(again), 'hit');
    const stale = await site.app.inject({ url: '/latest', headers: { 'if-none-match': '"something-else"' } });
    assert.equal(stale.statusCode, 200);
    assert.equal(stale.body, page.body);
  });

  it('compresses once and says so (Vary), for readers that accept it', async () => {
    const plain = await site.app.inject({ url: '/' });
    const gz = await site.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
    assert.ok(gz.rawPayload.length < plain.rawPayload.length / 2);
    const br = await site.app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(br.headers['content-encoding'], 'br');
  });

  it('drops the home, section and story pages when a new article joins a story', async () => {
    const story = await site.get(`/story/${site.storyId}`);
    await site.get('/');
    await site.get('/feeds/top.rss');
    assert.equal(cacheState(await site.get(`/story/${site.storyId}`)), 'hit');
    assert.equal(cacheState(await site.get('/')), 'hit');
    assert.doesNotMatch(story.body, /Portvale Gazette/);

    const article = await publish('Portvale strike: dockers stay out as port talks stall for a fourth day',
      'Dock workers in Portvale stayed out for a fourth day as talks between the union and the Portvale port authority stalled again.', 'portvale-fourth-day');
    assert.equal(article.id > 0, true);
    const joined = (await site.repo.getArticle(article.id))!.storyId;
    assert.equal(joined, site.storyId, 'the real stories stage put it in the strike story');

    const storyAfter = await site.get(`/story/${site.storyId}`);
    assert.equal(cacheState(storyAfter), 'miss');
    assert.match(storyAfter.body, /dockers stay out as port talks stall for a fourth day/);
    const home = await site.get('/');
    assert.equal(cacheState(home), 'miss');
    assert.match(home.body, /dockers stay out as port talks stall for a fourth day/);
    assert.equal(cacheState(await site.get('/section/world')), 'miss');
    assert.equal(cacheState(await site.get('/feeds/top.rss')), 'miss');
    assert.equal(cacheState(await site.get(`/story/${site.otherStoryId}`)), 'miss', 'never asked before');
    assert.equal(cacheState(await site.get(`/story/${site.otherStoryId}`)), 'hit');
    await publish('Portvale ferry timetable changes during the strike', 'The Portvale ferry runs a reduced timetable while the dock strike lasts.', 'ferry');
    assert.equal(cacheState(await site.get(`/story/${site.otherStoryId}`)), 'hit', 'a story nothing happened to is kept');
  });

  it('makes the comment form’s token anew on every answer from the cache', async () => {
    const path = `/story/${site.storyId}`;
    const first = await site.get(path);
    site.advance(30_000);
    const cached = await site.get(path);
    assert.equal(cacheState(cached), 'hit');
    assert.notEqual(tokenIn(cached.body), tokenIn(first.body), 'the token says when this answer was made');
    assert.match(String(cached.headers.etag), /^W\//, 'the same page in all but its token');
    // Posting at once with the token of the cached answer is still "too quick".
    const res = await site.app.inject({
      method: 'POST', url: `${path}/comments`, remoteAddress: '10.9.9.9',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: new URLSearchParams({ token: tokenIn(cached.body), comment: 'Too quick.', author: 'Bot' }).toString(),
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().reason, 'too-fast');
  });

  it('shows a held comment to its author only, never keeping their page, and a published one to everyone at once', async () => {
    const path = `/story/${site.storyId}`;
    await site.get(path);
    assert.equal(cacheState(await site.get(path)), 'hit');
    const fields = { comment: 'The ferry is packed with dockers this morning.', author: 'Ines Adeyemi', email: 'ines@example.org' };
    const posted = await site.post(site.storyId, fields);
    assert.equal(posted.statusCode, 303);
    const cookie = cookieOf(posted);
    const mine = await site.get(path, cookie);
    assert.equal(mine.headers[CACHE_HEADER], undefined, 'a personal request bypasses the cache');
    assert.equal(mine.headers['cache-control'], 'private, no-cache');
    assert.match(mine.body, /Your comment is awaiting moderation\./);
    assert.match(mine.body, /ferry is packed/);
    const stranger = await site.get(path);
    assert.equal(cacheState(stranger), 'hit');
    assert.doesNotMatch(stranger.body, /ferry is packed|awaiting moderation/, 'the author’s page was not kept for others');
    const again = await site.get(path, cookie);
    assert.match(again.body, /ferry is packed/, 'nor was the others’ page shown to the author');

    const id = Number(/#comment-(\d+)$/.exec(String(posted.headers.location))?.[1]);
    assert.equal((await site.extension.comments.moderator.approve(id)).ok, true);
    const approved = await site.get(path);
    assert.equal(cacheState(approved), 'miss', 'approving dropped the story page');
    assert.match(approved.body, /ferry is packed/);
    assert.match((await site.get('/')).body, /Ines Adeyemi/, 'and the Recent Comments beside the home page');

    // Once approved, the author's next comment is published at once, for everyone.
    await site.get(path);
    const second = await site.post(site.storyId, { ...fields, comment: 'Update: the ferry added a second boat.' });
    assert.equal(second.statusCode, 303);
    const everyone = await site.get(path);
    assert.equal(cacheState(everyone), 'miss');
    assert.match(everyone.body, /the ferry added a second boat/);
  });

  it('never keeps a page rendered with an editor’s session or a comment form’s refusal', async () => {
    const path = `/story/${site.otherStoryId}`;
    cache.clear();
    const editor = await site.get(path, 'newsroom_admin=abc');
    assert.equal(editor.headers['cache-control'], 'private, no-cache');
    assert.equal(cacheState(await site.get(path)), 'miss', 'the editor’s request left nothing behind');
    // A refused post re-renders the page with the typed values: those stay with the poster.
    const refused = await site.app.inject({
      method: 'POST', url: `${path}/comments`, remoteAddress: '10.9.9.8',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ token: 'forged', comment: 'My secret draft', author: 'Someone' }).toString(),
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /My secret draft/);
    const other = await site.get(path);
    assert.equal(cacheState(other), 'hit');
    assert.doesNotMatch(other.body, /My secret draft/);
  });

  it('keeps search results per query and drops them when new articles are indexed', async () => {
    const first = await site.get('/search?q=ferry');
    assert.equal(cacheState(first), 'miss');
    assert.equal(cacheState(await site.get('/search?q=ferry&utm=x')), 'hit');
    assert.equal(cacheState(await site.get('/search?q=strike')), 'miss');
    assert.doesNotMatch(first.body, /hovercraft/);
    await publish('Hovercraft replaces the Portvale ferry', 'A hovercraft replaces the Portvale ferry during the strike.', 'hovercraft');
    const after = await site.get('/search?q=ferry');
    assert.equal(cacheState(after), 'miss');
    assert.match(after.body, /Hovercraft/);
  });
});
