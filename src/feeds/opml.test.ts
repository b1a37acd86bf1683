import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureText } from '../../test/helpers/fixtures.js';
import type { Source } from '../model.js';
import { readOpml, writeOpml } from './opml.js';

function source(id: number, name: string, feedUrl: string, section: string | null): Source {
  return {
    id, name, feedUrl, section, siteUrl: `${new URL(feedUrl).origin}/`, intervalMinutes: 15, weight: 1, etag: null, lastModified: null,
    lastFetchAt: null, lastOutcome: null, lastHttpStatus: null, lastError: null, errorCount: 0, nextFetchAt: new Date(), paused: false, createdAt: new Date(),
  };
}

describe('OPML', () => {
  it('reads feeds from folders and categories', () => {
    const subs = readOpml(fixtureText('feeds', 'subscriptions.opml'));
    assert.ok(Array.isArray(subs));
    assert.deepEqual(
      subs.map((s) => [s.feedUrl, s.name, s.section]),
      [
        ['https://herald.example/feed.xml', 'Harbor Herald', 'World'],
        ['https://wire.example/rss', 'Meridian Wire', 'World'],
        ['https://gadgets.example.com/feed.json', 'Gadget Desk', 'Technology'],
        ['https://nofolder.example/feed', 'No folder', null],
      ],
    );
  });

  it('rejects what is not OPML with an error value', () => {
    const result = readOpml('<html><body>nope</body></html>');
    assert.ok(!Array.isArray(result) && 'error' in result);
  });

  it('writes OPML 2.0 that reads back to the same subscriptions', () => {
    const sources = [
      source(1, 'Harbor & Herald', 'https://herald.example/feed.xml', 'world'),
      source(2, 'Gadget Desk', 'https://gadgets.example.com/feed.json', null),
    ];
    const xml = writeOpml(sources, 'Newsroom sources', (slug) => (slug === 'world' ? 'World' : slug));
    assert.match(xml, /<opml version="2.0">/);
    const back = readOpml(xml);
    assert.ok(Array.isArray(back));
    assert.deepEqual(
      back.map((s) => [s.feedUrl, s.name, s.section]).sort(),
      [
        ['https://gadgets.example.com/feed.json', 'Gadget Desk', null],
        ['https://herald.example/feed.xml', 'Harbor & Herald', 'World'],
      ],
    );
  });
});
