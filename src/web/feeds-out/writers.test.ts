import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeedText } from '../../feeds/parse.js';
import { writeAtom } from './atom.js';
import type { FeedDocument } from './document.js';
import { writeJsonFeed } from './json-feed.js';
import { writeRss } from './rss.js';
import { dropInvalidChars, xmlText } from './xml.js';

const doc: FeedDocument = {
  siteName: 'Harbour & Quay',
  title: 'Top Stories · Harbour & Quay',
  description: 'The latest stories',
  homeUrl: 'https://news.example/',
  feedUrls: { rss: 'https://news.example/feeds/top.rss', atom: 'https://news.example/feeds/top.atom', json: 'https://news.example/feeds/top.json' },
  updated: new Date('2026-11-28T09:00:00Z'),
  items: [],
};

describe('feed writers', () => {
  it('drop what XML 1.0 cannot carry and escape the rest', () => {
    assert.equal(dropInvalidChars('a\u0000b\u0008c\u000Bd\tf\ng\rh\uFFFEi\uD800j😀'), 'abcd\tf\ng\rhij😀');
    assert.equal(xmlText(`<a href="x">Tom's & "Jerry"</a>`), '&lt;a href=&quot;x&quot;&gt;Tom&apos;s &amp; &quot;Jerry&quot;&lt;/a&gt;');
  });

  it('write an empty feed that still parses, with a stable update time', () => {
    for (const [write, format] of [[writeRss, 'rss'], [writeAtom, 'atom'], [writeJsonFeed, 'json']] as const) {
      const body = write(doc);
      assert.equal(body, write(doc), 'the same document, the same bytes');
      const parsed = parseFeedText(body);
      assert.ok('feed' in parsed, format);
      assert.equal(parsed.feed.format, format);
      assert.equal(parsed.feed.title, 'Top Stories · Harbour & Quay');
      assert.equal(parsed.feed.entries.length, 0);
    }
    assert.match(writeAtom(doc), /<updated>2026-11-28T09:00:00.000Z<\/updated>/);
  });
});
