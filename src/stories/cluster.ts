// Online story clustering: each new article joins the most similar active story or starts
// one. See docs/clustering.md for the algorithm, its parameters and measured figures.
import { entityFeatures, entitySpans, isDigit, isTitleCase, stemsApply, termOf, tokenize, urlTerms, type Token } from '../text/tokens.js';
import { TermCounts, TermTable, type TermStat } from './cluster-terms.js';
import { ArticleVector, Centroid, heaviest, IdSlots, indexArticle, releaseVectors, storeVectors, weightVector, type StoredVectors } from './cluster-vector.js';

export interface ClusterArticle {
  id: string;
  time: Date;
  title: string;
  text: string;
  source: string;
  url?: string | null;
  lang?: string | null;
}

export interface ClusterDecision {
  id: string;
  story: string;
  isNew: boolean;
  /** The combined similarity to the story joined, or to the best candidate when a story was started (0 when none). */
  similarity: number;
  /**
   * Set when this article showed two active stories to be one: the ids of the stories merged
   * into `story` (their earlier articles are now in `story` for later decisions and `storyOf`).
   */
  merged?: string[];
}

export interface ClusterOptions {
  /** A story stays active (can be joined) until this long after its latest article. */
  windowHours: number;
  /** Join the best story when its combined similarity reaches this; else start a story. */
  threshold: number;
  /**
   * Weights of the title, body (lead), entity and URL-slug similarities in the combination;
   * each part counts only when both the article and the story have it, and the weights of
   * the parts that count are renormalised to 1.
   */
  titleWeight: number;
  bodyWeight: number;
  entityWeight: number;
  urlWeight: number;
  /**
   * Time decay: similarity is multiplied by exp(-(gap / decayHours)²), the gap being the time
   * from the story's latest article to the new one. Flat for a few hours, then steep: the same
   * topic a week later is another story.
   */
  decayHours: number;
  /** Two active stories whose centroids grow this similar are merged (the smaller into the larger); 1 or more turns it off. */
  storyMergeThreshold: number;
  /**
   * An article that joins one story and resembles a young other one (at most `bridgeMaxSize`
   * articles) at least this much merges the two: the other is an early fragment of the same
   * event. 1 or more turns it off.
   */
  bridgeThreshold: number;
  bridgeMaxSize: number;
  /**
   * The entity weight when both the article and the story have a lead. In a headline alone the
   * names are a few of the title's own words (counting them again at full weight double-counts
   * them); from a lead they add the people, places and organisations the headline leaves out.
   */
  entityWeightWithBody: number;
  /** Weigh an article's terms by their rarity outside the candidate story (see `Centroid.storyCosine`) rather than overall. */
  storyIdf: boolean;
  /** Terms kept per story centroid (per part). */
  centroidTerms: number;
  /** A story is found through the inverted index by this many of its heaviest terms (per part). */
  indexTerms: number;
  /** Posting lists longer than this are not walked when looking for candidates (such terms are too common to find a story by). */
  maxPostings: number;
  /** An article's heaviest terms looked up in the inverted index. */
  queryTerms: number;
  /** Candidate stories scored exactly per article. */
  maxCandidates: number;
  /** Document frequencies halve over this many articles. */
  dfHalfLifeArticles: number;
  /** Hard cap on the vocabulary size. */
  maxVocabulary: number;
  /** Only the first this many characters of `text` are read (the lead carries the event). */
  maxTextChars: number;
}

export const DEFAULT_CLUSTER_OPTIONS: Readonly<ClusterOptions> = Object.freeze({
  windowHours: 72,
  threshold: 0.2,
  titleWeight: 1,
  bodyWeight: 1,
  entityWeight: 0.25,
  urlWeight: 0.5,
  decayHours: 48,
  storyMergeThreshold: 0.3,
  bridgeThreshold: 0.25,
  bridgeMaxSize: 4,
  entityWeightWithBody: 0.5,
  storyIdf: true,
  centroidTerms: 40,
  indexTerms: 6,
  maxPostings: 300,
  queryTerms: 10,
  maxCandidates: 5,
  dfHalfLifeArticles: 20_000,
  maxVocabulary: 400_000,
  maxTextChars: 2000,
});

