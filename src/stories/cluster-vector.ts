// Sparse term vectors for clustering: an article's (fixed, L2-normalised) and a story's
// centroid (a running sum, capped to its heaviest terms so a long-running story stays small).

import type { TermCounts, TermStat } from './cluster-terms.js';

/** An article's vector: parallel arrays. Keys are the term table's strings. */
export interface ArticleVector {
  readonly keys: readonly string[];
  readonly terms: readonly TermStat[];
  /** Sublinear term frequency, 1 + ln(tf). */
  readonly tf: Float64Array;
  /** TF-IDF weights at arrival, L2-normalised. */
  readonly weights: Float64Array;
  /** The norm the weights were divided by. */
  readonly norm: number;
}

export const EMPTY_VECTOR: ArticleVector = { keys: [], terms: [], tf: new Float64Array(0), weights: new Float64Array(0), norm: 0 };

/**
 * Sublinear tf times idf for each term, keeping the `limit` heaviest (a long text's tail of
 * once-used common words says little and costs time and memory), L2-normalised.
 */
export function weightVector(counted: TermCounts, idf: (term: TermStat) => number, limit: number): ArticleVector {
  const n = counted.size;
  if (n === 0) return EMPTY_VECTOR;
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = (1 + Math.log(counted.counts[i]!)) * idf(counted.stats[i]!);
  // The heaviest in the order a stable sort would give (dot products sum in this order).
  const order = n > limit ? heaviest(raw, limit, []) : null;
  const m = order === null ? n : limit;
  const keys: string[] = new Array<string>(m);
  const terms: TermStat[] = new Array<TermStat>(m);
  const tf = new Float64Array(m);
  const weights = new Float64Array(m);
  let norm = 0;
  for (let j = 0; j < m; j++) {
    const i = order === null ? j : order[j]!;
    const stat = counted.stats[i]!;
    keys[j] = stat.key;
    terms[j] = stat;
    tf[j] = 1 + Math.log(counted.counts[i]!);
    weights[j] = raw[i]!;
    norm += raw[i]! * raw[i]!;
  }
  norm = Math.sqrt(norm);
  for (let j = 0; j < m; j++) weights[j]! /= norm;
  return { keys, terms, tf, weights, norm };
}

/** What an article keeps while it is in the window: its parts' keys and weights, end to end. */
export interface StoredVectors {
  readonly keys: readonly string[];
  readonly weights: Float32Array;
  /** Where each part ends in `keys`. */
  readonly ends: readonly number[];
}

export function storeVectors(vectors: readonly ArticleVector[]): StoredVectors {
  const keys: string[] = [];
  const ends: number[] = [];
  for (const v of vectors) {
    keys.push(...v.keys);
    ends.push(keys.length);
  }
  const weights = new Float32Array(keys.length);
  let i = 0;
  for (const v of vectors) for (const w of v.weights) weights[i++] = w;
  return { keys, weights, ends };
}

/**
 * A story's centroid: the sum of its members' vectors, keeping at most `cap` terms (the
 * heaviest; trimmed when it grows to 1.5 times that, so trimming costs little per article).
 */
export class Centroid {
  /** Term → slot in the parallel arrays below (small integers: no boxed numbers in the map). */
  private readonly slots = new Map<string, number>();
  private keys: string[] = [];
  /** Summed weight of each term (a plain array of numbers is stored unboxed). */
  private sums: number[] = [];
  /** How many members have each term. */
  private docs: number[] = [];
  private sumSquares = 0;

  get empty(): boolean {
    return this.keys.length === 0;
  }

  get size(): number {
    return this.keys.length;
  }

  get norm(): number {
    return Math.sqrt(Math.max(this.sumSquares, 0));
  }

