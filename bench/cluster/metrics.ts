// Clustering metrics of the clustering-dev protocol (see the dataset's README): B-cubed
// (item-averaged), pairwise precision/recall/F1 and the adjusted Rand index, all over the
// scored articles only, an article without an answer counting as its own cluster.

export interface Scores {
  articles: number;
  b3: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number };
  ari: number;
  predictedClusters: number;
  goldClusters: number;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/** `predicted[i]` and `gold[i]` are the cluster labels of scored article i (null: no answer). */
export function score(predicted: ReadonlyArray<string | null>, gold: readonly string[]): Scores {
  if (predicted.length !== gold.length) throw new Error('score: predicted and gold differ in length');
  const n = gold.length;
  const pred = predicted.map((p, i) => p ?? `\u0000alone:${i}`);
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const cell = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    predSize.set(pred[i]!, (predSize.get(pred[i]!) ?? 0) + 1);
    goldSize.set(gold[i]!, (goldSize.get(gold[i]!) ?? 0) + 1);
    const key = `${pred[i]!}\u0001${gold[i]!}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
  }
  let bp = 0;
  let br = 0;
  for (let i = 0; i < n; i++) {
    const both = cell.get(`${pred[i]!}\u0001${gold[i]!}`)!;
    bp += both / predSize.get(pred[i]!)!;
    br += both / goldSize.get(gold[i]!)!;
  }
  const b3p = n ? bp / n : 0;
  const b3r = n ? br / n : 0;

  let tp = 0;
  for (const c of cell.values()) tp += pairs(c);
  let predPairs = 0;
  for (const c of predSize.values()) predPairs += pairs(c);
  let goldPairs = 0;
  for (const c of goldSize.values()) goldPairs += pairs(c);
  const pp = predPairs ? tp / predPairs : 0;
  const pr = goldPairs ? tp / goldPairs : 0;

  const all = pairs(n);
  const expected = all ? (predPairs * goldPairs) / all : 0;
  const maxIndex = (predPairs + goldPairs) / 2;
  const ari = maxIndex === expected ? 0 : (tp - expected) / (maxIndex - expected);

  return {
    articles: n,
    b3: { precision: b3p, recall: b3r, f1: f1(b3p, b3r) },
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    ari,
    predictedClusters: predSize.size,
    goldClusters: goldSize.size,
  };
}
