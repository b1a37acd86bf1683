// The clusterer's vocabulary: document frequencies that follow the stream (so IDF reflects the
// recent news, and stays bounded on an endless stream), how each word is usually written (to
// tell names in title-case headlines), and the inverted index of active stories by term.

/** What the clusterer knows about one term (a stem, or an entity feature prefixed with "@"). */
export interface TermStat {
  readonly key: string;
  /**
   * A small integer naming the term while anything holds it (see TermTable.retain): vectors and
   * centroids store ids, and dense arrays indexed by id replace maps in the hot loops.
   */
  readonly id: number;
  /** Decayed document frequency, stored multiplied by the table's current growth factor. */
  df: number;
  /** Decayed counts of the word written with a capital / in lower case inside a sentence. */
  capital: number;
  lower: number;
  /**
   * Active stories indexed under this term (the clusterer's inverted index, by story slot) in
   * the order they were indexed, or null when there are none.
   */
  stories: number[] | null;
  /** The last document counted, so a term counts once per document. */
  lastDocument: number;
  /**
   * False once pruned: its counts are back to zero and `get` does not see it, exactly as if it
   * had been forgotten, but its id stays while vectors or centroids hold it (`refs`); `intern`
   * brings it back under the same id.
   */
  live: boolean;
  /** Vectors and centroids holding the id. */
  refs: number;
  /** Set when the table let go of the term and its id (callers holding it must look the key up again). */
  dropped: boolean;
  /** Scratch for counting a text's terms without a map (see TermCounts). */
  mark: number;
  slot: number;
}

/**
 * A text's terms with their counts, counted in the terms' own scratch fields (no map per
 * text): `mark` tells whether a term was already seen in this count.
 */
export class TermCounts {
  private static nextMark = 1;
  private mark = TermCounts.nextMark++;
  readonly stats: TermStat[] = [];
  readonly counts: number[] = [];

  /** Empties it for another text. */
  reset(): void {
    this.mark = TermCounts.nextMark++;
    this.stats.length = 0;
    this.counts.length = 0;
  }

  add(stat: TermStat): void {
    if (stat.mark === this.mark) {
      this.counts[stat.slot]!++;
    } else {
      stat.mark = this.mark;
      stat.slot = this.stats.length;
      this.stats.push(stat);
      this.counts.push(1);
    }
  }

  get size(): number {
    return this.stats.length;
  }
}

export interface TermTableOptions {
  /** Articles after which a count has halved: the memory of document frequencies. */
  halfLifeArticles: number;
  /** Hard cap on the number of terms; the rarest are dropped first when it is reached. */
  maxTerms: number;
}

/**
 * Document frequencies with exponential decay by article count. Rather than multiplying every
 * count on every article, each new count is added with a weight that grows by 2^(1/halfLife)
 * per article, and all counts are divided by the current weight when read; the table is
 * rescaled and pruned (terms whose decayed count fell below a fraction of a document, and that
 * no active story is indexed under) every halfLife/2 articles, so it holds the vocabulary of
 * the last few half-lives only.
 */
export class TermTable {
  /** Every term with an id: the live ones, and pruned ones still held (`refs` > 0). */
  private readonly terms = new Map<string, TermStat>();
  private readonly byId: (TermStat | undefined)[] = [];
  private readonly freeIds: number[] = [];
  private liveTerms = 0;
  private readonly growth: number;
  /** Weight of a count added now. */
  private weight = 1;
  /** Decayed number of documents, times `weight`. */
  private docs = 0;
  private sincePrune = 0;
  /** Documents started, for `countDocument`. */
  private documentNumber = 0;

  constructor(private readonly options: TermTableOptions) {
    this.growth = Math.pow(2, 1 / options.halfLifeArticles);
  }

  /** Live terms (pruned ones still held by id are not counted: they are forgotten). */
  get size(): number {
    return this.liveTerms;
  }

  /** One more than the largest id in use: the length dense arrays indexed by id need. */
  get idLimit(): number {
    return this.byId.length;
  }

  /** The decayed number of documents seen. */
  get documents(): number {
    return this.docs / this.weight;
  }

