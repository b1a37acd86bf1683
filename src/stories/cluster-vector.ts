// Sparse term vectors for clustering: an article's (fixed, L2-normalised) and a story's
// centroid (a running sum, capped to its heaviest terms so a long-running story stays small).
// Terms are the term table's integer ids; lookups go through dense arrays indexed by id
// (`IdSlots`) rather than maps, and every dot product still sums in the article's term order.

import type { TermCounts, TermStat, TermTable } from './cluster-terms.js';

/**
 * An article's vector: `length` terms in parallel arrays, heaviest first. The clusterer keeps
 * one per part and refills it for each article (`weightVector`): nothing is allocated per article.
 */
export class ArticleVector {
  length = 0;
  ids: Int32Array;
  terms: TermStat[] = [];
  /** Sublinear term frequency, 1 + ln(tf). */
  tf: Float64Array;
  /** TF-IDF weights at arrival, L2-normalised. */
  weights: Float64Array;
  /** The norm the weights were divided by. */
  norm = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.tf = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
  }

  /** Room for `n` terms (the contents are dropped). */
  reserve(n: number): void {
    if (n <= this.ids.length) return;
    this.ids = new Int32Array(n);
    this.tf = new Float64Array(n);
    this.weights = new Float64Array(n);
  }
}

/**
 * Term id → a small integer (a slot, a position), for one pass at a time. A bit per id says
 * which are set (a few tens per pass): the bitmap is small enough to stay in the CPU's cache,
 * so the many lookups of ids that are not set cost no memory access; `begin` clears only the
 * bits the last pass set, so no map and no clearing of the whole range per pass.
 */
export class IdSlots {
  private bits = new Int32Array(64);
  private values = new Int32Array(2048);
  /** The ids set in this pass (perhaps repeated), to clear at the next `begin`. */
  private readonly written: number[] = [];

  /** Starts a pass over ids below `limit`. */
  begin(limit: number): void {
    const bits = this.bits;
    for (const id of this.written) bits[id >>> 5] = 0;
    this.written.length = 0;
    if (limit > this.values.length) {
      let n = this.values.length;
      while (n < limit) n *= 2;
      this.values = new Int32Array(n);
      this.bits = new Int32Array(n >>> 5);
    }
  }

  set(id: number, value: number): void {
    this.bits[id >>> 5]! |= 1 << (id & 31);
    this.values[id] = value;
    this.written.push(id);
  }

  /** The value set for `id` in this pass, or -1. */
  get(id: number): number {
    return (this.bits[id >>> 5]! & (1 << (id & 31))) === 0 ? -1 : this.values[id]!;
  }

  unset(id: number): void {
    this.bits[id >>> 5]! &= ~(1 << (id & 31));
  }
}

/** Scratch for `weightVector`. */
let rawWeights = new Float64Array(256);
const heaviestOrder: number[] = [];

/**
 * Sublinear tf times idf for each term, keeping the `limit` heaviest (a long text's tail of
 * once-used common words says little and costs time and memory), L2-normalised, into `v`.
 */
export function weightVector(counted: TermCounts, idf: (term: TermStat) => number, limit: number, v: ArticleVector): ArticleVector {
  const n = counted.size;
  v.length = 0;
  v.terms.length = 0;
  v.norm = 0;
  if (n === 0) return v;
  if (rawWeights.length < n) rawWeights = new Float64Array(2 * n);
  const raw = rawWeights;
  for (let i = 0; i < n; i++) raw[i] = (1 + Math.log(counted.counts[i]!)) * idf(counted.stats[i]!);
  // The heaviest in the order a stable sort would give (dot products sum in this order).
  const order = n > limit ? heaviest(raw, limit, heaviestOrder, n) : null;
  const m = order === null ? n : limit;
  v.reserve(m);
  const { ids, terms, tf, weights } = v;
  let norm = 0;
  for (let j = 0; j < m; j++) {
    const i = order === null ? j : order[j]!;
    const stat = counted.stats[i]!;
    ids[j] = stat.id;
    terms[j] = stat;
    tf[j] = 1 + Math.log(counted.counts[i]!);
    weights[j] = raw[i]!;
    norm += raw[i]! * raw[i]!;
  }
  norm = Math.sqrt(norm);
  for (let j = 0; j < m; j++) weights[j]! /= norm;
  v.length = m;
  v.norm = norm;
  return v;
}

