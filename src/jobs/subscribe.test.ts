import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../config.js';
import { createHttpClient } from '../fetch/http.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { subscribe } from './subscribe.js';

const RSS = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://x.example/</link><item><title>A</title><link>http://x.example/a</link></item></channel></rss>`;

const ROUTES: Record<string, [string, string]> = {
  // A site that advertises nothing, but serves its feed at a common path.
  '/quiet/': ['text/html', '<html><head><title>Quiet Times</title></head><body>news</body></html>'],
  '/quiet/feed': ['application/rss+xml', RSS('Quiet Times')],
  // A site whose page advertises its Atom feed; /feed exists too but the advertised one wins.
  '/loud/': ['text/html', '<html><head><link rel="alternate" type="application/atom+xml" title="Loud" href="atom.xml"></head></html>'],
  '/loud/atom.xml': ['application/atom+xml', '<feed xmlns="http://www.w3.org/2005/Atom"><title>Loud Atom</title><entry><id>1</id><title>x</title></entry></feed>'],
  '/loud/feed': ['application/rss+xml', RSS('Loud RSS')],
  // A page advertising a "feed" that is an HTML error page.
  '/liar/': ['text/html', '<html><head><link rel="alternate" type="application/rss+xml" href="rss"></head></html>'],
  '/liar/rss': ['application/rss+xml', '<html><body>Error establishing a database connection</body></html>'],
  '/plain.json': ['application/feed+json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Direct', items: [] })],
};

describe('subscribe', () => {
  const server = http.createServer((req, res) => {
    const route = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(route ? 200 : 404, { 'content-type': route?.[0] ?? 'text/plain' });
    res.end(route?.[1] ?? 'not found');
  });
  const repo = SqliteRepository.open(':memory:');
  const config = defaultConfig();
  config.fetch = { ...config.fetch, allowLoopback: true, perHostSpacingMs: 0 };
  const httpClient = createHttpClient(config.fetch);
  let base = '';
  const deps = { repo, http: httpClient, config };

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await httpClient.close();
    await repo.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('follows a feed given directly', async () => {
    const result = await subscribe(`${base}/plain.json`, {}, deps);
    assert.ok('source' in result, JSON.stringify(result));
    assert.equal(result.source.name, 'Direct');
    assert.equal(result.discoveredFrom, null);
  });

  it('prefers the feed a page advertises', async () => {
    const result = await subscribe(`${base}/loud/`, { section: 'Technology' }, deps);
    assert.ok('source' in result, JSON.stringify(result));
    assert.equal(result.source.feedUrl, `${base}/loud/atom.xml`);
    assert.equal(result.source.name, 'Loud Atom');
    assert.equal(result.source.section, 'technology');
    assert.equal(result.discoveredFrom, `${base}/loud/`);
  });

  it('tries common feed paths when a page advertises none', async () => {
    const result = await subscribe(`${base}/quiet/`, {}, deps);
    assert.ok('source' in result, JSON.stringify(result));
    assert.equal(result.source.feedUrl, `${base}/quiet/feed`);
  });

  it('verifies every candidate by parsing it, and says why none worked', async () => {
    const result = await subscribe(`${base}/liar/`, {}, deps);
    assert.ok('error' in result);
    assert.match(result.error, /advertises no feed that could be read/);
  });

  it('does not follow the same feed twice', async () => {
    const again = await subscribe(`${base}/plain.json`, {}, deps);
    assert.ok('error' in again && /already exists/.test(again.error));
  });
});
