import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countLinks, linkSegments, paragraphs } from './text.js';

describe('comment text', () => {
  it('finds http(s) and www. links, leaving the sentence’s punctuation out', () => {
    assert.deepEqual(linkSegments('See https://example.org/a?b=1&c=2. Or (www.example.net/x), ok?'), [
      { text: 'See ' },
      { text: 'https://example.org/a?b=1&c=2', href: 'https://example.org/a?b=1&c=2' },
      { text: '. Or (' },
      { text: 'www.example.net/x', href: 'https://www.example.net/x' },
      { text: '), ok?' },
    ]);
  });

  it('keeps a parenthesis that belongs to the link', () => {
    assert.deepEqual(linkSegments('https://en.wikipedia.org/wiki/Port_(disambiguation).').map((s) => s.text), [
      'https://en.wikipedia.org/wiki/Port_(disambiguation)', '.',
    ]);
  });

  it('never makes a link of another scheme or a host without a dot', () => {
    assert.equal(countLinks('javascript:alert(1) data:text/html,x http://localhost/ ftp://example.org'), 0);
    assert.deepEqual(linkSegments('plain text'), [{ text: 'plain text' }]);
  });

  it('splits paragraphs on blank lines and keeps line breaks', () => {
    assert.deepEqual(paragraphs('one\ntwo\n\n\nthree\n \n'), [['one', 'two'], ['three']]);
  });
});
