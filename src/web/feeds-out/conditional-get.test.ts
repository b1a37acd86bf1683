import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etagOf, matchesIfNoneMatch } from './conditional-get.js';

describe('conditional GET', () => {
  it('makes a strong ETag that follows the body', () => {
    assert.equal(etagOf('<rss/>'), etagOf(Buffer.from('<rss/>')));
    assert.notEqual(etagOf('<rss/>'), etagOf('<rss />'));
    assert.match(etagOf(''), /^"[A-Za-z0-9_-]+"$/);
  });

  it('matches If-None-Match as RFC 9110 says: lists, weak tags and *', () => {
    const etag = etagOf('body');
    assert.equal(matchesIfNoneMatch(etag, etag), true);
    assert.equal(matchesIfNoneMatch(`"a", ${etag}`, etag), true);
    assert.equal(matchesIfNoneMatch(`W/${etag}`, etag), true);
    assert.equal(matchesIfNoneMatch('*', etag), true);
    assert.equal(matchesIfNoneMatch('"a", "b"', etag), false);
    assert.equal(matchesIfNoneMatch(etag.slice(1, -1), etag), false, 'quotes are part of the tag');
    assert.equal(matchesIfNoneMatch(undefined, etag), false);
  });
});
