// Related stories — "See also" done right: stories that share the subject of this one
// (its terms and names), never the same story, never a near-copy of it (that would be the
// same event split in two), and never unrelated (below a floor of similarity, nothing).
import { terms } from '../text/tokens.js';

export interface RelatedCandidate {
  id: number;
  /** Headline and summary of the story (and of its articles when available). */
  text: string;
}

export interface RelatedOptions {
  /** Below this cosine similarity a story is not related. */
  minSimilarity: number;
  /** At or above this, it is most likely the same event: not shown as related. */
  maxSimilarity: number;
  limit: number;
}

// minSimilarity 0.25 — npm run bench:related on clustering-dev, with the clusterer of 2026-11-29
// (fewer, larger stories than before, whose pooled text shares more general words): 0.2 gives
// 86.6 % of links in the item's category, 0.23 91.6 %, 0.25 91.9 % (344 links), 0.28 94.4 % (248).
export const DEFAULT_RELATED: RelatedOptions = { minSimilarity: 0.25, maxSimilarity: 0.6, limit: 4 };

type Vector = Map<string, number>;

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** TF-IDF vectors of the candidates, L2-normalised (IDF over the candidate set itself). */
function vectors(candidates: RelatedCandidate[]): Vector[] {
  const counts = candidates.map((c) => termCounts(c.text));
  const df = new Map<string, number>();
  for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = candidates.length;
  return counts.map((c) => {
    const v: Vector = new Map();
    let norm = 0;
    for (const [t, tf] of c) {
      const w = (1 + Math.log(tf)) * Math.log((n + 1) / ((df.get(t) ?? 0) + 0.5));
      if (w <= 0) continue;
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

/** The stories related to `storyId` among the candidates (which include it), best first. */
export function relatedStories(storyId: number, candidates: RelatedCandidate[], options: RelatedOptions = DEFAULT_RELATED): Array<{ id: number; similarity: number }> {
  const index = candidates.findIndex((c) => c.id === storyId);
  if (index === -1 || candidates.length < 2) return [];
  const all = vectors(candidates);
  const self = all[index]!;
  return candidates
    .map((c, i) => ({ id: c.id, similarity: i === index ? -1 : cosine(self, all[i]!) }))
    .filter((r) => r.id !== storyId && r.similarity >= options.minSimilarity && r.similarity < options.maxSimilarity)
    .sort((a, b) => b.similarity - a.similarity || b.id - a.id)
    .slice(0, options.limit);
}
