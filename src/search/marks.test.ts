import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markSnippet, markTitle } from './marks.js';
import { parseQuery } from './query.js';

const S = '\u0002';
const E = '\u0003';

describe('search marks', () => {
  it('marks words, phrases and prefixes as the index folds them (case, accents)', () => {
    assert.equal(markTitle('Café owners in Portvale strike', parseQuery('cafe portv* STRIKE')), `${S}Café${E} owners in ${S}Portvale${E} ${S}strike${E}`);
    assert.equal(markTitle('Third-day strike; a third day', parseQuery('"third day"')), `${S}Third-day${E} strike; a ${S}third day${E}`);
    // A word of the phrase alone, or a word that only starts like a non-prefix term, is not marked.
    assert.equal(markTitle('The third of May; portvale', parseQuery('"third day" port')), 'The third of May; portvale');
  });

  it('leaves out exclusions and merges overlapping matches into one mark', () => {
    assert.equal(markTitle('Port strike ends', parseQuery('"port strike" strike -ends')), `${S}Port strike${E} ends`);
  });

  it('cuts a long body to a window around the best match, with ellipses where text was left out', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[50] = 'marmot';
    words[80] = 'marmot';
    words[82] = 'keeper';
    const snippet = markSnippet(`${words.join(' ')}.`, parseQuery('marmot keeper'), 10);
    // The window holding both terms wins over the earlier one holding only one.
    assert.equal(snippet, `…w78 w79 ${S}marmot${E} w81 ${S}keeper${E} w83 w84 w85 w86 w87…`);
    assert.equal(markSnippet('Short body, no match.', parseQuery('marmot')), 'Short body, no match.');
    assert.equal(markSnippet(`${words.slice(0, 20).join(' ')} end.`, parseQuery('zebra'), 5), 'w0 w1 w2 w3 w4…');
    assert.equal(markSnippet(`${words.slice(0, 20).join(' ')} marmot.`, parseQuery('marmot'), 5), `…w16 w17 w18 w19 ${S}marmot${E}.`);
    assert.equal(markSnippet('', parseQuery('marmot')), '');
  });
});
