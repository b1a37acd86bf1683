import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasWords, prepareText } from './article-text.js';

describe('article text', () => {
  it('counts words as text.split(/\\s+/) does, however the text begins, ends or is spaced', () => {
    const texts = [
      '', ' ', 'one', ' one', 'one ', '  one  two  ', 'a\tb\nc\r\nd', 'a\u00a0b\u2003c\u3000d\ufeffe',
      Array.from({ length: 11 }, (_, i) => `w${i}`).join(' '),
      Array.from({ length: 12 }, (_, i) => `w${i}`).join(' '),
      ` ${Array.from({ length: 11 }, (_, i) => `w${i}`).join(' ')}`,
      `${Array.from({ length: 11 }, (_, i) => `w${i}`).join('  ')} `,
      Array.from({ length: 400 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const text of texts) {
      for (const n of [1, 2, 3, 5, 11, 12, 13, 500]) {
        assert.equal(hasWords(text, n), text.split(/\s+/).length >= n, `${JSON.stringify(text.slice(0, 40))} n=${n}`);
      }
    }
  });

  it('fingerprints a short text with its headline, so that two one-line items differ', () => {
    const short = { title: 'Harbour bridge closes for repairs', summary: 'The bridge shuts on Monday.', contentHtml: null };
    const other = { ...short, title: 'Council approves new budget for the year' };
    assert.notEqual(prepareText(short).fingerprint, prepareText(other).fingerprint);
    const long = 'The harbour bridge will close for three weeks of repairs from Monday, the city council said, with ferries added.';
    assert.equal(prepareText({ ...short, summary: long }).fingerprint, prepareText({ ...other, summary: long }).fingerprint, 'a long text alone');
  });
});