const HOUR = 3_600_000;

/** The parts of an article compared separately, in this order everywhere. */
const TITLE = 0;
const BODY = 1;
const ENTITIES = 2;
const URL_SLUG = 3;
const PARTS = 4;
/** Key prefixes, so a word as an entity or in a URL has its own document frequency. */
const ENTITY_PREFIX = '@';
const URL_PREFIX = '/';

interface Story {
  id: string;
  size: number;
  lastTime: number;
  /** One centroid per part. */
  centroids: Centroid[];
  /** Terms under which it is in the inverted index. */
  indexed: TermStat[];
  /** Set when merged into another story. */
  mergedInto: Story | null;
  /** Ids of stories merged into this one, which name it while their articles may still be in the window. */
  aliases: { id: string; lastTime: number }[];
  removed: boolean;
  /** Touched by an editor (assign, merge): never merged automatically, so the editor's hand stays. */
  curated: boolean;
  /** Its number in the inverted index's posting lists (reused once the story is removed). */
  slot: number;
}

interface Features {
  /** One vector per part (the clusterer's, refilled for each article). */
  vectors: ArticleVector[];
  /** Hashes identifying exact copies: of the normalised title and of the lead. */
  fingerprints: number[];
}

/** Terms kept per article, per part: a headline's all, a lead's heaviest. */
const ARTICLE_TERMS = [20, 16, 10, 10];

interface ActiveArticle {
  id: string;
  time: number;
  story: Story;
  vectors: StoredVectors;
  fingerprints: number[];
}

