// The article-text metric of the extraction-dev dataset (its README, after the
// article-extraction-benchmark's evaluate.py): 4-gram shingle multisets of `\w+` tokens,
// per-page precision and recall, averaged with the dataset's rules.

// Python's Unicode `\w`: letters, digits (every numeric category) and `_`. Combining marks
// are not word characters there, so they split tokens here too.
const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The multiset of 4-token shingles; fewer than 4 tokens (but some) make one shingle. */
export function shingles(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  if (words.length === 0) return counts;
  if (words.length < 4) {
    add(words.join('\u0001'));
    return counts;
  }
  for (let i = 0; i + 4 <= words.length; i++) add(`${words[i]}\u0001${words[i + 1]}\u0001${words[i + 2]}\u0001${words[i + 3]}`);
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  /** 1 when FP = 0 (also for an empty output; such pages are left out of the precision mean). */
  precision: number;
  recall: number;
  /** The output has at least one shingle (TP + FP > 0). */
  nonEmpty: boolean;
  /** The whole token sequences are equal. */
  exact: boolean;
}

export function scorePage(expected: string, got: string): PageScore {
  const expectedTokens = tokens(expected);
  const gotTokens = tokens(got);
  const t = shingles(expectedTokens);
  const p = shingles(gotTokens);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    if (tc > pc) fn += tc - pc;
  }
  for (const [key, pc] of p) {
    const tc = t.get(key) ?? 0;
    if (pc > tc) fp += pc - tc;
  }
  const exact = expectedTokens.length === gotTokens.length && expectedTokens.every((w, i) => w === gotTokens[i]);
  return {
    tp,
    fp,
    fn,
    precision: fp === 0 ? 1 : tp / (tp + fp),
    recall: fn === 0 ? 1 : tp / (tp + fn),
    nonEmpty: tp + fp > 0,
    exact,
  };
}

export interface Aggregate {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Pages whose output had no shingle at all. */
  empty: number;
}

/** Precision over the pages with output, recall over all pages, F1 from the two means. */
export function aggregate(scores: PageScore[]): Aggregate {
  const withOutput = scores.filter((s) => s.nonEmpty);
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const precision = mean(withOutput.map((s) => s.precision));
  const recall = mean(scores.map((s) => s.recall));
  return {
    pages: scores.length,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    accuracy: mean(scores.map((s) => (s.exact ? 1 : 0))),
    empty: scores.length - withOutput.length,
  };
}
