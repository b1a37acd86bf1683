// Runs a clusterer over the clustering-dev stream per the README protocol: every article in
// file order, the story given on arrival is the answer; scores on the tuning part (the first
// 20 %) and the reported part (the last 80 %).
import { performance } from 'node:perf_hooks';
import type { LabelledArticle } from './dataset.js';
import { score, type Scores } from './metrics.js';

/** Positions 0–1,272 of 6,366: the first 20 %, rounded as the README states. */
export function tuneCount(total: number): number {
  return Math.round(total * 0.2);
}

export interface DevRun {
  tune: Scores;
  test: Scores;
  articlesPerSecond: number;
  seconds: number;
}

/** `assign(article)` returns the cluster label given on arrival. */
export function runDev(data: readonly LabelledArticle[], assign: (a: LabelledArticle) => string): DevRun {
  const labels: string[] = new Array<string>(data.length);
  const start = performance.now();
  for (let i = 0; i < data.length; i++) labels[i] = assign(data[i]!);
  const seconds = (performance.now() - start) / 1000;
  const cut = tuneCount(data.length);
  const gold = data.map((d) => d.gold);
  return {
    tune: score(labels.slice(0, cut), gold.slice(0, cut)),
    test: score(labels.slice(cut), gold.slice(cut)),
    articlesPerSecond: data.length / seconds,
    seconds,
  };
}