/** A first-in first-out queue that does not copy on shift (and lets go of what it shifts). */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export class StoryClusterer {
  readonly options: Readonly<ClusterOptions>;
  private readonly weights: readonly number[];
  private readonly nextId: () => string;
  private readonly table: TermTable;
  private readonly stories = new Map<string, Story>();
  /** Ids of merged-away stories, to the story they were merged into. */
  private readonly aliases = new Map<string, Story>();
  private readonly articles = new Map<string, ActiveArticle>();
  private readonly fingerprints = new Map<number, string>();
  /** Articles and story updates in arrival order, for expiry. */
  private readonly articleQueue = new Queue<ActiveArticle>();
  private readonly storyQueue = new Queue<{ story: Story; lastTime: number }>();
  private now = -Infinity;

  constructor(options: Partial<ClusterOptions> = {}, nextStoryId?: () => string) {
    this.options = Object.freeze({ ...DEFAULT_CLUSTER_OPTIONS, ...options });
    const o = this.options;
    if (!(o.windowHours > 0)) throw new RangeError('windowHours must be positive');
    this.weights = [o.titleWeight, o.bodyWeight, o.entityWeight, o.urlWeight];
    let n = 0;
    this.nextId = nextStoryId ?? (() => `s${++n}`);
    this.table = new TermTable({ halfLifeArticles: o.dfHalfLifeArticles, maxTerms: o.maxVocabulary });
  }

  add(article: ClusterArticle): ClusterDecision {
    // The same article twice changes nothing.
    const known = this.articles.get(article.id);
    if (known !== undefined) return { id: article.id, story: this.resolveStory(known.story).id, isNew: false, similarity: 1 };
    const time = this.advance(article.time);
    const features = this.analyse(article);

    let target: Story | null = null;
    let similarity = 0;
    // Near-duplicates are never split: a copy joins its original's story.
    for (const fp of features.fingerprints) {
      const copy = this.fingerprints.get(fp);
      const story = copy === undefined ? null : this.currentStory(copy);
      if (story !== null) {
        target = story;
        similarity = 1;
        break;
      }
    }
    let bridge: Story | null = null;
    if (target === null) {
      const best = this.bestStory(features, time);
      similarity = best.similarity;
      if (best.story !== null && best.similarity >= this.options.threshold) target = best.story;
      if (target !== null && !target.curated) bridge = this.bridged(best.second, best.secondSim);
    }
    const isNew = target === null;
    const story = target ?? this.newStory();
    this.join(story, this.record(article.id, time, story, features));
    const merged = bridge !== null ? this.mergePair(story, bridge) : isNew ? null : this.mergeSimilar(story);
    if (merged === null) return { id: article.id, story: story.id, isNew, similarity };
    return { id: article.id, story: merged.into.id, isNew, similarity, merged: [merged.from.id] };
  }

  /**
   * Learns an article whose story is already decided (reloading the active window from the
   * store after a restart, or a copy placed with its original): it joins `storyId`, which is
   * started under that id when it is not active.
   */
  restore(article: ClusterArticle, storyId: string): ClusterDecision {
    const time = this.advance(article.time);
    const features = this.analyse(article);
    // An article held already leaves its story first: when it was that story's only article,
    // the story ends here and is started again below (resolved before, it would be joined
    // after its slot was freed, and indexed under a slot no story holds).
    const old = this.articles.get(article.id);
    if (old !== undefined) this.detach(old);
    const found = this.resolve(storyId);
    const story = found ?? this.newStory(storyId);
    if (found !== null) this.indexFeatures(features);
    const similarity = found === null ? 0 : this.similarity(features, story, time);
    this.join(story, this.record(article.id, time, story, features));
    return { id: article.id, story: story.id, isNew: found === null, similarity };
  }

  /**
   * An article that has left the window changes nothing here (its story is the store's
   * business): the story id is returned, a new one for `null`. A story id that is not active
   * starts a story under that id.
   */
  assign(articleId: string, storyId: string | null): string {
    const record = this.articles.get(articleId);
    if (record === undefined) return storyId === null ? this.nextId() : (this.resolve(storyId)?.id ?? storyId);
    const target = storyId === null ? this.newStory() : (this.resolve(storyId) ?? this.newStory(storyId));
    target.curated = true;
    if (this.resolveStory(record.story) === target) return target.id;
    this.resolveStory(record.story).curated = true;
    this.detach(record);
    record.story = target;
    this.addVectors(target, record.vectors, 1);
    target.size++;
    this.touch(target, Math.max(target.lastTime, record.time));
    this.reindex(target);
    return target.id;
  }

  /**
   * When `from` is no longer active there is nothing to redirect; when only `into` has left
   * the window, `from` goes on under the id `into`.
   */
  merge(from: string, into: string): void {
    const a = this.resolve(from);
    if (a === null) return;
    const b = this.resolve(into);
    if (b === a) return;
    if (b === null) {
      this.stories.delete(a.id);
      this.aliases.set(a.id, a);
      a.aliases.push({ id: a.id, lastTime: a.lastTime });
      a.id = into;
      this.stories.set(into, a);
      a.curated = true;
      return;
    }
    this.absorb(a, b);
    b.curated = true;
  }

  /** Story `a` becomes part of story `b`. */
  private absorb(a: Story, b: Story): void {
    const cap = this.options.centroidTerms;
    for (let p = 0; p < PARTS; p++) b.centroids[p]!.addCentroid(a.centroids[p]!, cap);
    b.size += a.size;
    this.removeStory(a);
    a.mergedInto = b;
    // Aliases last as long as the articles filed under them can be in the window.
    const horizon = this.now - this.options.windowHours * HOUR;
    const kept: Story['aliases'] = [];
    for (const alias of b.aliases) {
      if (alias.lastTime >= horizon) kept.push(alias);
      else if (this.aliases.get(alias.id) === b) this.aliases.delete(alias.id);
    }
    for (const alias of [{ id: a.id, lastTime: a.lastTime }, ...a.aliases]) {
      this.aliases.set(alias.id, b);
      kept.push(alias);
    }
    b.aliases = kept;
    a.aliases = [];
    this.touch(b, Math.max(a.lastTime, b.lastTime));
    this.reindex(b);
  }

  storyOf(articleId: string): string | null {
    const record = this.articles.get(articleId);
    return record === undefined ? null : this.resolveStory(record.story).id;
  }

  stats(): { activeStories: number; activeArticles: number; vocabulary: number } {
    return { activeStories: this.stories.size, activeArticles: this.articles.size, vocabulary: this.table.size };
  }

  // Features ------------------------------------------------------------------------------------

  private analyse(article: ClusterArticle): Features {
    const english = stemsApply(article.lang);
    const table = this.table;
    table.nextDocument();
    const titleTokens = tokenize(article.title);
    const text = article.text.length > this.options.maxTextChars ? article.text.slice(0, this.options.maxTextChars) : article.text;
    const bodyTokens = text ? tokenize(text) : [];

    const parts = this.partCounts;
    for (const part of parts) part.reset();
    this.countTerms(titleTokens, english, parts[TITLE]!);
    this.countTerms(bodyTokens, english, parts[BODY]!);
    const isName = (term: string): boolean => table.isName(table.get(term));
    for (const tokens of [titleTokens, bodyTokens]) {
      for (const f of entityFeatures(entitySpans(tokens, isName, english))) parts[ENTITIES]!.add(this.prefixedStat(ENTITIES, ENTITY_PREFIX, f));
    }
    for (const t of urlTerms(article.url, english)) parts[URL_SLUG]!.add(this.prefixedStat(URL_SLUG, URL_PREFIX, t));
    for (const part of parts) for (const stat of part.stats) table.countDocument(stat);
    const vectors = this.partVectors;
    for (let p = 0; p < PARTS; p++) weightVector(parts[p]!, this.idf, ARTICLE_TERMS[p]!, vectors[p]!);

    const fingerprints: number[] = [];
    if (parts[TITLE]!.size >= 4) fingerprints.push(hashWords('t', titleTokens, titleTokens.length));
    if (bodyTokens.length >= 15) fingerprints.push(hashWords('b', bodyTokens, 40));
    return { vectors, fingerprints };
  }

  /**
   * A text's terms with their counts. On the way, how each word is written inside sentence-case
   * text is counted: that tells names from other words in title-case headlines.
   */
  private countTerms(tokens: readonly Token[], english: boolean, counts: TermCounts): void {
    if (tokens.length === 0) return;
    const observe = !isTitleCase(tokens);
    for (const t of tokens) {
      const stat = this.termStat(t.lower, english);
      if (stat === null) continue;
      counts.add(stat);
      if (observe && !t.sentenceStart && !t.acronym && !isDigit(stat.key.charCodeAt(0))) this.table.countCase(stat, t.capitalised);
    }
  }

  /** Per part, the article's term counts and vector: refilled for each article. */
  private readonly partCounts = Array.from({ length: PARTS }, () => new TermCounts());
  private readonly partVectors = ARTICLE_TERMS.map((n) => new ArticleVector(n));

  /**
   * Stemming and the term-table lookup are the costliest steps per word, and the news repeats
   * its words, so each word's term entry (null for a stop word) is remembered per language flag,
   * up to `maxVocabulary` words before starting afresh. An entry the table has since pruned is
   * looked up again (a new one, as an uncached lookup would get).
   */
  private readonly wordTerms = [new Map<string, TermStat | null>(), new Map<string, TermStat | null>()];
  /** The same for entity features and URL words, by the word without its prefix (no string is built per lookup). */
  private readonly prefixedTerms = [new Map<string, TermStat>(), new Map<string, TermStat>(), new Map<string, TermStat>(), new Map<string, TermStat>()];

  private termStat(lower: string, english: boolean): TermStat | null {
    const cache = this.wordTerms[english ? 1 : 0]!;
    let stat = cache.get(lower);
    if (stat === undefined) {
      const term = termOf(lower, english);
      stat = term === null ? null : this.table.intern(term);
      this.remember(cache, lower, stat);
    } else if (stat !== null && !stat.live) {
      stat = this.table.intern(stat.key);
      cache.set(lower, stat);
    }
    return stat;
  }

  private prefixedStat(part: number, prefix: string, word: string): TermStat {
    const cache = this.prefixedTerms[part]!;
    let stat = cache.get(word);
    if (stat === undefined || !stat.live) {
      stat = this.table.intern(stat === undefined ? prefix + word : stat.key);
      this.remember(cache, word, stat);
    }
    return stat;
  }

  private remember<V>(cache: Map<string, V>, word: string, value: V): void {
    if (cache.size >= this.options.maxVocabulary) cache.clear();
    cache.set(word, value);
  }

  // Similarity ----------------------------------------------------------------------------------

  private decay(gapMs: number): number {
    const x = Math.abs(gapMs) / HOUR / this.options.decayHours;
    return Math.exp(-x * x);
  }

  private readonly idf = (t: TermStat): number => this.table.idf(t);

  private partWeight(part: number, withBody: boolean): number {
    return part === ENTITIES && withBody ? this.options.entityWeightWithBody : this.weights[part]!;
  }

  /** Each part's term id → position in the article being decided (see `indexFeatures`). */
  private readonly positions: IdSlots[] = Array.from({ length: PARTS }, () => new IdSlots());

  /** Makes `f` the article that `similarity` compares stories with. */
  private indexFeatures(f: Features): void {
    for (let p = 0; p < PARTS; p++) indexArticle(f.vectors[p]!, this.positions[p]!, this.table.idLimit);
  }

  /** Article (the one last given to `indexFeatures`) to story: the weighted mean of the parts' cosines, times the time decay. */
  private similarity(f: Features, story: Story, time: number): number {
    const storyIdf = this.options.storyIdf;
    const documents = this.table.documents;
    let sum = 0;
    let weight = 0;
    const withBody = f.vectors[BODY]!.length > 0 && !story.centroids[BODY]!.empty;
    for (let p = 0; p < PARTS; p++) {
      const v = f.vectors[p]!;
      const c = story.centroids[p]!;
      const w = this.partWeight(p, withBody);
      if (w <= 0 || v.length === 0 || c.empty) continue;
      const positions = this.positions[p]!;
      sum += w * (storyIdf ? c.storyCosine(v, positions, this.table.scale, documents) : c.cosine(v, positions));
      weight += w;
    }
    return weight === 0 ? 0 : (sum / weight) * this.decay(time - story.lastTime);
  }

  /** Story to story, the same way. */
  private storySimilarity(a: Story, b: Story): number {
    let sum = 0;
    let weight = 0;
    const withBody = !a.centroids[BODY]!.empty && !b.centroids[BODY]!.empty;
    for (let p = 0; p < PARTS; p++) {
      const ca = a.centroids[p]!;
      const cb = b.centroids[p]!;
      const w = this.partWeight(p, withBody);
      if (w <= 0 || ca.empty || cb.empty) continue;
      sum += w * ca.cosineWith(cb);
      weight += w;
    }
    return weight === 0 ? 0 : (sum / weight) * this.decay(a.lastTime - b.lastTime);
  }

  /** Voting state, reused from article to article (no allocation per article). */
  private round = 0;
  /** Slots of the stories voted for, and per slot its tally and the round the tally is from. */
  private readonly touched: number[] = [];
  private votes = new Float64Array(1024);
  private voteRounds = new Int32Array(1024);
  /** Active (indexed) stories by slot, and the free slots. */
  private readonly storyBySlot: (Story | null)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly queryStats: TermStat[] = [];
  private readonly queryWeights: number[] = [];
  private readonly queryOrder: number[] = [];

  /** Adds `w` to a story's tally in this round (the first vote of the round starts it, and lists the story in `touched`). */
  private vote(slot: number, w: number, round: number): void {
    if (this.voteRounds[slot] !== round) {
      this.voteRounds[slot] = round;
      this.votes[slot] = 0;
      this.touched.push(slot);
    }
    this.votes[slot]! += w;
  }

  /**
   * Candidates from the inverted index: the stories indexed under the article's heaviest terms,
   * ranked by the summed weights of those terms; the best few are scored exactly.
   */
  private bestStory(f: Features, time: number): { story: Story | null; similarity: number; second: Story | null; secondSim: number } {
    const o = this.options;
    const stats = this.queryStats;
    const weights = this.queryWeights;
    stats.length = 0;
    weights.length = 0;
    for (let p = 0; p < PARTS; p++) {
      const v = f.vectors[p]!;
      const w = this.weights[p]!;
      if (w <= 0) continue;
      for (let i = 0; i < v.length; i++) {
        const stories = v.terms[i]!.stories;
        if (stories === null || stories.length > o.maxPostings) continue;
        stats.push(v.terms[i]!);
        weights.push(v.weights[i]! * w);
      }
    }
    const queried = stats.length > o.queryTerms ? heaviest(weights, o.queryTerms, this.queryOrder) : null;
    const round = ++this.round;
    const touched = this.touched;
    touched.length = 0;
    const terms = queried === null ? stats.length : queried.length;
    for (let q = 0; q < terms; q++) {
      const i = queried === null ? q : queried[q]!;
      const w = weights[i]!;
      const stories = stats[i]!.stories!;
      for (let k = 0; k < stories.length; k++) this.vote(stories[k]!, w, round);
    }
    // The best few by vote, in one pass (the voters can be thousands; a sort would dominate).
    if (touched.length > o.maxCandidates) keepTopVoted(touched, this.votes, o.maxCandidates);
    let best: Story | null = null;
    let bestSim = 0;
    let second: Story | null = null;
    let secondSim = 0;
    if (touched.length > 0) this.indexFeatures(f);
    for (const slot of touched) {
      const s = this.storyBySlot[slot]!;
      const sim = this.similarity(f, s, time);
      if (sim > bestSim) {
        second = best;
        secondSim = bestSim;
        bestSim = sim;
        best = s;
      } else if (sim > secondSim) {
        second = s;
        secondSim = sim;
      }
    }
    touched.length = 0;
    return { story: best, similarity: bestSim, second, secondSim };
  }

  /**
   * Fragments of one story that have grown alike become one: after a story gains an article,
   * the most similar other active story within `storyMergeThreshold` is merged with it (the
   * smaller into the larger). Checked when the story doubles in size, then every 32 articles,
   * against the few stories that share most of its index terms. Returns what was merged.
   */
  private mergeSimilar(story: Story): { from: Story; into: Story } | null {
    const o = this.options;
    if (o.storyMergeThreshold >= 1 || story.curated || !mergeCheckpoint(story.size)) return null;
    const round = ++this.round;
    const touched = this.touched;
    touched.length = 0;
    for (const stat of story.indexed) {
      const stories = stat.stories;
      if (!stories || stories.length > o.maxPostings) continue;
      for (const slot of stories) {
        const s = this.storyBySlot[slot]!;
        if (s !== story && !s.curated) this.vote(slot, 1, round);
      }
    }
    // The best few by votes (ties: the first voted for); all of them, in voting order, when few.
    const k = Math.ceil(o.maxCandidates / 2);
    if (touched.length > k) keepTopVoted(touched, this.votes, k);
    let best: Story | null = null;
    let bestSim = o.storyMergeThreshold;
    for (const slot of touched) {
      const s = this.storyBySlot[slot]!;
      const sim = this.storySimilarity(story, s);
      if (sim >= bestSim) {
        bestSim = sim;
        best = s;
      }
    }
    return best === null ? null : this.mergePair(story, best);
  }

  /**
   * The runner-up of an article's decision, when the article shows it to be a fragment of the
   * story it joined: a young story (at most `bridgeMaxSize` articles) that the article also
   * resembles at `bridgeThreshold` or more. One article close to two stories is evidence they
   * report one event, and it is strongest while a fragment is small, before its own vocabulary
   * has settled; a large runner-up is left alone (merging those chains unrelated stories).
   */
  private bridged(second: Story | null, similarity: number): Story | null {
    const o = this.options;
    if (second === null || second.curated || second.size > o.bridgeMaxSize || similarity < o.bridgeThreshold) return null;
    return second;
  }

  /** Merges the smaller of two stories into the larger (`story` wins a tie). */
  private mergePair(story: Story, other: Story): { from: Story; into: Story } {
    const [from, into] = story.size <= other.size ? [story, other] : [other, story];
    this.absorb(from, into);
    return { from, into };
  }

  // Bookkeeping ---------------------------------------------------------------------------------

  /** Moves the clock to an article's time (never back) and lets the window pass. */
  private advance(date: Date): number {
    const time = date.getTime();
    if (Number.isNaN(time)) throw new RangeError('article time is not a valid date');
    if (time > this.now) {
      this.now = time;
      this.expire();
    }
    return time;
  }

  private newStory(id: string = this.nextId()): Story {
    const story: Story = {
      id,
      size: 0,
      lastTime: -Infinity,
      centroids: Array.from({ length: PARTS }, () => new Centroid(this.table)),
      indexed: [],
      mergedInto: null,
      aliases: [],
      removed: false,
      curated: false,
      slot: this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.storyBySlot.length,
    };
    this.storyBySlot[story.slot] = story;
    if (story.slot >= this.votes.length) {
      const votes = new Float64Array(2 * this.votes.length);
      const rounds = new Int32Array(2 * this.voteRounds.length);
      votes.set(this.votes);
      rounds.set(this.voteRounds);
      this.votes = votes;
      this.voteRounds = rounds;
    }
    this.stories.set(story.id, story);
    return story;
  }

  private join(story: Story, record: ActiveArticle): void {
    this.addVectors(story, record.vectors, 1);
    story.size++;
    this.touch(story, Math.max(story.lastTime, record.time));
    this.articles.set(record.id, record);
    this.articleQueue.push(record);
    for (const fp of record.fingerprints) this.fingerprints.set(fp, record.id);
    if (checkpoint(story.size)) this.reindex(story);
  }

  /** Takes an article's vectors out of its story (which ends when it was the last). */
  private detach(record: ActiveArticle): void {
    const from = this.resolveStory(record.story);
    if (from.removed) return;
    this.addVectors(from, record.vectors, -1);
    from.size--;
    if (from.size <= 0) this.removeStory(from);
    else this.reindex(from);
  }

  private record(id: string, time: number, story: Story, f: Features): ActiveArticle {
    return { id, time, story, vectors: storeVectors(f.vectors, this.table), fingerprints: f.fingerprints };
  }

  private addVectors(story: Story, v: StoredVectors, sign: 1 | -1): void {
    const cap = this.options.centroidTerms;
    for (let p = 0; p < PARTS; p++) story.centroids[p]!.add(v.ids, v.weights, p === 0 ? 0 : v.ends[p - 1]!, v.ends[p]!, sign, cap);
  }

  private touch(story: Story, lastTime: number): void {
    story.lastTime = lastTime;
    this.storyQueue.push({ story, lastTime });
  }

  private reindex(story: Story): void {
    const n = this.options.indexTerms;
    const next: TermStat[] = [];
    for (let p = 0; p < PARTS; p++) {
      if (this.weights[p]! <= 0) continue;
      for (const id of story.centroids[p]!.top(n)) {
        const stat = this.table.internId(id);
        if (!next.includes(stat)) next.push(stat);
      }
    }
    const old = story.indexed;
    for (const stat of old) if (!next.includes(stat)) unindex(stat, story.slot);
    for (const stat of next) if (!old.includes(stat)) (stat.stories ??= []).push(story.slot);
    story.indexed = next;
  }

  private removeStory(story: Story): void {
    for (const stat of story.indexed) unindex(stat, story.slot);
    story.indexed = [];
    if (!story.removed) {
      this.storyBySlot[story.slot] = null;
      this.freeSlots.push(story.slot);
    }
    // Its articles resolve to the story it was merged into, if any; its own vectors are no longer needed.
    for (const c of story.centroids) c.clear();
    story.removed = true;
    this.stories.delete(story.id);
    for (const alias of story.aliases) if (this.aliases.get(alias.id) === story) this.aliases.delete(alias.id);
  }

  private resolveStory(story: Story): Story {
    let s = story;
    while (s.mergedInto !== null) s = s.mergedInto;
    return s;
  }

  /** The active story with this id, following merges. */
  private resolve(id: string): Story | null {
    const s = this.stories.get(id) ?? this.aliases.get(id);
    if (s === undefined) return null;
    const r = this.resolveStory(s);
    return r.removed ? null : r;
  }

  private currentStory(articleId: string): Story | null {
    const record = this.articles.get(articleId);
    if (record === undefined) return null;
    const s = this.resolveStory(record.story);
    return s.removed ? null : s;
  }

  /** Articles and stories older than the window leave it, with everything they hold. */
  private expire(): void {
    const horizon = this.now - this.options.windowHours * HOUR;
    for (let a = this.articleQueue.peek(); a !== undefined && a.time < horizon; a = this.articleQueue.peek()) {
      this.articleQueue.shift();
      releaseVectors(a.vectors, this.table);
      if (this.articles.get(a.id) === a) this.articles.delete(a.id);
      for (const fp of a.fingerprints) if (this.fingerprints.get(fp) === a.id) this.fingerprints.delete(fp);
    }
    for (let e = this.storyQueue.peek(); e !== undefined && e.lastTime < horizon; e = this.storyQueue.peek()) {
      this.storyQueue.shift();
      if (!e.story.removed && e.story.lastTime === e.lastTime) this.removeStory(e.story);
    }
  }
}

