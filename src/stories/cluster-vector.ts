// Sparse term vectors for clustering: an article's (fixed, L2-normalised) and a story's
// centroid (a running sum, capped to its heaviest terms so a long-running story stays small).

/** An article's vector: parallel arrays, L2-normalised. Keys are the term table's strings. */
export interface ArticleVector {
  readonly keys: readonly string[];
  readonly weights: Float64Array;
}

export const EMPTY_VECTOR: ArticleVector = { keys: [], weights: new Float64Array(0) };

/** Sublinear tf times idf for each term, L2-normalised; terms with weight 0 are dropped. */
export function weightVector<T extends { readonly key: string }>(counts: ReadonlyMap<T, number>, idf: (term: T) => number): ArticleVector {
  const keys: string[] = [];
  const weights: number[] = [];
  let norm = 0;
  for (const [term, tf] of counts) {
    const w = (1 + Math.log(tf)) * idf(term);
    if (!(w > 0)) continue;
    keys.push(term.key);
    weights.push(w);
    norm += w * w;
  }
  if (norm === 0) return EMPTY_VECTOR;
  norm = Math.sqrt(norm);
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = weights[i]! / norm;
  return { keys, weights: out };
}

/**
 * A story's centroid: the sum of its members' vectors, keeping at most `cap` terms (the
 * heaviest; trimmed when it grows to twice that, so trimming costs little per article).
 */
export class Centroid {
  readonly weights = new Map<string, number>();
  private sumSquares = 0;

  get empty(): boolean {
    return this.weights.size === 0;
  }

  get norm(): number {
    return Math.sqrt(Math.max(this.sumSquares, 0));
  }

  /** Adds (or with sign -1 takes out) a vector. */
  add(v: ArticleVector, sign: 1 | -1, cap: number): void {
    for (let i = 0; i < v.keys.length; i++) {
      const key = v.keys[i]!;
      const old = this.weights.get(key) ?? 0;
      let now = old + sign * v.weights[i]!;
      if (now < 1e-9) now = 0;
      this.sumSquares += now * now - old * old;
      if (now === 0) this.weights.delete(key);
      else this.weights.set(key, now);
    }
    if (this.weights.size > 2 * cap) this.trim(cap);
    if (this.weights.size === 0) this.sumSquares = 0;
  }

  addCentroid(other: Centroid, cap: number): void {
    for (const [key, w] of other.weights) {
      const old = this.weights.get(key) ?? 0;
      this.sumSquares += (old + w) * (old + w) - old * old;
      this.weights.set(key, old + w);
    }
    if (this.weights.size > 2 * cap) this.trim(cap);
  }

  private trim(cap: number): void {
    const sorted = [...this.weights].sort((a, b) => b[1] - a[1]);
    this.weights.clear();
    this.sumSquares = 0;
    for (let i = 0; i < cap && i < sorted.length; i++) {
      const [key, w] = sorted[i]!;
      this.weights.set(key, w);
      this.sumSquares += w * w;
    }
  }

  /** Cosine similarity with a normalised article vector. */
  cosine(v: ArticleVector): number {
    if (v.keys.length === 0 || this.sumSquares <= 0) return 0;
    let dot = 0;
    for (let i = 0; i < v.keys.length; i++) {
      const w = this.weights.get(v.keys[i]!);
      if (w !== undefined) dot += w * v.weights[i]!;
    }
    return dot / Math.sqrt(this.sumSquares);
  }

  /** Cosine similarity with another centroid. */
  cosineWith(other: Centroid): number {
    if (this.sumSquares <= 0 || other.sumSquares <= 0) return 0;
    const [small, large] = this.weights.size <= other.weights.size ? [this.weights, other.weights] : [other.weights, this.weights];
    let dot = 0;
    for (const [key, w] of small) {
      const v = large.get(key);
      if (v !== undefined) dot += w * v;
    }
    return dot / Math.sqrt(this.sumSquares * other.sumSquares);
  }

  /** The `n` heaviest terms. */
  top(n: number): string[] {
    if (this.weights.size <= n) return [...this.weights.keys()];
    return [...this.weights].sort((a, b) => b[1] - a[1]).slice(0, n).map((e) => e[0]);
  }
}
