// The clustering-dev README's reference system, "TF-IDF single pass": lower-cased word tokens
// (at least two characters, English stop words removed), TF-IDF vectors with document
// frequencies updated as articles arrive, L2-normalised; each article joins the cluster whose
// centroid (sum of member vectors) is most cosine-similar if that similarity is at least the
// threshold (0.15), otherwise it opens a new cluster. Every cluster is compared, as described.
import { STOPWORDS } from '../../src/text/tokens.js';

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

interface Cluster {
  id: string;
  centroid: Map<string, number>;
  norm2: number;
}

export class TfidfSinglePass {
  private readonly df = new Map<string, number>();
  private docs = 0;
  private readonly clusters: Cluster[] = [];

  constructor(private readonly threshold = 0.15) {}

  add(title: string, text: string): string {
    const tf = new Map<string, number>();
    for (const m of `${title} ${text}`.toLowerCase().matchAll(TOKEN)) {
      const w = m[0];
      if (STOPWORDS.has(w)) continue;
      tf.set(w, (tf.get(w) ?? 0) + 1);
    }
    this.docs++;
    for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
    // scikit-learn's smooth idf: ln((1 + n) / (1 + df)) + 1.
    const vec = new Map<string, number>();
    let norm = 0;
    for (const [w, f] of tf) {
      const x = f * (Math.log((1 + this.docs) / (1 + this.df.get(w)!)) + 1);
      vec.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [w, x] of vec) vec.set(w, x / norm);

    let best: Cluster | null = null;
    let bestSim = -1;
    for (const c of this.clusters) {
      let dot = 0;
      for (const [w, x] of vec) {
        const y = c.centroid.get(w);
        if (y !== undefined) dot += x * y;
      }
      const sim = c.norm2 > 0 ? dot / Math.sqrt(c.norm2) : 0;
      if (sim > bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    let target: Cluster;
    if (best !== null && bestSim >= this.threshold) {
      target = best;
    } else {
      target = { id: `b${this.clusters.length + 1}`, centroid: new Map(), norm2: 0 };
      this.clusters.push(target);
    }
    for (const [w, x] of vec) {
      const old = target.centroid.get(w) ?? 0;
      target.norm2 += (old + x) * (old + x) - old * old;
      target.centroid.set(w, old + x);
    }
    return target.id;
  }
}
