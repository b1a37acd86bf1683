import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Section, Source } from '../model.js';
import { prepareText } from '../stories/article-text.js';
import { type FeedWork, feedWork, inlineFeedWork } from './feed-work.js';

const NOW = new Date('2026-01-01T12:00:00Z');

function rss(n: number, prefix = 'item'): Uint8Array {
  const items = Array.from({ length: n }, (_, i) => `<item><guid>${prefix}-${i}</guid><link>https://work.example/${prefix}/${i}?utm_source=rss</link>
    <title>Council approves harbour plan ${prefix} ${i}</title><category>World</category>
    <description>&lt;p&gt;The council approved the harbour plan on Tuesday after a long debate.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>The council approved the harbour plan on Tuesday after a debate that ran past midnight, with ${i} amendments.</p><p>Work starts in spring.</p><p>Read the original article on The Harbour Times.</p>]]></content:encoded>
    <pubDate>Thu, 01 Jan 2026 10:00:00 GMT</pubDate></item>`);
  return new TextEncoder().encode(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
    <channel><title>Work</title><link>https://work.example/</link><ttl>30</ttl>${items.join('')}</channel></rss>`);
}

const source: Source = {
  id: 7, feedUrl: 'https://work.example/feed', siteUrl: null, name: 'Work', section: null, intervalMinutes: 15, weight: 1,
  etag: null, lastModified: null, lastFetchAt: null, lastOutcome: null, lastHttpStatus: null, lastError: null, errorCount: 0,
  nextFetchAt: NOW, paused: false, createdAt: NOW,
} as Source;
const sections: Section[] = [{ slug: 'world', name: 'World', position: 1 }];

async function readAndBuild(work: FeedWork, body: Uint8Array, pick: (i: number) => boolean = () => true) {
  const feed = await work.read(body, 'application/rss+xml', source.feedUrl);
  assert.ok(feed.ok);
  const entries = feed.keys.flatMap((_, i) => (pick(i) ? [i] : []));
  const articles = await work.build({ reading: feed.reading, entries, source, sections, fetchedAt: NOW });
  return { feed, articles };
}

describe('feed work', () => {
  const threaded = feedWork(2);
  after(() => threaded.close());

  it('reads and builds on worker threads exactly what it does on this one', async () => {
    const body = rss(6);
    const inline = await readAndBuild(inlineFeedWork(), body.slice(), (i) => i % 2 === 0);
    const onThread = await readAndBuild(threaded, body.slice(), (i) => i % 2 === 0);
    assert.deepEqual(onThread.feed.ok && onThread.feed.keys, inline.feed.ok && inline.feed.keys);
    assert.equal(inline.feed.ok && inline.feed.keys[1]!.canonicalUrl, 'https://work.example/item/1');
    assert.equal(inline.feed.ok && inline.feed.ttlMinutes, 30);
    assert.deepEqual(onThread.articles, inline.articles);
    assert.deepEqual(onThread.articles.map((a) => a.guid), ['item-0', 'item-2', 'item-4']);
    // The stories stage's reading travels with each article, the same as the stage would make it.
    for (const a of onThread.articles) {
      assert.deepEqual(a.prepared, prepareText(a));
      assert.equal(a.prepared?.stated, 'The Harbour Times');
      assert.equal(a.section, 'world');
    }
  });

  it('keeps each reading on the thread that read it, for many polls at once', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, n) => readAndBuild(threaded, rss(3, `poll${n}`))));
    results.forEach((r, n) => assert.deepEqual(r.articles.map((a) => a.guid), [`poll${n}-0`, `poll${n}-1`, `poll${n}-2`]));
  });

  it('says why a feed cannot be read, and refuses a reading no longer kept', async () => {
    for (const work of [inlineFeedWork(), threaded]) {
      const bad = await work.read(new TextEncoder().encode('<html><body>Not a feed</body></html>'), 'text/html', source.feedUrl);
      assert.equal(bad.ok, false);
      assert.match(!bad.ok ? bad.error : '', /not a feed/);

      const feed = await work.read(rss(2), 'application/rss+xml', source.feedUrl);
      assert.ok(feed.ok);
      work.forget(feed.reading);
      await assert.rejects(work.build({ reading: feed.reading, entries: [0], source, sections, fetchedAt: NOW }));
    }
  });

  it('stops taking work once closed', async () => {
    const work = feedWork(1);
    await work.close();
    await assert.rejects(work.read(rss(1), 'application/rss+xml', source.feedUrl), /closed/);
  });
});
