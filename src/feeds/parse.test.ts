import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBody } from '../fetch/charset.js';
import { fixtureBytes, fixtureText } from '../../test/helpers/fixtures.js';
import type { Feed } from '../model.js';
import { isParseError, parseFeedText } from './parse.js';

function parseOk(text: string, url: string): Feed {
  const result = parseFeedText(text, url);
  if (isParseError(result)) assert.fail(`expected a feed, got error: ${result.error}`);
  return result.feed;
}

describe('parseFeedText', () => {
  it('reads RSS 2.0 with relative links, CDATA titles, namespaces and enclosures', () => {
    const feed = parseOk(fixtureText('feeds', 'rss2-quirks.xml'), 'https://www.riverside-gazette.example/feed/');
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'Riverside Gazette & Times');
    assert.equal(feed.ttlMinutes, 60);
    assert.equal(feed.entries.length, 3);
    const [first, second, third] = feed.entries;
    assert.equal(first!.id, 'rg-10231');
    assert.equal(first!.title, 'Council approves new bridge');
    assert.equal(first!.link, 'https://www.riverside-gazette.example/news/2024/05/council-bridge/?utm_source=rss&utm_medium=feed');
    assert.equal(first!.published?.toISOString(), '2024-05-14T16:05:00.000Z');
    assert.equal(first!.author, 'Jane Doe');
    assert.deepEqual(first!.categories, ['Politics', 'Local']);
    assert.match(first!.content ?? '', /Work starts in June/);
    assert.deepEqual(first!.enclosures, [{ url: 'https://www.riverside-gazette.example/img/bridge.jpg', type: 'image/jpeg', length: 12345 }]);
    assert.equal(second!.id, 'https://www.riverside-gazette.example/news/2024/05/storm', 'no guid: the link is the id');
    assert.equal(second!.author, 'Newsdesk', 'the name, not the address, of "email (Name)"');
    assert.match(third!.id, /^sha1:[0-9a-f]{40}$/, 'neither guid nor link: a content hash is the id');
    assert.equal(third!.link, 'https://www.riverside-gazette.example/', 'no link: the site stands in, as readers show it');
    assert.equal(third!.title, 'An item with neither title nor link nor guid.', 'no title: the start of the text');
  });

  it('gives the same ids when the same feed is parsed twice', () => {
    const text = fixtureText('feeds', 'rss2-quirks.xml');
    const ids = () => parseOk(text, 'https://www.riverside-gazette.example/feed/').entries.map((e) => e.id);
    assert.deepEqual(ids(), ids());
  });

  it('reads Atom 1.0 with xml:base, html titles and enclosure links', () => {
    const feed = parseOk(fixtureText('feeds', 'atom.xml'), 'https://blog.example.org/atom.xml');
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Example Science Blog');
    assert.equal(feed.link, 'https://blog.example.org/');
    const [comet, second] = feed.entries;
    assert.equal(comet!.title, 'A comet! returns');
    assert.equal(comet!.link, 'https://blog.example.org/posts/comet');
    assert.equal(comet!.published?.toISOString(), '2024-05-15T07:30:00.000Z');
    assert.equal(comet!.updated?.toISOString(), '2024-05-15T10:00:00.000Z');
    assert.equal(comet!.author, 'Ada Stone');
    assert.deepEqual(comet!.categories, ['Science']);
    assert.equal(comet!.summary, 'Visible to the naked eye next week.');
    assert.equal(comet!.enclosures[0]?.url, 'https://blog.example.org/img/comet.png');
    assert.equal(second!.author, 'Feed Author', 'an entry without an author takes the feed author');
    assert.equal(second!.published?.toISOString(), '2024-05-14T08:00:00.000Z', 'no published: updated stands in');
  });

  it('reads RSS 1.0 (RDF) with Dublin Core', () => {
    const feed = parseOk(fixtureText('feeds', 'rdf.xml'), 'https://news.example.net/rss');
    assert.equal(feed.format, 'rdf');
    const [item] = feed.entries;
    assert.equal(item!.title, 'Parliament passes budget');
    assert.equal(item!.author, 'Tom Field');
    assert.equal(item!.published?.toISOString(), '2024-05-13T12:00:00.000Z');
    assert.deepEqual(item!.categories, ['Politics']);
  });

  it('reads JSON Feed 1.1, resolving relative URLs and titling untitled items', () => {
    const feed = parseOk(fixtureText('feeds', 'feed.json'), 'https://gadgets.example.com/feed.json');
    assert.equal(feed.format, 'json');
    const [phone, untitled] = feed.entries;
    assert.equal(phone!.id, 'https://gadgets.example.com/p/42');
    assert.equal(phone!.author, 'Lee Park');
    assert.deepEqual(phone!.categories, ['Technology', 'Recalls']);
    assert.equal(phone!.enclosures[0]?.url, 'https://gadgets.example.com/i/42.jpg');
    assert.equal(untitled!.link, 'https://gadgets.example.com/p/43');
    assert.equal(untitled!.title, 'Plain text item without a title.', 'no title: the start of the text');
    assert.equal(untitled!.content, 'Plain text item without a title.');
  });

  it('reads a feed in ISO-8859-1 once its bytes are decoded', () => {
    const { text, encoding } = decodeBody(fixtureBytes('feeds', 'latin1.xml'), 'application/rss+xml');
    assert.equal(encoding, 'iso-8859-1');
    const feed = parseOk(text, 'https://eclair.example.fr/rss');
    assert.equal(feed.entries[0]!.title, 'Le café de la république fermé');
  });

  it('returns an error value, not an exception, for what is not a feed', () => {
    for (const body of ['', '<html><body><h1>Error establishing a database connection</h1></body></html>', 'plain text', '{"not":"a feed"}']) {
      const result = parseFeedText(body, 'https://x.example/feed');
      assert.ok(isParseError(result), `expected an error for ${JSON.stringify(body)}`);
      assert.ok(result.error.length > 0);
    }
  });

  it('reads an empty RSS channel as zero entries', () => {
    const feed = parseOk('<rss version="2.0"><channel><title>Empty</title></channel></rss>', 'https://x.example/feed');
    assert.equal(feed.entries.length, 0);
  });
});
