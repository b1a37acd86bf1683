import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isParseError, parseFeedText } from '../../src/feeds/parse.js';
import { PublisherStream, type StreamPlan } from './stream.js';

const plan: StreamPlan = {
  total: 600, sources: 10, hosts: 3, feedSize: 8, perRequest: 5, articlesPerHour: 1389, seed: 7, end: new Date('2026-11-29T00:00:00Z'),
};
const bases = ['http://127.0.1.1:9001', 'http://127.0.1.2:9002', 'http://127.0.1.3:9003'];

describe('ingest benchmark publishers', () => {
  it('serves each outlet its latest items as a feed our parser reads, in time order within the stream', () => {
    const stream = new PublisherStream(plan, bases);
    assert.equal(stream.feedUrl(4), `http://127.0.1.2:9002${stream.feedPath(4)}`);
    stream.release(200);
    for (let i = 0; i < plan.sources; i++) {
      const parsed = parseFeedText(stream.feed(i), stream.feedUrl(i));
      assert.ok(!isParseError(parsed), `outlet ${i}`);
      if (isParseError(parsed)) continue;
      assert.ok(parsed.feed.entries.length > 0 && parsed.feed.entries.length <= plan.feedSize);
      assert.equal(parsed.feed.title, stream.outlets[i]!.name);
      const times = parsed.feed.entries.map((e) => e.published!.getTime());
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
      for (const e of parsed.feed.entries) assert.ok(e.link?.startsWith(bases[stream.outlets[i]!.host]!) && e.summary && e.title);
    }
  });

  it('counts the articles that fall off a feed before any request saw them, and stops at the total', () => {
    const stream = new PublisherStream(plan, bases);
    stream.release(100); // 10 outlets, 8 items each: at least 20 of 100 fell off unseen
    assert.equal(stream.released, 100);
    assert.ok(stream.dropped >= 20, `dropped ${stream.dropped}`);
    const before = stream.dropped;
    for (let i = 0; i < plan.sources; i++) stream.feed(i); // each request releases 5 more, then is seen
    assert.ok(stream.dropped >= before);
    stream.release(10_000);
    assert.equal(stream.released, plan.total);
    assert.ok(stream.exhausted);
  });

  it('generates the same stream from the same seed (the reference clusters what the pipeline fetched)', () => {
    const [a, b] = [new PublisherStream(plan, bases), new PublisherStream(plan, bases)];
    a.release(50);
    b.release(50);
    for (let i = 0; i < plan.sources; i++) assert.equal(a.feed(i), b.feed(i));
  });

  it('serves the same feeds from a stream generated ahead (prepare) as from one generated as it goes', () => {
    const [ahead, live] = [new PublisherStream(plan, bases), new PublisherStream(plan, bases)];
    const done: number[] = [];
    ahead.prepare((n) => done.push(n));
    assert.equal(ahead.released, 0, 'preparing releases nothing');
    for (let k = 0; k < 3; k++) for (let i = 0; i < plan.sources; i++) assert.equal(ahead.feed(i), live.feed(i), `outlet ${i}, round ${k}`);
    ahead.release(10_000);
    live.release(10_000);
    assert.ok(ahead.exhausted && ahead.released === plan.total);
    for (let i = 0; i < plan.sources; i++) assert.equal(ahead.feed(i), live.feed(i));
    assert.throws(() => ahead.prepare(), /before any release/);
  });

  it('answers a conditional request for an unchanged feed without a body, as real publishers do', () => {
    const stream = new PublisherStream({ ...plan, perRequest: 1 }, bases);
    stream.release(5);
    const first = stream.feedIfChanged(0, null);
    assert.ok(first.body && first.etag);
    // Requests release articles to random outlets: outlet 0 stays unchanged a few times, then changes.
    let unchanged = 0;
    for (let k = 0; k < 50; k++) {
      const again = stream.feedIfChanged(0, first.etag);
      if (again.etag === first.etag) {
        assert.equal(again.body, null, 'unchanged: 304');
        unchanged++;
      } else {
        assert.ok(unchanged > 0, 'the stream (seeded) leaves outlet 0 unchanged for a request or more first');
        assert.ok(again.body?.includes('<item>') || again.body?.includes('<entry>'), 'changed: the feed with its new validator');
        return;
      }
    }
    assert.fail('outlet 0 never got a new article');
  });
});