  get(key: string): TermStat | undefined {
    const stat = this.terms.get(key);
    return stat !== undefined && stat.live ? stat : undefined;
  }

  /** The entry of a term, created when new (a pruned one comes back with zero counts, as new). */
  intern(key: string): TermStat {
    let stat = this.terms.get(key);
    if (stat === undefined) {
      const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.byId.length;
      stat = { key, id, df: 0, capital: 0, lower: 0, stories: null, lastDocument: -1, live: true, refs: 0, dropped: false, mark: 0, slot: 0 };
      this.terms.set(key, stat);
      this.byId[id] = stat;
      this.liveTerms++;
    } else if (!stat.live) {
      stat.live = true;
      this.liveTerms++;
    }
    return stat;
  }

  /** The term an id names (the id must be held). */
  byIdOf(id: number): TermStat {
    return this.byId[id]!;
  }

  /** The live entry of a held id, brought back when pruned (what `intern` of its key gives). */
  internId(id: number): TermStat {
    const stat = this.byId[id]!;
    return stat.live ? stat : this.intern(stat.key);
  }

  /** Holds an id: it keeps naming its term until released, even if the term is pruned meanwhile. */
  retain(id: number): void {
    this.byId[id]!.refs++;
  }

  release(id: number): void {
    const stat = this.byId[id]!;
    if (--stat.refs === 0 && !stat.live) this.free(stat);
  }

  private free(stat: TermStat): void {
    stat.dropped = true;
    this.terms.delete(stat.key);
    this.byId[stat.id] = undefined;
    this.freeIds.push(stat.id);
  }

  /** Starts a new document: later counts weigh a little more than earlier ones. */
  nextDocument(): void {
    this.documentNumber++;
    this.weight *= this.growth;
    this.docs += this.weight;
    if (++this.sincePrune >= this.options.halfLifeArticles / 2 || this.liveTerms > this.options.maxTerms) this.prune();
  }

  /** Counts the current document for a term (once, however often it is called). */
  countDocument(stat: TermStat): void {
    if (stat.lastDocument === this.documentNumber) return;
    stat.lastDocument = this.documentNumber;
    stat.df += this.weight;
  }

  countCase(stat: TermStat, capital: boolean): void {
    if (capital) stat.capital += this.weight;
    else stat.lower += this.weight;
  }

  /** The decayed document frequency of a term. */
  docFreq(stat: TermStat): number {
    return stat.df / this.weight;
  }

  /** What stored counts are divided by when read (`docFreq` is `df / scale`), for loops that read many. */
  get scale(): number {
    return this.weight;
  }

  /** Inverse document frequency, smoothed: ln((1 + N) / (1 + df)) + 1. */
  idf(stat: TermStat): number {
    return Math.log((1 + this.docs / this.weight) / (1 + stat.df / this.weight)) + 1;
  }

  /** Whether a word is mostly written with a capital inside sentences (a name), on enough evidence. */
  isName(stat: TermStat | undefined): boolean {
    if (stat === undefined) return false;
    const seen = (stat.capital + stat.lower) / this.weight;
    return seen >= 0.9 && stat.capital >= 2 * stat.lower;
  }

  private prune(): void {
    this.sincePrune = 0;
    const w = this.weight;
    // Rescale so stored counts stay far from overflow and underflow.
    for (const stat of this.terms.values()) {
      if (!stat.live) continue;
      stat.df /= w;
      stat.capital /= w;
      stat.lower /= w;
    }
    this.docs /= w;
    this.weight = 1;
    let floor = 1;
    for (;;) {
      for (const stat of this.terms.values()) {
        if (stat.live && stat.df < floor && stat.capital + stat.lower < floor && (stat.stories === null || stat.stories.length === 0)) {
          this.liveTerms--;
          if (stat.refs === 0) {
            stat.live = false;
            this.free(stat);
          } else {
            stat.live = false;
            stat.df = 0;
            stat.capital = 0;
            stat.lower = 0;
            stat.lastDocument = -1;
            stat.stories = null;
          }
        }
      }
      if (this.liveTerms <= this.options.maxTerms * 0.8 || floor > 1e6) break;
      floor *= 2;
    }
  }
}
