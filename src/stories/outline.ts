// A story's outline from its articles: its headline, summary, first report, counts. Pure,
// recomputed whenever the story gains or loses an article.
import type { ArticleView, StoryOutline } from '../model.js';

/** What an outline is computed from: these fields of each of the story's articles. */
export type OutlineArticle = Pick<ArticleView, 'id' | 'sourceId' | 'title' | 'summary' | 'imageUrl' | 'section' | 'publishedAt' | 'originalId'>;

const STOP = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'from', 'after', 'over', 'into', 'its', 'are', 'was', 'has', 'have', 'will', 'says', 'said', 'new']);

export function titleTerms(title: string): Set<string> {
  return new Set(
    (title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => (w.length > 4 ? w.replace(/(?:ies|es|s)$/, '') : w)),
  );
}

/**
 * Each row's headline terms, kept with the row: the stage keeps a story's rows between
 * refreshes (outline-memory.ts) and outlines it again each time it grows, so a headline is
 * split once, not at every refresh. Rows are never changed in place (a changed title is a new row).
 */
const termsOfRow = new WeakMap<object, Set<string>>();

function rowTerms(a: OutlineArticle): Set<string> {
  let terms = termsOfRow.get(a);
  if (terms === undefined) termsOfRow.set(a, (terms = titleTerms(a.title)));
  return terms;
}

/**
 * The article whose headline best represents the story: the one closest to all the
 * others' headlines (the consensus wording), preferring one with a summary and an image,
 * then the outlet's weight. With one or two articles, the earliest.
 */
export function leadArticle<A extends OutlineArticle>(coverage: A[], weightOf: (sourceId: number) => number = () => 1): A | null {
  if (coverage.length === 0) return null;
  const centrality = headlineCentrality(coverage.map(rowTerms));
  let best: A | null = null;
  let bestScore = -Infinity;
  coverage.forEach((article, i) => {
    const score =
      centrality[i]! + (article.summary ? 0.05 : 0) + (article.imageUrl ? 0.03 : 0) + 0.02 * Math.log2(1 + weightOf(article.sourceId));
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && best && article.publishedAt < best.publishedAt)) {
      best = article;
      bestScore = score;
    }
  });
  return best;
}

/**
 * How many of a story's headlines each of its headlines is compared with: all of them in a
 * story up to this size, and past it this many, spread evenly over its list. A story of 2,000
 * articles is outlined again as it grows, and its headlines share the event's words, so an
 * exact mean over all pairs is 2,000² term walks per outline (stop 17: the costliest step of
 * outlining at 250,000 articles); a mean over 256 of them tells the consensus wording as well.
 */
export const CENTRALITY_SAMPLE = 256;

/**
 * Each headline's mean Jaccard similarity to the others (to `sample` of them, spread evenly,
 * in a story with more). Shared terms are counted through an index of which headlines hold
 * each term, so the cost follows the pairs that share a term rather than all pairs; the sums
 * are taken in the same order with the same operations as a pair-by-pair Jaccard, so the
 * result is the same to the last bit.
 */
export function headlineCentrality(terms: Array<Set<string>>, sample = CENTRALITY_SAMPLE): Float64Array {
  const n = terms.length;
  // The compared headlines, in list order: all, or every (n / sample)-th.
  const compared = n <= sample ? null : Int32Array.from({ length: sample }, (_, k) => Math.floor((k * n) / sample));
  const m = compared === null ? n : compared.length;
  /** 1 for a headline among the compared (it is not compared with itself), else 0. */
  const isCompared = new Uint8Array(n).fill(compared === null ? 1 : 0);
  if (compared !== null) for (const j of compared) isCompared[j] = 1;
  const postings = new Map<string, number[]>();
  for (let k = 0; k < m; k++) {
    for (const t of terms[compared === null ? k : compared[k]!]!) {
      const list = postings.get(t);
      if (list) list.push(k);
      else postings.set(t, [k]);
    }
  }
  const out = new Float64Array(n);
  const shared = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const mine = terms[i]!;
    for (const t of mine) {
      const list = postings.get(t);
      if (list) for (const k of list) shared[k]!++;
    }
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const j = compared === null ? k : compared[k]!;
      const s = shared[k]!;
      if (s === 0) continue;
      shared[k] = 0;
      if (j !== i) sum += s / (mine.size + terms[j]!.size - s);
    }
    out[i] = sum / Math.max(1, m - isCompared[i]!);
  }
  return out;
}

export function storyOutline(storyId: number, articles: OutlineArticle[], weightOf?: (sourceId: number) => number): StoryOutline {
  const coverage = articles.filter((a) => a.originalId === null);
  const counted = coverage.length > 0 ? coverage : articles;
  const byTime = [...counted].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id - b.id);
  const first = byTime[0] ?? null;
  const lead = leadArticle(counted, weightOf) ?? first;
  const sections = new Map<string, number>();
  for (const a of counted) if (a.section) sections.set(a.section, (sections.get(a.section) ?? 0) + 1);
  const section = [...sections.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const last = articles.reduce<Date | null>((max, a) => (!max || a.publishedAt > max ? a.publishedAt : max), null);
  return {
    id: storyId,
    autoTitle: lead?.title ?? '',
    summary: lead?.summary ?? null,
    imageUrl: lead?.imageUrl ?? counted.find((a) => a.imageUrl)?.imageUrl ?? null,
    section,
    leadArticleId: lead?.id ?? null,
    firstArticleId: first?.id ?? null,
    firstReportedAt: first?.publishedAt ?? null,
    lastReportedAt: last,
    articleCount: coverage.length,
    outletCount: new Set(coverage.map((a) => a.sourceId)).size,
  };
}
