import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureText } from '../../test/helpers/fixtures.js';
import { discoverFeedLinks, siteNameOf } from './discover.js';

describe('discoverFeedLinks', () => {
  it('finds every advertised feed type, resolved and without duplicates', () => {
    const feeds = discoverFeedLinks(fixtureText('feeds', 'site.html'), 'https://www.riverside-gazette.example/news/');
    assert.deepEqual(
      feeds.map((f) => [f.url, f.type]),
      [
        ['https://www.riverside-gazette.example/feed/', 'application/rss+xml'],
        ['https://www.riverside-gazette.example/atom.xml', 'application/atom+xml'],
        ['https://www.riverside-gazette.example/news/feed.json', 'application/feed+json'],
      ],
    );
    assert.equal(feeds[0]!.title, 'All news');
  });

  it('finds nothing on a page without feeds', () => {
    assert.deepEqual(discoverFeedLinks('<html><head><link rel="stylesheet" href="a.css"></head></html>', 'https://a.example/'), []);
  });

  it('names the site from og:site_name', () => {
    assert.equal(siteNameOf(fixtureText('feeds', 'site.html')), 'Riverside Gazette');
  });
});
