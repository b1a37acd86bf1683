import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeQuery, matchExpression, MAX_TERMS, parseQuery } from './query.js';

const match = (text: string) => matchExpression(parseQuery(text));

describe('search query language', () => {
  it('ANDs plain words, lower-cased and quoted', () => {
    assert.equal(match('Port  strike'), '"port" AND "strike"');
    assert.deepEqual(parseQuery('Port strike').include, [{ words: ['port'], prefix: false }, { words: ['strike'], prefix: false }]);
  });

  it('keeps "exact phrases" together', () => {
    assert.equal(match('"third day" portvale'), '"third day" AND "portvale"');
    assert.equal(match('"Third   DAY"'), '"third day"');
  });

  it('reads word* as a prefix, in a phrase on its last word, and a one-letter prefix as a word', () => {
    assert.equal(match('portv*'), '"portv" *');
    assert.equal(match('"dock work"*'), '"dock work" *');
    assert.equal(match('"dock work*"'), '"dock work" *');
    assert.equal(match('p*'), '"p"');
    assert.equal(match('*'), null);
  });

  it('leaves out -words and -"phrases", and needs at least one word to look for', () => {
    assert.equal(match('strike -football'), '("strike") NOT ("football")');
    assert.equal(match('strike -"world cup" -rugby*'), '("strike") NOT ("world cup" OR "rugby" *)');
    assert.equal(match('-football'), null);
    assert.equal(match('well-known -- - strike'), '"well known" AND "strike"', 'a dash inside a word joins, alone it is nothing');
  });

  it('gives no expression for empty or punctuation-only input', () => {
    for (const text of ['', '   ', '!!!', '"', '""', '" "', '-', '***', '()', ':', '^', '+-*/', '—…', '\u0002\u0003']) {
      assert.equal(match(text), null, JSON.stringify(text));
    }
  });

  it('never lets FTS5 syntax through: operators, columns, NEAR, parentheses and quotes become words', () => {
    assert.equal(match('title:x OR'), '"title x" AND "or"');
    assert.equal(match('a AND OR NOT b'), '"a" AND "and" AND "or" AND "not" AND "b"');
    assert.equal(match('NEAR(port strike, 3)'), '"near port" AND "strike" AND "3"');
    assert.equal(match('{title body}: port'), '"title" AND "body" AND "port"');
    assert.equal(match('^port'), '"port"');
    assert.equal(match(`'); DROP TABLE articles; --`), '"drop" AND "table" AND "articles"');
    assert.equal(match('x" OR "y'), '"x" AND "or" AND "y"');
    for (const text of ['title:x OR', '"a" NOT', 'x*y*', '"""', 'a"b"c', 'NEAR/3', 'U.S. e-mail']) {
      const expr = match(text);
      if (expr === null) continue;
      // Every term is a quoted string of letters and digits; the rest is our own operators.
      const outside = expr.replace(/"[\p{L}\p{N}\p{M} ]*"/gu, '');
      assert.match(outside, /^(?:[ ()*]|AND|OR|NOT)*$/, `${text} → ${expr}`);
    }
  });

  it('runs an unbalanced quote to the end as a phrase', () => {
    assert.equal(match('strike "third day'), '"strike" AND "third day"');
    assert.equal(match('"'), null);
  });

  it('splits on punctuation as the index does, and keeps letters of every script and their accents', () => {
    assert.equal(match('U.S. e-mail'), '"u s" AND "e mail"');
    assert.equal(match('Zürich café Ελλάδα 東京'), '"zürich" AND "café" AND "ελλάδα" AND "東京"');
    assert.equal(match('Cafe\u0301'), '"café"', 'decomposed accents are composed');
  });

  it('drops repeated terms and bounds how many it takes', () => {
    assert.equal(match('strike Strike STRIKE'), '"strike"');
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    assert.equal(parseQuery(many).include.length, MAX_TERMS);
  });

  it('describes what it understood', () => {
    assert.equal(describeQuery(parseQuery('"Third day" portv* -title:x')), '"third day" portv* -"title x"');
  });
});