/**
 * What an article keeps while it is in the window: its parts' term ids and weights, end to
 * end, in one buffer (ids as 32-bit integers, then weights as 32-bit floats). The ids are
 * held in the term table until `releaseVectors`.
 */
export interface StoredVectors {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
  /** Where each part ends in `ids`. */
  readonly ends: Int32Array;
}

export function storeVectors(vectors: readonly ArticleVector[], table: TermTable): StoredVectors {
  let n = 0;
  for (const v of vectors) n += v.length;
  const buffer = new ArrayBuffer(8 * n + 4 * vectors.length);
  const ids = new Int32Array(buffer, 0, n);
  const weights = new Float32Array(buffer, 4 * n, n);
  const ends = new Int32Array(buffer, 8 * n, vectors.length);
  let i = 0;
  for (let p = 0; p < vectors.length; p++) {
    const v = vectors[p]!;
    for (let j = 0; j < v.length; j++, i++) {
      ids[i] = v.ids[j]!;
      weights[i] = v.weights[j]!;
      table.retain(v.ids[j]!);
    }
    ends[p] = i;
  }
  return { ids, weights, ends };
}

/** Lets go of the ids `storeVectors` held. */
export function releaseVectors(v: StoredVectors, table: TermTable): void {
  for (let i = 0; i < v.ids.length; i++) table.release(v.ids[i]!);
}

/** Shared scratch: one pass at a time, and the clusterer is single-threaded. */
const slotsOfCentroid = new IdSlots();
/** Centroid slot + 1 matched at each article position (0: none), zeroed after each use. */
let matched = new Int32Array(64);

/**
 * A story's centroid: the sum of its members' vectors, keeping at most `cap` terms (the
 * heaviest; trimmed when it grows to 1.5 times that, so trimming costs little per article).
 * It holds its terms' ids in the table.
 */
export class Centroid {
  /** Term ids and, per slot, the summed weight and how many members have the term (plain arrays of numbers are stored unboxed). */
  private ids: number[] = [];
  private sums: number[] = [];
  private docs: number[] = [];
  private sumSquares = 0;

  constructor(private readonly table: TermTable) {}

  get empty(): boolean {
    return this.ids.length === 0;
  }

  get size(): number {
    return this.ids.length;
  }

  get norm(): number {
    return Math.sqrt(Math.max(this.sumSquares, 0));
  }

  /** The summed weight of a term, or undefined when the centroid does not have it. */
  weight(id: number): number | undefined {
    const slot = this.ids.indexOf(id);
    return slot < 0 ? undefined : this.sums[slot];
  }

  /** Adds (or with sign -1 takes out) a vector: `ids` and `weights` from `start` to `end`. */
  add(ids: ArrayLike<number>, weights: ArrayLike<number>, start: number, end: number, sign: 1 | -1, cap: number): void {
    const slots = this.indexSlots();
    for (let i = start; i < end; i++) this.addTerm(slots, ids[i]!, sign * weights[i]!, sign);
    if (this.ids.length > 1.5 * cap) this.trim(cap);
    if (this.ids.length === 0) this.sumSquares = 0;
  }

  addCentroid(other: Centroid, cap: number): void {
    const slots = this.indexSlots();
    for (let j = 0; j < other.ids.length; j++) this.addTerm(slots, other.ids[j]!, other.sums[j]!, other.docs[j]!);
    if (this.ids.length > 1.5 * cap) this.trim(cap);
  }

  /** Empties the centroid, letting go of its ids. */
  clear(): void {
    for (const id of this.ids) this.table.release(id);
    this.ids = [];
    this.sums = [];
    this.docs = [];
    this.sumSquares = 0;
  }

  private indexSlots(): IdSlots {
    const slots = slotsOfCentroid;
    slots.begin(this.table.idLimit);
    for (let j = 0; j < this.ids.length; j++) slots.set(this.ids[j]!, j);
    return slots;
  }

