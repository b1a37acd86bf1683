import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasWords, prepareText, storedReading } from './article-text.js';

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

  it('reads a stored article from what its row keeps as it would read it afresh, without hashing the text again', () => {
    const credited = 'The harbour bridge will close for three weeks of repairs from Monday, the city council said. Read the original article on The Harbour Times.';
    const articles = [
      { title: 'Bridge closes', summary: credited, contentHtml: null },
      { title: 'Bridge closes', summary: 'The bridge shuts on Monday.', contentHtml: '<p>The harbour bridge will close for three weeks of repairs from Monday, the city council said on Friday evening.</p>' },
      { title: 'Bridge closes', summary: null, contentHtml: null },
      { title: 'Bridge closes', summary: '<b>The bridge</b> shuts on Monday for three weeks of repairs, the council said on Friday.', contentHtml: null },
    ];
    for (const a of articles) {
      const fresh = prepareText(a);
      const row = { ...a, storyId: null, fingerprint: fresh.fingerprint, statedOriginal: fresh.stated };
      assert.deepEqual(prepareText(a, storedReading(row)), fresh, a.summary ?? 'no summary');
      // What the row says is taken as it is: a summary-only text's standfirst print is its fingerprint.
      const kept = prepareText(a, { fingerprint: 'kept', stated: 'Kept' });
      assert.deepEqual([kept.fingerprint, kept.stated], ['kept', 'Kept']);
      if (a.contentHtml === null && a.summary && !a.summary.includes('<')) assert.equal(kept.standfirstPrint, 'kept');
    }
    assert.equal(prepareText(articles[0]!).stated, 'The Harbour Times');
    // A decided article's row is read again (its text may have changed since), as is one stored without a reading.
    assert.equal(storedReading({ storyId: 4, fingerprint: 'f', statedOriginal: null }), null);
    assert.equal(storedReading({ storyId: null, fingerprint: null, statedOriginal: null }), null);
    assert.deepEqual(storedReading({ storyId: null, fingerprint: 'f', statedOriginal: 'X' }), { fingerprint: 'f', stated: 'X' });
  });
});
