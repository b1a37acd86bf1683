import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalizeUrl, resolveUrl } from './url.js';

describe('canonicalizeUrl', () => {
  it('gives one form for the links people and feeds make to one article', () => {
    const expected = 'https://news.example/world/2024/story-1?id=7&page=2';
    for (const variant of [
      'https://news.example/world/2024/story-1?id=7&page=2',
      'http://www.news.example/world/2024/story-1/?page=2&id=7',
      'https://NEWS.example/world/2024/story-1?utm_source=twitter&utm_medium=social&id=7&page=2#comments',
      'https://news.example/world/2024/story-1?id=7&fbclid=IwAR0xyz&page=2&gclid=abc',
      'https://news.example:443/world//2024/story-1?page=2&id=7&mc_cid=1&_hsenc=2',
    ]) {
      assert.equal(canonicalizeUrl(variant), expected, variant);
    }
  });

  it('keeps the port and the parameters that select content', () => {
    assert.equal(canonicalizeUrl('http://127.0.0.1:8101/articles/a?p=1'), 'https://127.0.0.1:8101/articles/a?p=1');
    assert.notEqual(canonicalizeUrl('https://a.example/x?id=1'), canonicalizeUrl('https://a.example/x?id=2'));
  });

  it('refuses what is not an absolute http(s) URL', () => {
    assert.equal(canonicalizeUrl('/relative/path'), null);
    assert.equal(canonicalizeUrl('javascript:alert(1)'), null);
    assert.equal(canonicalizeUrl('mailto:a@b.example'), null);
  });
});

describe('resolveUrl', () => {
  it('resolves relative links against the base and drops other schemes', () => {
    assert.equal(resolveUrl('../b?x=1', 'https://a.example/one/two/'), 'https://a.example/one/b?x=1');
    assert.equal(resolveUrl('javascript:alert(1)', 'https://a.example/'), null);
    assert.equal(resolveUrl(null, 'https://a.example/'), null);
  });
});
