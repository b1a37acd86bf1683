import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { PageCache } from './page-cache.js';
import { acceptedEncoding } from './plugin.js';

const page = (body: string, tags: string[]) => ({ status: 200, contentType: 'text/html', cacheControl: 'public, no-cache', body: Buffer.from(body), tags });

describe('page cache', () => {
  it('keeps a page with its ETag and gives it back until its tags are invalidated', () => {
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const a = cache.set('/story/1', page('story one', ['story:1', 'sidebar']), cache.mark())!;
    cache.set('/story/2', page('story two', ['story:2', 'sidebar']), cache.mark());
    assert.match(a.etag, /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal(cache.get('/story/1')?.body.toString(), 'story one');
    assert.equal(cache.invalidate(['story:1']), 1);
    assert.equal(cache.get('/story/1'), null);
    assert.equal(cache.get('/story/2')?.body.toString(), 'story two', 'other stories are kept');
    assert.equal(cache.invalidate(['sidebar']), 1);
    assert.equal(cache.stats().entries, 0);
  });

  it('drops the least recently used pages when over its bytes', () => {
    const cache = new PageCache({ maxBytes: 200, ttlMs: 60_000 });
    for (const key of ['a', 'b', 'c']) cache.set(key, page(key.repeat(45), []), cache.mark());
    cache.get('a');
    cache.set('d', page('d'.repeat(45), []), cache.mark());
    cache.set('e', page('e'.repeat(45), []), cache.mark());
    assert.ok(cache.stats().bytes <= 200);
    assert.equal(cache.stats().evicted, 1);
    assert.equal(cache.get('b'), null, 'b was used least recently');
    assert.ok(cache.get('a') && cache.get('c') && cache.get('d') && cache.get('e'));
    assert.equal(cache.set('huge', page('h'.repeat(60), []), cache.mark()), null, 'a page bigger than a quarter of the cache is not kept');
  });

  it('forgets a page after its time to live', () => {
    let now = 1_000;
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 5_000, clock: () => now });
    cache.set('/', page('home', ['lists']), cache.mark());
    now += 4_999;
    assert.ok(cache.get('/'));
    now += 1;
    assert.equal(cache.get('/'), null);
  });

  it('does not keep a page whose render began before a change it may have missed', () => {
    let now = 1_000;
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000, clock: () => now });
    const before = cache.mark();
    now += 10;
    cache.invalidate(['story:7']);
    now += 10;
    assert.equal(cache.set('/story/7', page('old story 7', ['story:7']), before), null);
    assert.ok(cache.set('/story/8', page('story 8', ['story:8']), before), 'other tags are unaffected');
    const beforeClear = cache.mark();
    cache.clear();
    assert.equal(cache.set('/story/9', page('story 9', ['story:9']), beforeClear), null);
    assert.ok(cache.set('/story/9', page('story 9', ['story:9']), cache.mark()));
  });

  it('still refuses a stale render after marks of thousands of other tags were pruned, and a tag marked again stays marked', () => {
    let now = 1_000;
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000, clock: () => now });
    cache.invalidate(['story:7']);
    for (let i = 0; i < 20_000; i++) cache.invalidate([`story:${100 + i}`]);
    now += 59_000;
    const before = cache.mark();
    now += 10;
    // Marked again: young, though first marked before every other.
    cache.invalidate(['story:7']);
    now += 2_000;
    // The old marks go (the first 20,000 are past their time to live); this one does not.
    cache.invalidate(['story:99999']);
    assert.equal(cache.set('/story/7', page('old story 7', ['story:7']), before), null);
    assert.ok(cache.set('/story/100', page('story 100', ['story:100']), before), 'a mark past its time is gone');
  });

  it('compresses a page once per encoding and counts the copy in its bytes', () => {
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const html = '<p>Port strike enters third day in Portvale</p>'.repeat(100);
    const entry = cache.set('/', page(html, []), cache.mark())!;
    const gz = cache.encodedBody(entry, 'gzip')!;
    assert.equal(gunzipSync(gz).toString(), html);
    assert.equal(cache.encodedBody(entry, 'gzip'), gz, 'made once');
    assert.equal(brotliDecompressSync(cache.encodedBody(entry, 'br')!).toString(), html);
    assert.ok(cache.stats().bytes > html.length + gz.length);
    const small = cache.set('/small', page('<p>hi</p>', []), cache.mark())!;
    assert.equal(cache.encodedBody(small, 'gzip'), null, 'too small to be worth it');
  });

  it('reads Accept-Encoding with its weights', () => {
    assert.equal(acceptedEncoding('gzip, deflate, br'), 'br');
    assert.equal(acceptedEncoding('gzip, br;q=0'), 'gzip');
    assert.equal(acceptedEncoding('identity'), null);
    assert.equal(acceptedEncoding('*'), 'br');
    assert.equal(acceptedEncoding(undefined), null);
  });
});
