import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entityFeatures, entitySpans, isTitleCase, stem, terms, tokenize, urlTerms } from './tokens.js';

describe('tokenize', () => {
  it('keeps words, numbers and abbreviations whole, with what their case says', () => {
    const tokens = tokenize('U.S. regulators fined J.P. Morgan $1.8 billion; iOS 7.1 is out. Bieber’s video');
    assert.deepEqual(
      tokens.map((t) => t.lower),
      ['u.s.', 'regulators', 'fined', 'jp', 'morgan', '1.8', 'billion', 'ios', '7.1', 'is', 'out', "bieber's", 'video'],
    );
    const byWord = new Map(tokens.map((t) => [t.lower, t]));
    assert.equal(byWord.get('u.s.')!.acronym, true);
    assert.equal(byWord.get('morgan')!.capitalised, true);
    assert.equal(byWord.get('ios')!.capitalised, true);
    assert.equal(byWord.get('regulators')!.capitalised, false);
    // Sentence starts: the first word, and after "." or ";".
    assert.deepEqual(
      tokens.filter((t) => t.sentenceStart).map((t) => t.lower),
      ['u.s.', 'ios', "bieber's"],
    );
  });

  it('reads a headline separator or a colon as a sentence break, not a hyphen inside a word', () => {
    const tokens = tokenize('Markets - Stocks slip: Investors wait for T-Mobile deal');
    assert.deepEqual(
      tokens.filter((t) => t.sentenceStart).map((t) => t.lower),
      ['markets', 'stocks', 'investors'],
    );
  });
});

describe('stem', () => {
  it('conflates plurals and inflections, and leaves short words and numbers alone', () => {
    for (const group of [
      ['release', 'releases', 'released', 'releasing'],
      ['company', 'companies'],
      ['vote', 'votes', 'voted', 'voting'],
      ['stop', 'stops', 'stopped', 'stopping'],
      ['crash', 'crashes', 'crashed'],
      ['syria', 'syrian', 'syrians'],
      ['estravia', 'estravian', 'estravians'],
    ]) {
      assert.equal(new Set(group.map(stem)).size, 1, group.join(' '));
    }
    assert.equal(stem('gas'), 'gas');
    assert.equal(stem('bus'), 'bus');
    assert.equal(stem('2014s'), '2014s');
    assert.equal(stem("carney's"), stem('carney'));
  });

  it('keeps different words apart', () => {
    for (const [a, b] of [['glass', 'glad'], ['news', 'new'], ['us', 'use'], ['bank', 'band'], ['market', 'mark']]) {
      assert.notEqual(stem(a!), stem(b!), `${a} / ${b}`);
    }
  });
});

describe('terms', () => {
  it('drops stop words and stems the rest', () => {
    assert.deepEqual(terms('The Fed is raising rates again, and markets are falling'), ['fed', 'rais', 'rat', 'market', 'fall']);
  });

  it('leaves other languages unstemmed', () => {
    assert.deepEqual(terms('Les élections présidentielles', false), ['les', 'élections', 'présidentielles']);
  });
});

describe('entities', () => {
  it('takes capitalised spans inside sentences as names, with their pairs', () => {
    const spans = entitySpans(tokenize('The governor of the Bank of England, Mark Carney, met Chancellor George Osborne in London.'));
    assert.deepEqual(spans, [
      ['bank', 'of', 'england'],
      ['mark', 'carney'],
      ['chancellor', 'georg', 'osborn'],
      ['london'],
    ]);
    assert.deepEqual(entityFeatures([['mark', 'carney'], ['bank', 'of', 'england']]), ['mark', 'carney', 'mark carney', 'bank', 'england', 'bank england']);
  });

  it('takes acronyms as names, and the first word of a sentence only when it is known as a name', () => {
    assert.deepEqual(entitySpans(tokenize('Sbarro files for bankruptcy as NATO meets')), [['nato']]);
    assert.deepEqual(
      entitySpans(tokenize('Sbarro files for bankruptcy as NATO meets'), (w) => w === 'sbarro'),
      [['sbarro'], ['nato']],
    );
  });

  it('does not take every word of a title-case headline as a name', () => {
    const tokens = tokenize('Lena Dunham May Be the Host of Her Generation');
    assert.equal(isTitleCase(tokens), true);
    assert.deepEqual(entitySpans(tokens), []);
    const known = new Set(['lena', 'dunham']);
    assert.deepEqual(entitySpans(tokens, (w) => known.has(w)), [['lena', 'dunham']]);
    assert.equal(isTitleCase(tokenize('Lena Dunham hosts Saturday Night Live')), false);
  });
});

describe('urlTerms', () => {
  it('reads the words of a URL path, without ids, dates, file types or the host', () => {
    assert.deepEqual(urlTerms('https://www.reuters.com/article/2014/03/10/us-bitcoin-mtgox-bankruptcy-idUSBREA290WU20140310.html?ref=rss#top'), [
      'articl',
      'bitcoin',
      'mtgox',
      'bankruptcy',
      'idusbrea',
      'wu',
    ]);
    assert.deepEqual(urlTerms('https://example.com/'), []);
    assert.deepEqual(urlTerms(null), []);
    assert.deepEqual(urlTerms('not a url'), []);
  });
});
