import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleView } from '../model.js';
import { headlineCentrality, leadArticle, storyOutline, titleTerms } from './outline.js';

/** Mean Jaccard similarity to the others, pair by pair: the definition the fast path must match. */
function naiveCentrality(terms: Array<Set<string>>): number[] {
  return terms.map((mine, i) => {
    let sum = 0;
    terms.forEach((other, j) => {
      if (i === j || mine.size === 0 || other.size === 0) return;
      let shared = 0;
      for (const t of mine) if (other.has(t)) shared++;
      sum += shared / (mine.size + other.size - shared);
    });
    return sum / Math.max(1, terms.length - 1);
  });
}

let seed = 42;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const WORDS = ['flood', 'river', 'ambry', 'kesselford', 'dead', 'evacuated', 'record', 'rain', 'bank', 'rates', 'governor', 'vote', 'storm', 'town', 'council', 'budget'];

function article(id: number, title: string, extra: Partial<ArticleView> = {}): ArticleView {
  return {
    id, sourceId: 1 + (id % 5), guid: `g${id}`, url: `https://x.example/${id}`, canonicalUrl: `https://x.example/${id}`, title,
    author: null, summary: null, contentHtml: null, imageUrl: null, section: 'world', categories: [],
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, id)), fetchedAt: new Date(Date.UTC(2026, 0, 1, 0, id)),
    storyId: 1, fingerprint: null, originalId: null, statedOriginal: null, sourceName: `S${id % 5}`, sourceSiteUrl: null, ...extra,
  };
}

describe('story outlines', () => {
  it('scores headlines by their mean Jaccard similarity to the others, exactly as pair by pair', () => {
    for (const n of [1, 2, 3, 17, 250]) {
      const titles = Array.from({ length: n }, (_, i) =>
        i % 23 === 5 ? 'a of to' : Array.from({ length: 3 + Math.floor(random() * 8) }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' '),
      );
      const terms = titles.map(titleTerms);
      assert.deepEqual([...headlineCentrality(terms)], naiveCentrality(terms), `n=${n}`);
    }
  });

  it('compares a big story\'s headlines with an even sample of them, close to the exact mean, and still leads with the consensus', () => {
    const n = 1500;
    const titles = Array.from({ length: n }, () => Array.from({ length: 3 + Math.floor(random() * 8) }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' '));
    const terms = titles.map(titleTerms);
    const exact = naiveCentrality(terms);
    const sampled = headlineCentrality(terms);
    assert.deepEqual([...headlineCentrality(terms, n)], exact, 'a sample as large as the story is the exact mean');
    const worst = Math.max(...exact.map((e, i) => Math.abs(e - sampled[i]!)));
    assert.ok(worst < 0.03, `sampled means within 0.03 of the exact ones (worst ${worst.toFixed(4)})`);
    assert.ok(sampled.some((v, i) => v !== exact[i]), 'past the sample size, not every headline is compared');
    // One wording in three is the consensus; the rest vary it: the lead is one of the consensus.
    const consensus = 'River Ambry floods Kesselford after record rain';
    const big = Array.from({ length: n }, (_, i) =>
      article(i + 1, i % 3 === 1 ? consensus : `${WORDS[Math.floor(random() * WORDS.length)]} Kesselford ${WORDS[Math.floor(random() * WORDS.length)]} ${WORDS[Math.floor(random() * WORDS.length)]}`),
    );
    assert.equal(leadArticle(big)!.title, consensus);
  });

  it('leads with the consensus headline, and counts outlets without the copies', () => {
    const articles = [
      article(1, 'Storm floods Kesselford town'),
      article(2, 'River Ambry floods Kesselford after record rain'),
      article(3, 'Kesselford floods: River Ambry at record after rain', { summary: 'The river rose.' }),
      article(4, 'Record rain: River Ambry floods Kesselford'),
      article(5, 'Council budget vote'),
      article(6, 'River Ambry floods Kesselford after record rain', { originalId: 2, sourceId: 2 }),
    ];
    assert.equal(leadArticle(articles.slice(0, 5))!.id, 3);
    const outline = storyOutline(9, articles);
    assert.equal(outline.leadArticleId, 3);
    assert.equal(outline.firstArticleId, 1);
    assert.equal(outline.articleCount, 5);
    assert.equal(outline.outletCount, 5);
    assert.equal(outline.summary, 'The river rose.');
  });
});