  /** The summed weight of a term, or undefined when the centroid does not have it. */
  weight(key: string): number | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.sums[slot];
  }

  /** Adds (or with sign -1 takes out) a vector: `keys` and `weights` from `start` to `end`. */
  add(keys: readonly string[], weights: ArrayLike<number>, start: number, end: number, sign: 1 | -1, cap: number): void {
    for (let i = start; i < end; i++) this.addTerm(keys[i]!, sign * weights[i]!, sign);
    if (this.keys.length > 1.5 * cap) this.trim(cap);
    if (this.keys.length === 0) this.sumSquares = 0;
  }

  addCentroid(other: Centroid, cap: number): void {
    for (let j = 0; j < other.keys.length; j++) this.addTerm(other.keys[j]!, other.sums[j]!, other.docs[j]!);
    if (this.keys.length > 1.5 * cap) this.trim(cap);
  }

  private addTerm(key: string, weight: number, docs: number): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      if (weight <= 0) return;
      slot = this.keys.length;
      this.slots.set(key, slot);
      this.keys.push(key);
      this.sums.push(0);
      this.docs.push(0);
    }
    const old = this.sums[slot]!;
    const now = old + weight;
    const n = this.docs[slot]! + docs;
    if (now < 1e-9 || n <= 0) {
      this.sumSquares -= old * old;
      this.removeSlot(slot);
    } else {
      this.sumSquares += now * now - old * old;
      this.sums[slot] = now;
      this.docs[slot] = n;
    }
  }

  /** Removes a slot by moving the last one into it. */
  private removeSlot(slot: number): void {
    const last = this.keys.length - 1;
    this.slots.delete(this.keys[slot]!);
    if (slot !== last) {
      const key = this.keys[last]!;
      this.keys[slot] = key;
      this.sums[slot] = this.sums[last]!;
      this.docs[slot] = this.docs[last]!;
      this.slots.set(key, slot);
    }
    this.keys.pop();
    this.sums.pop();
    this.docs.pop();
  }

  private trim(cap: number): void {
    const keep = heaviest(this.sums, cap, []);
    const keys = keep.map((i) => this.keys[i]!);
    const sums = keep.map((i) => this.sums[i]!);
    const docs = keep.map((i) => this.docs[i]!);
    this.slots.clear();
    this.sumSquares = 0;
    keys.forEach((key, i) => {
      this.slots.set(key, i);
      this.sumSquares += sums[i]! * sums[i]!;
    });
    this.keys = keys;
    this.sums = sums;
    this.docs = docs;
  }

  /** Cosine similarity with a normalised article vector. */
  cosine(v: ArticleVector): number {
    if (v.keys.length === 0 || this.sumSquares <= 0) return 0;
    let dot = 0;
    for (let i = 0; i < v.keys.length; i++) {
      const slot = this.slots.get(v.keys[i]!);
      if (slot !== undefined) dot += this.sums[slot]! * v.weights[i]!;
    }
    return dot / Math.sqrt(this.sumSquares);
  }

  /**
   * Cosine similarity with an article whose terms are weighted by their rarity outside this
   * story: the members of the story that have a term are taken out of its document frequency
   * (a term's `df / dfScale`, among `documents`; see TermTable.docFreq). A story's own defining words grow common because the story
   * is big; this keeps their weight, while a word the story shares with many others (a popular
   * place name) stays cheap. Only the shared terms are reweighted: the others keep the weight
   * the article got on arrival (`v` must have been weighted with the same frequencies).
   */
  storyCosine(v: ArticleVector, dfScale: number, documents: number): number {
    if (v.keys.length === 0 || this.sumSquares <= 0) return 0;
    let dot = 0;
    let norm2 = v.norm * v.norm;
    for (let i = 0; i < v.keys.length; i++) {
      const slot = this.slots.get(v.keys[i]!);
      if (slot === undefined) continue;
      const outside = Math.max(0, v.terms[i]!.df / dfScale - this.docs[slot]!);
      const a = v.tf[i]! * (Math.log((1 + documents) / (1 + outside)) + 1);
      const before = v.weights[i]! * v.norm;
      norm2 += a * a - before * before;
      dot += a * this.sums[slot]!;
    }
    return dot / Math.sqrt(norm2 * this.sumSquares);
  }

  /** Cosine similarity with another centroid. */
  cosineWith(other: Centroid): number {
    if (this.sumSquares <= 0 || other.sumSquares <= 0) return 0;
    const [small, large] = this.keys.length <= other.keys.length ? [this, other] : [other, this];
    let dot = 0;
    for (let j = 0; j < small.keys.length; j++) {
      const slot = large.slots.get(small.keys[j]!);
      if (slot !== undefined) dot += small.sums[j]! * large.sums[slot]!;
    }
    return dot / Math.sqrt(this.sumSquares * other.sumSquares);
  }

  /** The `n` heaviest terms. */
  top(n: number): string[] {
    if (this.keys.length <= n) return [...this.keys];
    return heaviest(this.sums, n, []).map((i) => this.keys[i]!);
  }
}

/** Indices of the `k` largest values (ties: the earlier), into `out`, without sorting all. */
export function heaviest(values: ArrayLike<number>, k: number, out: number[]): number[] {
  out.length = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (out.length === k && v <= values[out[k - 1]!]!) continue;
    let j = out.length < k ? out.length : k - 1;
    while (j > 0 && values[out[j - 1]!]! < v) {
      out[j] = out[j - 1]!;
      j--;
    }
    out[j] = i;
  }
  return out;
}
