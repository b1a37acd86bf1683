import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { defaultConfig, type Config } from '../config.js';
import { createHttpClient, parseMaxAge, parseRetryAfter, type FetchResult, type HttpClient } from './http.js';
import { checkLiteralHost } from './ssrf.js';

const LAST_MODIFIED = 'Wed, 21 Oct 2015 07:28:00 GMT';
const ETAG = '"v1-abc"';
const PAGE = '<rss><channel><title>Café</title></channel></rss>';

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
}

let server: http.Server;
let base: string;
let port: number;
const seen: Seen[] = [];
let connections = 0;
let endlessClosed = false;
const hanging: http.ServerResponse[] = [];
const clients: HttpClient[] = [];
let client: HttpClient;

function fetchConfig(overrides: Partial<Config['fetch']> = {}): Config['fetch'] {
  return { ...defaultConfig().fetch, allowLoopback: true, perHostSpacingMs: 0, ...overrides };
}

function newClient(overrides: Partial<Config['fetch']> = {}): HttpClient {
  const c = createHttpClient(fetchConfig(overrides));
  clients.push(c);
  return c;
}

function requestsTo(path: string): Seen[] {
  return seen.filter((s) => s.path === path);
}

function expectOk(result: FetchResult) {
  assert.equal(result.kind, 'ok', `expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<FetchResult, { kind: 'ok' }>;
}

function expectError(result: FetchResult, error: string) {
  assert.equal(result.kind, 'error', `expected an error, got ${JSON.stringify({ ...result, body: undefined })}`);
  const failure = result as Extract<FetchResult, { kind: 'error' }>;
  assert.equal(failure.error, error, failure.message);
  return failure;
}

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  seen.push({ path: url.pathname, headers: req.headers });
  const chain = url.pathname.match(/^\/chain\/(\d+)$/);
  if (chain) {
    const n = Number(chain[1]);
    if (n === 0) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('end of chain');
    } else {
      // A relative Location: resolves against /chain/n to /chain/n-1.
      res.writeHead(302, { location: String(n - 1) }).end();
    }
    return;
  }
  switch (url.pathname) {
    case '/ok':
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml; charset=utf-8',
          etag: ETAG,
          'last-modified': LAST_MODIFIED,
          'cache-control': 'public, max-age=300',
        })
        .end(PAGE);
      return;
    case '/cond': {
      const matches = req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED;
      if (matches) {
        res.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED, 'cache-control': 'max-age=60' }).end();
      } else {
        res.writeHead(200, { etag: ETAG, 'last-modified': LAST_MODIFIED }).end('fresh');
      }
      return;
    }
    case '/to-cond':
      res.writeHead(301, { location: '/cond' }).end();
      return;
    case '/gzip':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.from(PAGE)));
      return;
    case '/br':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'br' }).end(zlib.brotliCompressSync(Buffer.from(PAGE)));
      return;
    case '/deflate':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'deflate' }).end(zlib.deflateSync(Buffer.from(PAGE)));
      return;
    case '/big':
      res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(50_000, 'a'));
      return;
    case '/big-chunked': {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 50; i++) res.write(Buffer.alloc(1000, 'b'));
      res.end();
      return;
    }
    case '/bomb':
      // 200 KB of zeros compresses to a few hundred bytes: the cap applies to the decoded size.
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(200_000)));
      return;
    case '/bomb-br':
      res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(Buffer.alloc(200_000)));
      return;
    case '/bomb-deflate':
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync(Buffer.alloc(200_000)));
      return;
    case '/endless-gzip': {
      // A compressed stream that never ends: only stopping at the cap gets out of it.
      const gzip = zlib.createGzip();
      res.writeHead(200, { 'content-encoding': 'gzip' });
      gzip.pipe(res);
      const timer = setInterval(() => gzip.write(Buffer.alloc(64 * 1024)), 5);
      res.on('close', () => {
        clearInterval(timer);
        endlessClosed = true;
      });
      return;
    }
    case '/corrupt-gzip':
      res.writeHead(200, { 'content-encoding': 'gzip' }).end('this was never gzip');
      return;
    case '/truncated-gzip': {
      const whole = zlib.gzipSync(Buffer.from(PAGE.repeat(20)));
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(whole.subarray(0, whole.length - 12));
      return;
    }
    case '/raw-deflate':
      // "deflate" without the zlib wrapper, as some servers send it.
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateRawSync(Buffer.from(PAGE)));
      return;
    case '/stacked':
      // Deflated, then gzipped: decoding undoes gzip first.
      res.writeHead(200, { 'content-encoding': 'deflate, GZIP' }).end(zlib.gzipSync(zlib.deflateSync(Buffer.from(PAGE))));
      return;
    case '/unknown-coding':
      res.writeHead(200, { 'content-encoding': 'x-squash' }).end('squashed bytes');
      return;
    case '/too-many-codings':
      res.writeHead(200, { 'content-encoding': 'gzip, gzip, gzip, gzip, gzip, gzip' }).end(zlib.gzipSync(Buffer.from(PAGE)));
      return;
    case '/stall-gzip':
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.write(zlib.gzipSync(Buffer.from(PAGE)).subarray(0, 12));
      hanging.push(res);
      return;
    case '/wordy-redirect':
    case '/wordy-404':
      // The body comes after the headers, so the client has to read it for the
      // connection to be reused.
      res.writeHead(url.pathname === '/wordy-404' ? 404 : 301, { location: '/ok', 'content-type': 'text/html' }).flushHeaders();
      setTimeout(() => res.end(`<p>Not here: see <a href="/ok">/ok</a>.</p>${' '.repeat(4000)}`), 2);
      return;
    case '/gone-fishing':
      res.statusMessage = 'Gone Fishing';
      res.writeHead(410).end();
      return;
    case '/split-headers':
      // Repeated fields are read joined, as one line with commas.
      res.writeHead(200, ['cache-control', 'public', 'cache-control', 'max-age=42', 'content-type', 'text/plain']).end('split');
      return;
    case '/exact':
      res.writeHead(200).end(Buffer.alloc(1000, 'c'));
      return;
    case '/429':
      res.writeHead(429, { 'retry-after': '120' }).end('slow down');
      return;
    case '/503':
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }).end('later');
      return;
    case '/503-no-retry':
      res.writeHead(503).end();
      return;
    case '/500-retry':
      res.writeHead(500, { 'retry-after': '30' }).end();
      return;
    case '/404':
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
      return;
    case '/hang':
      hanging.push(res); // never answers
      return;
    case '/stall-body':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      hanging.push(res); // headers and a first chunk, then nothing
      return;
    case '/to-private':
      res.writeHead(302, { location: 'http://10.255.255.1/' }).end();
      return;
    case '/to-metadata':
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      return;
    case '/to-mapped-metadata':
      res.writeHead(307, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data' }).end();
      return;
    case '/to-ftp':
      res.writeHead(302, { location: 'ftp://127.0.0.1/file' }).end();
      return;
    case '/no-location':
      res.writeHead(302).end();
      return;
    case '/bad-location':
      res.writeHead(302, { location: 'http://[::1/' }).end();
      return;
    default:
      res.writeHead(500).end('unexpected path');
  }
}

before(async () => {
  server = http.createServer(handler);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  client = newClient();
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('http client: successful fetches', () => {
  it('returns the body, status, content type and cache validators of a 200', async () => {
    const result = expectOk(await client.get(`${base}/ok`));
    assert.equal(result.status, 200);
    assert.equal(result.url, `${base}/ok`);
    assert.ok(Buffer.isBuffer(result.body));
    assert.equal(result.body.toString('utf8'), PAGE);
    assert.equal(result.contentType, 'application/rss+xml; charset=utf-8');
    assert.equal(result.etag, ETAG);
    assert.equal(result.lastModified, LAST_MODIFIED);
    assert.equal(result.maxAgeSeconds, 300);
  });

  it('sends a User-Agent naming Newsroom, the Accept it is given and Accept-Encoding', async () => {
    const before = seen.length;
    expectOk(await client.get(`${base}/ok`, {}, 'application/rss+xml, */*;q=0.1'));
    const request = seen[before];
    assert.ok(request);
    assert.equal(request.path, '/ok');
    assert.match(request.headers['user-agent'] ?? '', /^Newsroom\//);
    assert.equal(request.headers['user-agent'], defaultConfig().fetch.userAgent);
    assert.equal(request.headers.accept, 'application/rss+xml, */*;q=0.1');
    assert.match(request.headers['accept-encoding'] ?? '', /gzip/);
    assert.match(request.headers['accept-encoding'] ?? '', /br/);
    // What fetch added on its own, kept so that publishers see the same request.
    assert.equal(request.headers['accept-language'], '*');
    assert.equal(request.headers['sec-fetch-mode'], 'cors');
    assert.equal(request.headers['if-none-match'], undefined);
    assert.equal(request.headers['if-modified-since'], undefined);
  });

  it('decodes gzip, br and deflate bodies', async () => {
    for (const path of ['/gzip', '/br', '/deflate']) {
      const result = expectOk(await client.get(`${base}${path}`));
      assert.equal(result.body.toString('utf8'), PAGE, path);
    }
  });

  it('joins a repeated header with commas', async () => {
    const result = expectOk(await client.get(`${base}/split-headers`));
    assert.equal(result.maxAgeSeconds, 42);
    assert.equal(result.contentType, 'text/plain');
  });
});

describe('http client: content codings', () => {
  it('decodes raw deflate, stacked codings and codings in capitals', async () => {
    for (const path of ['/raw-deflate', '/stacked']) {
      const result = expectOk(await client.get(`${base}${path}`));
      assert.equal(result.body.toString('utf8'), PAGE, path);
    }
  });

  it('keeps the body as sent when a coding is unknown', async () => {
    const result = expectOk(await client.get(`${base}/unknown-coding`));
    assert.equal(result.body.toString(), 'squashed bytes');
  });

  it('keeps what arrived of a truncated gzip body', async () => {
    const result = expectOk(await client.get(`${base}/truncated-gzip`));
    const whole = Buffer.from(PAGE.repeat(20));
    assert.ok(result.body.length > PAGE.length && result.body.length < whole.length, `decoded ${result.body.length} bytes`);
    assert.ok(whole.subarray(0, result.body.length).equals(result.body));
  });

  it('gives network, not an exception, for a corrupt gzip body, and goes on fetching', async () => {
    const result = expectError(await client.get(`${base}/corrupt-gzip`), 'network');
    assert.equal(result.status, null);
    assert.match(result.message, /Z_DATA_ERROR/);
    expectOk(await client.get(`${base}/gzip`));
  });

  it('gives network for more codings than it decodes', async () => {
    const result = expectError(await client.get(`${base}/too-many-codings`), 'network');
    assert.match(result.message, /too many content-encodings/);
  });

  it('gives timeout when a compressed body stalls', async () => {
    const c = newClient({ bodyTimeoutMs: 300 });
    const result = expectError(await c.get(`${base}/stall-gzip`), 'timeout');
    assert.match(result.message, /BODY_TIMEOUT/);
  });
});

describe('http client: connections', () => {
  // undici's pool may open a second connection while the first is being released, never
  // one per request.
  it('reuses connections across many 304s to one host', async () => {
    const c = newClient();
    const before = connections;
    for (let i = 0; i < 200; i++) {
      const result = await c.get(`${base}/cond`, { etag: ETAG });
      assert.equal(result.kind, 'not_modified');
    }
    assert.ok(connections - before <= 2, `${connections - before} connections for 200 requests`);
  });

  it('reuses connections after redirects and error responses that have a body', async () => {
    const c = newClient();
    const before = connections;
    for (let i = 0; i < 50; i++) {
      assert.equal(expectOk(await c.get(`${base}/wordy-redirect`)).url, `${base}/ok`);
      expectError(await c.get(`${base}/wordy-404`), 'http');
    }
    assert.ok(connections - before <= 2, `${connections - before} connections for 150 requests`);
  });
});

describe('http client: conditional GET', () => {
  it('sends If-None-Match and If-Modified-Since, and a 304 gives not_modified', async () => {
    const before = requestsTo('/cond').length;
    const result = await client.get(`${base}/cond`, { etag: ETAG, lastModified: LAST_MODIFIED });
    const request = requestsTo('/cond')[before];
    assert.ok(request);
    assert.equal(request.headers['if-none-match'], ETAG);
    assert.equal(request.headers['if-modified-since'], LAST_MODIFIED);
    assert.deepEqual(result, {
      kind: 'not_modified',
      status: 304,
      url: `${base}/cond`,
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      maxAgeSeconds: 60,
    });
  });

  it('works with only a Last-Modified validator', async () => {
    const before = requestsTo('/cond').length;
    const result = await client.get(`${base}/cond`, { etag: null, lastModified: LAST_MODIFIED });
    const request = requestsTo('/cond')[before];
    assert.ok(request);
    assert.equal(request.headers['if-none-match'], undefined);
    assert.equal(request.headers['if-modified-since'], LAST_MODIFIED);
    assert.equal(result.kind, 'not_modified');
  });

  it('gets the full body without validators', async () => {
    const result = expectOk(await client.get(`${base}/cond`));
    assert.equal(result.body.toString(), 'fresh');
    assert.equal(result.etag, ETAG);
  });

  it('does not carry validators across a redirect', async () => {
    const before = requestsTo('/cond').length;
    const result = expectOk(await client.get(`${base}/to-cond`, { etag: ETAG, lastModified: LAST_MODIFIED }));
    assert.equal(result.body.toString(), 'fresh');
    assert.equal(result.url, `${base}/cond`);
    const request = requestsTo('/cond')[before];
    assert.ok(request);
    assert.equal(request.headers['if-none-match'], undefined);
    assert.equal(request.headers['if-modified-since'], undefined);
  });
});

describe('http client: redirects', () => {
  it('follows relative redirects up to maxRedirects and reports the final URL', async () => {
    const c = newClient({ maxRedirects: 3 });
    const before = seen.length;
    const result = expectOk(await c.get(`${base}/chain/3`));
    assert.equal(result.body.toString(), 'end of chain');
    assert.equal(result.url, `${base}/chain/0`);
    assert.deepEqual(
      seen.slice(before).map((s) => s.path),
      ['/chain/3', '/chain/2', '/chain/1', '/chain/0'],
    );
  });

  it('gives too_many_redirects after more than maxRedirects, without fetching further', async () => {
    const c = newClient({ maxRedirects: 3 });
    const before = seen.length;
    const result = expectError(await c.get(`${base}/chain/4`), 'too_many_redirects');
    assert.equal(result.status, 302);
    assert.equal(result.url, `${base}/chain/1`);
    assert.deepEqual(
      seen.slice(before).map((s) => s.path),
      ['/chain/4', '/chain/3', '/chain/2', '/chain/1'],
    );
  });

  it('with maxRedirects 0, refuses the first redirect', async () => {
    const c = newClient({ maxRedirects: 0 });
    const result = expectError(await c.get(`${base}/chain/1`), 'too_many_redirects');
    assert.equal(result.status, 302);
  });

  it('treats a redirect without Location as an HTTP error', async () => {
    const result = expectError(await client.get(`${base}/no-location`), 'http');
    assert.equal(result.status, 302);
  });

  it('returns an error value, not an exception, for an unparseable Location', async () => {
    const result = expectError(await client.get(`${base}/bad-location`), 'invalid_url');
    assert.equal(result.url, `${base}/bad-location`);
    assert.equal(result.status, 302);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const result = expectError(await client.get(`${base}/to-ftp`), 'invalid_url');
    assert.equal(result.url, 'ftp://127.0.0.1/file');
  });
});

describe('http client: limits and errors', () => {
  it('gives too_large for a body over maxBytes (with and without Content-Length)', async () => {
    const c = newClient({ maxBytes: 10_000 });
    for (const path of ['/big', '/big-chunked']) {
      const result = expectError(await c.get(`${base}${path}`), 'too_large');
      assert.equal(result.status, 200, path);
      assert.match(result.message, /10000/);
    }
  });

  it('applies maxBytes to the decompressed size (gzip, br and deflate bombs)', async () => {
    const c = newClient({ maxBytes: 10_000 });
    for (const path of ['/bomb', '/bomb-br', '/bomb-deflate']) {
      const result = expectError(await c.get(`${base}${path}`), 'too_large');
      assert.equal(result.status, 200, path);
    }
    expectOk(await c.get(`${base}/gzip`));
  });

  it('stops downloading a compressed body as soon as it decodes past maxBytes', async () => {
    const c = newClient({ maxBytes: 1_000_000 });
    expectError(await c.get(`${base}/endless-gzip`), 'too_large');
    // The server sees the connection go: the download was stopped, not drained.
    for (let i = 0; i < 100 && !endlessClosed; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(endlessClosed, 'the endless response was closed');
  });

  it('accepts a body of exactly maxBytes', async () => {
    const c = newClient({ maxBytes: 1000 });
    const result = expectOk(await c.get(`${base}/exact`));
    assert.equal(result.body.length, 1000);
  });

  it('reads Retry-After in seconds on a 429', async () => {
    const result = expectError(await client.get(`${base}/429`), 'http');
    assert.equal(result.status, 429);
    assert.equal(result.retryAfterMs, 120_000);
  });

  it('reads Retry-After as an HTTP date on a 503', async () => {
    const result = expectError(await client.get(`${base}/503`), 'http');
    assert.equal(result.status, 503);
    assert.ok(result.retryAfterMs !== null, 'retryAfterMs was set');
    // The date has one-second precision: about 90 s, never more.
    assert.ok(result.retryAfterMs >= 85_000 && result.retryAfterMs <= 90_000, `retryAfterMs = ${result.retryAfterMs}`);
  });

  it('has no retryAfterMs without the header, or on other statuses', async () => {
    const noHeader = expectError(await client.get(`${base}/503-no-retry`), 'http');
    assert.equal(noHeader.status, 503);
    assert.equal(noHeader.retryAfterMs, null);
    const other = expectError(await client.get(`${base}/500-retry`), 'http');
    assert.equal(other.status, 500);
    assert.equal(other.retryAfterMs, null);
  });

  it('gives an http error with the status for a 404', async () => {
    const result = expectError(await client.get(`${base}/404`), 'http');
    assert.equal(result.status, 404);
    assert.equal(result.url, `${base}/404`);
    assert.match(result.message, /404/);
  });

  it("puts the server's reason phrase in the message", async () => {
    assert.equal(expectError(await client.get(`${base}/404`), 'http').message, 'HTTP 404 Not Found');
    assert.equal(expectError(await client.get(`${base}/gone-fishing`), 'http').message, 'HTTP 410 Gone Fishing');
  });

  it('gives network for a URL with credentials, without connecting', async () => {
    const before = connections;
    const result = expectError(await client.get(`http://user:secret@127.0.0.1:${port}/ok`), 'network');
    assert.match(result.message, /credentials/);
    assert.equal(connections, before);
  });

  it('gives timeout when the server never sends headers', async () => {
    const c = newClient({ headersTimeoutMs: 300 });
    const started = performance.now();
    const result = expectError(await c.get(`${base}/hang`), 'timeout');
    const elapsed = performance.now() - started;
    assert.equal(result.status, null);
    assert.match(result.message, /HEADERS_TIMEOUT/);
    assert.ok(elapsed >= 250 && elapsed < 3000, `took ${elapsed.toFixed(0)} ms`);
  });

  it('gives timeout when the whole request takes longer than totalTimeoutMs', async () => {
    const c = newClient({ totalTimeoutMs: 300 });
    const started = performance.now();
    expectError(await c.get(`${base}/hang`), 'timeout');
    assert.ok(performance.now() - started < 3000);
  });

  it('gives timeout when the body stalls longer than bodyTimeoutMs', async () => {
    const c = newClient({ bodyTimeoutMs: 300 });
    const started = performance.now();
    const result = expectError(await c.get(`${base}/stall-body`), 'timeout');
    assert.match(result.message, /BODY_TIMEOUT/);
    assert.ok(performance.now() - started < 3000);
  });

  it('gives network for a refused connection', async () => {
    // A port on loopback that nothing listens on: grab one, then free it.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const freePort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = expectError(await client.get(`http://127.0.0.1:${freePort}/`), 'network');
    assert.match(result.message, /ECONNREFUSED/);
  });

  it('gives invalid_url for other schemes and for garbage', async () => {
    const before = connections;
    for (const raw of ['ftp://127.0.0.1/file', 'file:///etc/passwd', 'data:text/plain,hi']) {
      const result = expectError(await client.get(raw), 'invalid_url');
      assert.match(result.message, /unsupported scheme/);
    }
    const garbage = expectError(await client.get('not a url'), 'invalid_url');
    assert.equal(garbage.url, 'not a url');
    assert.equal(connections, before);
  });
});