  private addTerm(slots: IdSlots, id: number, weight: number, docs: number): void {
    let slot = slots.get(id);
    if (slot < 0) {
      if (weight <= 0) return;
      slot = this.ids.length;
      slots.set(id, slot);
      this.table.retain(id);
      this.ids.push(id);
      this.sums.push(0);
      this.docs.push(0);
    }
    const old = this.sums[slot]!;
    const now = old + weight;
    const n = this.docs[slot]! + docs;
    if (now < 1e-9 || n <= 0) {
      this.sumSquares -= old * old;
      this.removeSlot(slots, slot);
    } else {
      this.sumSquares += now * now - old * old;
      this.sums[slot] = now;
      this.docs[slot] = n;
    }
  }

  /** Removes a slot by moving the last one into it. */
  private removeSlot(slots: IdSlots, slot: number): void {
    const last = this.ids.length - 1;
    const id = this.ids[slot]!;
    slots.unset(id);
    if (slot !== last) {
      const moved = this.ids[last]!;
      this.ids[slot] = moved;
      this.sums[slot] = this.sums[last]!;
      this.docs[slot] = this.docs[last]!;
      slots.set(moved, slot);
    }
    this.ids.pop();
    this.sums.pop();
    this.docs.pop();
    this.table.release(id);
  }

  private trim(cap: number): void {
    const keep = heaviest(this.sums, cap, []);
    const ids = keep.map((i) => this.ids[i]!);
    const sums = keep.map((i) => this.sums[i]!);
    const docs = keep.map((i) => this.docs[i]!);
    for (const id of ids) this.table.retain(id);
    for (const id of this.ids) this.table.release(id);
    this.sumSquares = 0;
    for (let i = 0; i < sums.length; i++) this.sumSquares += sums[i]! * sums[i]!;
    this.ids = ids;
    this.sums = sums;
    this.docs = docs;
  }

  /**
   * Marks, at each article position whose term the centroid has, the slot + 1 in `matched`
   * (`positions`: the article's term id → position). The caller walks `matched` in article
   * order, so sums keep that order, and zeroes what it read.
   */
  private match(positions: IdSlots, n: number): Int32Array {
    if (matched.length < n) matched = new Int32Array(2 * n);
    const m = matched;
    for (let j = 0; j < this.ids.length; j++) {
      const i = positions.get(this.ids[j]!);
      if (i >= 0) m[i] = j + 1;
    }
    return m;
  }

  /** Cosine similarity with a normalised article vector (`positions`: its term id → position, see `indexArticle`). */
  cosine(v: ArticleVector, positions: IdSlots): number {
    const n = v.length;
    if (n === 0 || this.sumSquares <= 0) return 0;
    const m = this.match(positions, n);
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const s = m[i]!;
      if (s === 0) continue;
      m[i] = 0;
      dot += this.sums[s - 1]! * v.weights[i]!;
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
  storyCosine(v: ArticleVector, positions: IdSlots, dfScale: number, documents: number): number {
    const n = v.length;
    if (n === 0 || this.sumSquares <= 0) return 0;
    const m = this.match(positions, n);
    let dot = 0;
    let norm2 = v.norm * v.norm;
    for (let i = 0; i < n; i++) {
      const s = m[i]!;
      if (s === 0) continue;
      m[i] = 0;
      const slot = s - 1;
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
    const small = this.ids.length <= other.ids.length ? this : other;
    const large = small === this ? other : this;
    const slots = large.indexSlots();
    let dot = 0;
    for (let j = 0; j < small.ids.length; j++) {
      const slot = slots.get(small.ids[j]!);
      if (slot >= 0) dot += small.sums[j]! * large.sums[slot]!;
    }
    return dot / Math.sqrt(this.sumSquares * other.sumSquares);
  }

  /** The ids of the `n` heaviest terms. */
  top(n: number): number[] {
    if (this.ids.length <= n) return this.ids.slice();
    return heaviest(this.sums, n, []).map((i) => this.ids[i]!);
  }
}

/** Indexes an article vector's term ids by position into `positions` (a new pass), for `Centroid.cosine` and `storyCosine`. */
export function indexArticle(v: ArticleVector, positions: IdSlots, idLimit: number): void {
  positions.begin(idLimit);
  for (let i = 0; i < v.length; i++) positions.set(v.ids[i]!, i);
}

/** Indices of the `k` largest of the first `n` values (ties: the earlier), into `out`, without sorting all. */
export function heaviest(values: ArrayLike<number>, k: number, out: number[], n = values.length): number[] {
  out.length = 0;
  for (let i = 0; i < n; i++) {
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
