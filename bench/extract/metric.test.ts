import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregate, scorePage, shingles, tokens } from './metric.js';

describe('the extraction-dev metric', () => {
  it('tokenises like Python\'s Unicode \\w+', () => {
    assert.deepEqual(tokens("It's 9:30 — café_au_lait, naïve Привет 東京 x2"), ['It', 's', '9', '30', 'café_au_lait', 'naïve', 'Привет', '東京', 'x2']);
    assert.deepEqual(tokens('e\u0301t'), ['e', 't']); // a combining mark separates tokens
  });
  it('makes 4-gram shingles, or one shingle of a short text', () => {
    assert.equal(shingles(tokens('a b c d e')).size, 2);
    assert.deepEqual([...shingles(tokens('a b')).values()], [1]);
    assert.equal(shingles([]).size, 0);
  });
  it('scores a page by shingle multisets', () => {
    const s = scorePage('a b c d e f', 'a b c d e x');
    assert.deepEqual([s.tp, s.fp, s.fn], [2, 1, 1]);
    assert.equal(s.precision, 2 / 3);
    assert.equal(s.recall, 2 / 3);
    assert.equal(scorePage('a b c d', 'a b c d a b c d').fp, 4);
    assert.ok(scorePage('One, two; three four!', 'One two three four').exact);
  });
  it('averages precision over pages with output and recall over all pages', () => {
    const full = scorePage('a b c d', 'a b c d');
    const empty = scorePage('a b c d', '');
    const agg = aggregate([full, empty]);
    assert.equal(agg.precision, 1);
    assert.equal(agg.recall, 0.5);
    assert.equal(agg.f1, 2 / 3);
    assert.equal(agg.empty, 1);
    assert.equal(agg.accuracy, 0.5);
  });
});