describe('http client: SSRF guard', () => {
  it('refuses 127.0.0.1 when allowLoopback is false, and the server sees nothing', async () => {
    const c = newClient({ allowLoopback: false });
    const beforeConnections = connections;
    const beforeRequests = seen.length;
    for (const raw of [`${base}/ok`, `http://[::1]:${port}/ok`, `http://2130706433:${port}/ok`, `http://[::ffff:127.0.0.1]:${port}/ok`]) {
      const result = expectError(await c.get(raw), 'forbidden_address');
      assert.equal(result.status, null);
      assert.match(result.message, /refused/);
    }
    assert.equal(connections, beforeConnections);
    assert.equal(seen.length, beforeRequests);
  });

  it('refuses a name that resolves to loopback (localhost) when allowLoopback is false', async () => {
    const c = newClient({ allowLoopback: false });
    const beforeConnections = connections;
    const beforeRequests = seen.length;
    const result = expectError(await c.get(`http://localhost:${port}/ok`), 'forbidden_address');
    assert.match(result.message, /localhost/);
    assert.equal(connections, beforeConnections);
    assert.equal(seen.length, beforeRequests);
  });

  it('fetches localhost when allowLoopback is true (the lookup answers normally)', async () => {
    const result = expectOk(await client.get(`http://localhost:${port}/ok`));
    assert.equal(result.body.toString(), PAGE);
  });

  // The redirect targets below must never be contacted: these tests only run when the
  // literal check refuses them before connecting (http.ts calls checkLiteralHost on every
  // hop before any request is made).
  for (const [path, target, address] of [
    ['/to-private', 'http://10.255.255.1/', '10.255.255.1'],
    ['/to-metadata', 'http://169.254.169.254/latest/meta-data', '169.254.169.254'],
    ['/to-mapped-metadata', 'http://[::ffff:a9fe:a9fe]/latest/meta-data', '::ffff:a9fe:a9fe'],
  ] as const) {
    it(`refuses a redirect to ${target} before connecting`, async () => {
      const refusal = checkLiteralHost(new URL(target), true);
      assert.ok(refusal, `precondition: checkLiteralHost must refuse ${target}`);
      assert.equal(refusal.address, address);
      const before = seen.length;
      const result = expectError(await client.get(`${base}${path}`), 'forbidden_address');
      assert.equal(result.url, target);
      assert.equal(result.status, null);
      assert.match(result.message, new RegExp(address.replace(/[.]/g, '\\.')));
      assert.deepEqual(
        seen.slice(before).map((s) => s.path),
        [path],
      );
    });
  }
});

describe('parseRetryAfter and parseMaxAge', () => {
  it('parses delta-seconds and HTTP dates relative to now', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter(' 30 ', now), 30_000);
    assert.equal(parseRetryAfter('Mon, 01 Jan 2024 00:02:00 GMT', now), 120_000);
    assert.equal(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', now), 0); // in the past
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter('', now), null);
  });

  it('reads max-age from Cache-Control', () => {
    assert.equal(parseMaxAge('public, max-age=300'), 300);
    assert.equal(parseMaxAge('max-age="60", must-revalidate'), 60);
    assert.equal(parseMaxAge('s-maxage=100'), null);
    assert.equal(parseMaxAge('no-cache'), null);
    assert.equal(parseMaxAge(null), null);
  });
});
