// Sparse term vectors for clustering: an article's (fixed, L2-normalised) and a story's
// centroid (a running sum, capped to its heaviest terms so a long-running story stays small).

import type { TermStat } from './cluster-terms.js';

/** An article's vector: parallel arrays. Keys are the term table's strings. */
export interface ArticleVector {
  readonly keys: readonly string[];
  readonly terms: readonly TermStat[];
  /** Sublinear term frequency, 1 + ln(tf). */
  readonly tf: Float64Array;
  /** TF-IDF weights at arrival, L2-normalised. */
  readonly weights: Float64Array;
}

export const EMPTY_VECTOR: ArticleVector = { keys: [], terms: [], tf: new Float64Array(0), weights: new Float64Array(0) };

/** Sublinear tf times idf for each term, L2-normalised. */
export function weightVector(counts: ReadonlyMap<TermStat, number>, idf: (term: TermStat) => number): ArticleVector {
  if (counts.size === 0) return EMPTY_VECTOR;
  const keys: string[] = [];
  const terms: TermStat[] = [];
  const tf = new Float64Array(counts.size);
  const weights = new Float64Array(counts.size);
  let norm = 0;
  let i = 0;
  for (const [term, n] of counts) {
    keys.push(term.key);
    terms.push(term);
    tf[i] = 1 + Math.log(n);
    const w = tf[i]! * idf(term);
    weights[i++] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  for (let j = 0; j < weights.length; j++) weights[j]! /= norm;
  return { keys, terms, tf, weights };
}

/**
 * A story's centroid: the sum of its members' vectors, keeping at most `cap` terms (the
 * heaviest; trimmed when it grows to twice that, so trimming costs little per article).
 */
export class Centroid {
  readonly weights = new Map<string, number>();
  /** How many members have each kept term. */
  readonly docs = new Map<string, number>();
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
      const n = (this.docs.get(key) ?? 0) + sign;
      if (now === 0 || n <= 0) {
        this.sumSquares -= now * now;
        this.weights.delete(key);
        this.docs.delete(key);
      } else {
        this.weights.set(key, now);
        this.docs.set(key, n);
      }
    }
    if (this.weights.size > 2 * cap) this.trim(cap);
    if (this.weights.size === 0) this.sumSquares = 0;
  }

  addCentroid(other: Centroid, cap: number): void {
    for (const [key, w] of other.weights) {
      const old = this.weights.get(key) ?? 0;
      this.sumSquares += (old + w) * (old + w) - old * old;
      this.weights.set(key, old + w);
      this.docs.set(key, (this.docs.get(key) ?? 0) + (other.docs.get(key) ?? 0));
    }
    if (this.weights.size > 2 * cap) this.trim(cap);
  }

  private trim(cap: number): void {
    const sorted = [...this.weights].sort((a, b) => b[1] - a[1]);
    this.weights.clear();
    this.sumSquares = 0;
    for (let i = cap; i < sorted.length; i++) this.docs.delete(sorted[i]![0]);
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

  /**
   * Cosine similarity with an article whose terms are weighted by their rarity outside this
   * story: `df[i]` is the document frequency of term i among `documents`; the members of the
   * story that have the term are taken out of it. A story's own defining words grow common
   * because the story is big; this keeps their weight, while a word the story shares with many
   * others (a popular place name) stays cheap.
   */
  storyCosine(v: ArticleVector, df: Float64Array, documents: number): number {
    if (v.keys.length === 0 || this.sumSquares <= 0) return 0;
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < v.keys.length; i++) {
      const key = v.keys[i]!;
      const w = this.weights.get(key);
      const outside = w === undefined ? df[i]! : Math.max(0, df[i]! - this.docs.get(key)!);
      const a = v.tf[i]! * (Math.log((1 + documents) / (1 + outside)) + 1);
      norm += a * a;
      if (w !== undefined) dot += a * w;
    }
    return dot / Math.sqrt(norm * this.sumSquares);
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