/** Takes a story out of a term's posting list, keeping the others' order (the lists walked are short). */
function unindex(stat: TermStat, slot: number): void {
  const stories = stat.stories;
  if (stories === null) return;
  const i = stories.indexOf(slot);
  if (i >= 0) stories.splice(i, 1);
  if (stories.length === 0) stat.stories = null;
}

/**
 * A 53-bit hash (two FNV-1a variants) of a text's first `n` words, lower-cased, after a tag:
 * collisions are negligible among the window's articles.
 */
function hashWords(tag: string, tokens: readonly Token[], n: number): number {
  // The mixing step is written out (no closure): this runs for every article.
  let c = tag.charCodeAt(0);
  let h1 = Math.imul(0x811c9dc5 ^ c, 0x01000193);
  let h2 = Math.imul(0x01000193 ^ c, 0x5bd1e995);
  h2 ^= h2 >>> 15;
  for (let t = 0; t < n && t < tokens.length; t++) {
    const w = tokens[t]!.lower;
    for (let i = 0; i <= w.length; i++) {
      c = i < w.length ? w.charCodeAt(i) : 32;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  return (h1 >>> 0) + (h2 & 0x1fffff) * 0x100000000;
}

/**
 * When a story's index terms are renewed and merges looked for: at sizes 1, 2, 3, 4, 6, 8, 12,
 * 16, 24, … (while the centroid still changes much) and then every 32 articles.
 */
function checkpoint(size: number): boolean {
  if (size <= 4) return true;
  if (size % 32 === 0) return true;
  const p = 2 ** Math.floor(Math.log2(size));
  return size === p || size === p + p / 2;
}

/** When merges are looked for: at sizes 2, 4, 8, 16, … and then every 32 articles. */
function mergeCheckpoint(size: number): boolean {
  return size % 32 === 0 || (size & (size - 1)) === 0;
}

/** Keeps in `stories` the `k` with the most votes, best first, in one pass (insertion into a k-slot list). */
function keepTopVoted(stories: number[], votes: Float64Array, k: number): void {
  let kept = 0;
  for (let i = 0; i < stories.length; i++) {
    const s = stories[i]!;
    if (kept === k && votes[s]! <= votes[stories[k - 1]!]!) continue;
    let j = kept < k ? kept++ : k - 1;
    while (j > 0 && votes[stories[j - 1]!]! < votes[s]!) {
      stories[j] = stories[j - 1]!;
      j--;
    }
    stories[j] = s;
  }
  stories.length = kept;
}

