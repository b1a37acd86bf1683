// Online story clustering: each new article joins the most similar active story or starts
// one. See docs/clustering.md for the algorithm, its parameters and measured figures.
import { entityFeatures, entitySpans, isContentWord, isTitleCase, stem, stemsApply, termOf, tokenize, type Token } from '../text/tokens.js';
import { TermTable, type TermStat } from './cluster-terms.js';
import { Centroid, EMPTY_VECTOR, weightVector, type ArticleVector } from './cluster-vector.js';

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
}

export interface ClusterOptions {
  /** A story stays active (can be joined) until this long after its latest article. */
  windowHours: number;
  /** Join the best story when its combined similarity reaches this; else start a story. */
  threshold: number;
  /** Weights of the title, body and entity similarities in the combination (renormalised over the parts both sides have). */
  titleWeight: number;
  bodyWeight: number;
  entityWeight: number;
  /** The similarity to a story halves for every this many hours since its latest article. */
  decayHalfLifeHours: number;
  /** Terms kept per story centroid (per part). */
  centroidTerms: number;
  /** A story is found through the inverted index by this many of its heaviest terms. */
  indexTerms: number;
  /** Posting lists longer than this are not walked when looking for candidates (such terms are too common to find a story by). */
  maxPostings: number;
  /** Two active stories whose centroids are this similar are merged (the smaller into the larger); 1 turns it off. */
  storyMergeThreshold: number;
  scoring: 'cosine' | 'association';
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
  entityWeight: 1,
  decayHalfLifeHours: 24,
  centroidTerms: 80,
  indexTerms: 12,
  maxPostings: 1000,
  maxCandidates: 40,
  scoring: 'association',
  storyMergeThreshold: 0.5,
  dfHalfLifeArticles: 20_000,
  maxVocabulary: 400_000,
  maxTextChars: 2000,
});

const HOUR = 3_600_000;

interface Story {
  id: string;
  size: number;
  lastTime: number;
  title: Centroid;
  body: Centroid;
  entities: Centroid;
  /** How many members have each term (capped like the centroids). */
  titleDocs: Centroid;
  bodyDocs: Centroid;
  entityDocs: Centroid;
  /** Terms under which it is in the inverted index. */
  indexed: TermStat[];
  /** Set when merged into another story. */
  mergedInto: Story | null;
  /** Ids of stories merged into this one, which name it while it is active. */
  aliases: string[];
  removed: boolean;
}

interface Features {
  title: ArticleVector;
  body: ArticleVector;
  entities: ArticleVector;
  /** Keys identifying exact copies: the normalised title and the lead. */
  fingerprints: string[];
}

interface ActiveArticle {
  id: string;
  time: number;
  story: Story;
  features: Features;
}

/** A first-in first-out queue that does not copy on shift. */
class Queue<T> {
  private items: T[] = [];
  private head = 0;
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

const ENTITY_PREFIX = '@';

export class StoryClusterer {
  readonly options: Readonly<ClusterOptions>;
  private readonly nextId: () => string;
  private readonly table: TermTable;
  private readonly stories = new Map<string, Story>();
  /** Ids of merged-away stories, to the story they were merged into. */
  private readonly aliases = new Map<string, Story>();
  private readonly articles = new Map<string, ActiveArticle>();
  private readonly fingerprints = new Map<string, string>();
  /** Articles and story updates in arrival order, for expiry. */
  private readonly articleQueue = new Queue<ActiveArticle>();
  private readonly storyQueue = new Queue<{ story: Story; lastTime: number }>();
  private now = -Infinity;

  constructor(options: Partial<ClusterOptions> = {}, nextStoryId?: () => string) {
    this.options = Object.freeze({ ...DEFAULT_CLUSTER_OPTIONS, ...options });
    let n = 0;
    this.nextId = nextStoryId ?? (() => `s${++n}`);
    this.table = new TermTable({ halfLifeArticles: this.options.dfHalfLifeArticles, maxTerms: this.options.maxVocabulary });
  }

  add(article: ClusterArticle): ClusterDecision {
    const time = article.time.getTime();
    if (time > this.now) this.now = time;
    this.expire();
    const features = this.analyse(article);

    let target: Story | null = null;
    let similarity = 0;
    for (const fp of features.fingerprints) {
      const copy = this.fingerprints.get(fp);
      const story = copy === undefined ? null : this.currentStory(copy);
      if (story !== null) {
        target = story;
        similarity = 1;
        break;
      }
    }
    if (target === null) {
      const best = this.bestStory(features, time);
      similarity = best.similarity;
      if (best.story !== null && best.similarity >= this.options.threshold) target = best.story;
    }
    const isNew = target === null;
    let story = target ?? this.newStory();
    this.join(story, { id: article.id, time, story, features });
    if (!isNew) story = this.mergeSimilar(story);
    return { id: article.id, story: story.id, isNew, similarity };
  }

  /**
   * Learns an article whose story is already decided (reloading the active window from the
   * store after a restart, or a copy placed with its original): it joins `storyId`, which is
   * started under that id when it is not active.
   */
  restore(article: ClusterArticle, storyId: string): ClusterDecision {
    const time = article.time.getTime();
    if (time > this.now) this.now = time;
    this.expire();
    const features = this.analyse(article);
    const found = this.resolve(storyId);
    const story = found ?? this.newStory(storyId);
    const similarity = found === null ? 0 : this.similarity(features, story, time);
    const old = this.articles.get(article.id);
    if (old !== undefined) this.detach(old);
    this.join(story, { id: article.id, time, story, features });
    return { id: article.id, story: story.id, isNew: found === null, similarity };
  }

  assign(articleId: string, storyId: string | null): string {
    const record = this.articles.get(articleId);
    if (record === undefined) throw new Error(`assign: article ${articleId} is not in the active window`);
    let target: Story;
    if (storyId === null) {
      target = this.newStory();
    } else {
      const found = this.resolve(storyId);
      if (found === null) throw new Error(`assign: story ${storyId} is not active`);
      target = found;
    }
    if (this.resolveStory(record.story) === target) return target.id;
    this.detach(record);
    record.story = target;
    this.addVectors(target, record.features, 1);
    target.size++;
    this.touch(target, Math.max(target.lastTime, record.time));
    this.reindex(target);
    return target.id;
  }

  merge(from: string, into: string): void {
    const a = this.resolve(from);
    const b = this.resolve(into);
    if (a === null) throw new Error(`merge: story ${from} is not active`);
    if (b === null) throw new Error(`merge: story ${into} is not active`);
    if (a === b) return;
    const cap = this.options.centroidTerms;
    b.title.addCentroid(a.title, cap);
    b.body.addCentroid(a.body, cap);
    b.entities.addCentroid(a.entities, cap);
    b.titleDocs.addCentroid(a.titleDocs, cap);
    b.bodyDocs.addCentroid(a.bodyDocs, cap);
    b.entityDocs.addCentroid(a.entityDocs, cap);
    b.size += a.size;
    this.removeStory(a);
    a.mergedInto = b;
    for (const id of [a.id, ...a.aliases]) {
      this.aliases.set(id, b);
      b.aliases.push(id);
    }
    a.aliases = [];
    this.touch(b, Math.max(a.lastTime, b.lastTime));
    this.reindex(b);
  }

  /**
   * Two stories that have grown alike are one: merges into the larger the most similar active
   * story whose centroid is within `storyMergeThreshold`. Returns the surviving story.
   */
  private mergeSimilar(story: Story): Story {
    const o = this.options;
    if (o.storyMergeThreshold >= 1) return story;
    const votes = new Map<Story, number>();
    for (const stat of story.indexed) {
      const stories = stat.stories as Set<Story> | null;
      if (!stories || stories.size > o.maxPostings) continue;
      for (const s of stories) if (s !== story) votes.set(s, (votes.get(s) ?? 0) + 1);
    }
    let best: Story | null = null;
    let bestSim = o.storyMergeThreshold;
    const candidates = [...votes].sort((a, b) => b[1] - a[1]).slice(0, o.maxCandidates);
    for (const [s] of candidates) {
      const sim = this.storySimilarity(story, s);
      if (sim >= bestSim) {
        bestSim = sim;
        best = s;
      }
    }
    if (best === null) return story;
    const [small, large] = story.size <= best.size ? [story, best] : [best, story];
    this.merge(small.id, large.id);
    return large;
  }

  private storySimilarity(a: Story, b: Story): number {
    const o = this.options;
    let sum = o.titleWeight * a.title.cosineWith(b.title);
    let weight = o.titleWeight;
    if (!a.body.empty && !b.body.empty) {
      sum += o.bodyWeight * a.body.cosineWith(b.body);
      weight += o.bodyWeight;
    }
    if (!a.entities.empty && !b.entities.empty) {
      sum += o.entityWeight * a.entities.cosineWith(b.entities);
      weight += o.entityWeight;
    }
    const hours = Math.abs(a.lastTime - b.lastTime) / HOUR;
    return (sum / weight) * Math.pow(0.5, hours / o.decayHalfLifeHours);
  }

  storyOf(articleId: string): string | null {
    const record = this.articles.get(articleId);
    return record === undefined ? null : this.resolveStory(record.story).id;
  }

  stats(): { activeStories: number; activeArticles: number; vocabulary: number } {
    return { activeStories: this.stories.size, activeArticles: this.articles.size, vocabulary: this.table.size };
  }

  // -------------------------------------------------------------------------------------------

  private analyse(article: ClusterArticle): Features {
    const english = stemsApply(article.lang);
    const table = this.table;
    table.nextDocument();
    const titleTokens = tokenize(article.title);
    const text = article.text.length > this.options.maxTextChars ? article.text.slice(0, this.options.maxTextChars) : article.text;
    const bodyTokens = text ? tokenize(text) : [];

    // How words are written inside sentence-case text tells names from other words.
    const titleCase = isTitleCase(titleTokens);
    if (!titleCase) this.observeCase(titleTokens, english);
    if (bodyTokens.length > 0 && !isTitleCase(bodyTokens)) this.observeCase(bodyTokens, english);

    const titleCounts = countTerms(titleTokens, english);
    const bodyCounts = countTerms(bodyTokens, english);
    const isName = (term: string): boolean => table.isName(table.get(term));
    const entityCounts = new Map<string, number>();
    for (const tokens of [titleTokens, bodyTokens]) {
      for (const f of entityFeatures(entitySpans(tokens, isName, english))) {
        const key = ENTITY_PREFIX + f;
        entityCounts.set(key, (entityCounts.get(key) ?? 0) + 1);
      }
    }

    const seen = new Set<string>();
    for (const counts of [titleCounts, bodyCounts, entityCounts]) {
      for (const key of counts.keys()) {
        if (seen.has(key)) continue;
        seen.add(key);
        table.countDocument(table.intern(key));
      }
    }
    const idf = (key: string): number => table.idf(table.intern(key));
    const fingerprints: string[] = [];
    const titleTerms = [...titleCounts.keys()];
    if (titleTerms.length >= 4) fingerprints.push(`t:${titleTokens.map((t) => t.lower).join(' ')}`);
    if (bodyTokens.length >= 15) fingerprints.push(`b:${bodyTokens.slice(0, 40).map((t) => t.lower).join(' ')}`);
    return {
      title: weightVector(internKeys(titleCounts, table), idf),
      body: bodyCounts.size ? weightVector(internKeys(bodyCounts, table), idf) : EMPTY_VECTOR,
      entities: entityCounts.size ? weightVector(internKeys(entityCounts, table), idf) : EMPTY_VECTOR,
      fingerprints,
    };
  }

  private observeCase(tokens: readonly Token[], english: boolean): void {
    for (const t of tokens) {
      if (t.sentenceStart || t.acronym || !isContentWord(t.lower) || /^\d/.test(t.lower)) continue;
      this.table.countCase(this.table.intern(english ? stem(t.lower) : t.lower), t.capitalised);
    }
  }

  /**
   * How strongly an article's terms point to a story: the share of the recent documents with
   * each term that are in the story, averaged over the article's terms weighted by TF-IDF.
   */
  private association(v: ArticleVector, docs: Centroid): number {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < v.keys.length; i++) {
      const w = v.weights[i]!;
      total += w;
      const n = docs.weights.get(v.keys[i]!);
      if (n === undefined) continue;
      const stat = this.table.get(v.keys[i]!);
      const df = stat === undefined ? 1 : Math.max(1, this.table.docFreq(stat));
      sum += w * Math.min(1, n / df);
    }
    return total > 0 ? sum / total : 0;
  }

  private channel(v: ArticleVector, centroid: Centroid, docs: Centroid): number {
    return this.options.scoring === 'cosine' ? centroid.cosine(v) : this.association(v, docs);
  }

  private similarity(f: Features, story: Story, time: number): number {
    const o = this.options;
    let sum = o.titleWeight * this.channel(f.title, story.title, story.titleDocs);
    let weight = o.titleWeight;
    if (f.body.keys.length > 0 && !story.body.empty) {
      sum += o.bodyWeight * this.channel(f.body, story.body, story.bodyDocs);
      weight += o.bodyWeight;
    }
    if (f.entities.keys.length > 0 && !story.entities.empty) {
      sum += o.entityWeight * this.channel(f.entities, story.entities, story.entityDocs);
      weight += o.entityWeight;
    }
    const hours = Math.max(0, time - story.lastTime) / HOUR;
    return (sum / weight) * Math.pow(0.5, hours / o.decayHalfLifeHours);
  }

  private bestStory(f: Features, time: number): { story: Story | null; similarity: number } {
    const o = this.options;
    const votes = new Map<Story, number>();
    const vote = (v: ArticleVector, scale: number): void => {
      for (let i = 0; i < v.keys.length; i++) {
        const stories = this.table.get(v.keys[i]!)?.stories as Set<Story> | null | undefined;
        if (!stories || stories.size > o.maxPostings) continue;
        const w = v.weights[i]! * scale;
        for (const s of stories) votes.set(s, (votes.get(s) ?? 0) + w);
      }
    };
    vote(f.title, o.titleWeight);
    vote(f.body, o.bodyWeight);
    vote(f.entities, o.entityWeight);
    let candidates: Iterable<Story> = votes.keys();
    if (votes.size > o.maxCandidates) {
      candidates = [...votes].sort((a, b) => b[1] - a[1]).slice(0, o.maxCandidates).map((e) => e[0]);
    }
    let best: Story | null = null;
    let bestSim = 0;
    for (const s of candidates) {
      const sim = this.similarity(f, s, time);
      if (sim > bestSim) {
        bestSim = sim;
        best = s;
      }
    }
    return { story: best, similarity: bestSim };
  }

  /** Takes an article's vectors out of its story (which ends when it was the last). */
  private detach(record: ActiveArticle): void {
    const from = this.resolveStory(record.story);
    if (from.removed) return;
    this.addVectors(from, record.features, -1);
    from.size--;
    if (from.size <= 0) this.removeStory(from);
    else this.reindex(from);
  }

  private newStory(id: string = this.nextId()): Story {
    const story: Story = {
      id,
      size: 0,
      lastTime: -Infinity,
      title: new Centroid(),
      body: new Centroid(),
      entities: new Centroid(),
      titleDocs: new Centroid(),
      bodyDocs: new Centroid(),
      entityDocs: new Centroid(),
      indexed: [],
      mergedInto: null,
      aliases: [],
      removed: false,
    };
    this.stories.set(story.id, story);
    return story;
  }

  private join(story: Story, record: ActiveArticle): void {
    this.addVectors(story, record.features, 1);
    story.size++;
    this.touch(story, Math.max(story.lastTime, record.time));
    this.articles.set(record.id, record);
    this.articleQueue.push(record);
    for (const fp of record.features.fingerprints) this.fingerprints.set(fp, record.id);
    // The index follows the centroid closely while a story is young, then every few articles.
    if (story.size <= 8 || story.size % 4 === 0) this.reindex(story);
  }

  private addVectors(story: Story, f: Features, sign: 1 | -1): void {
    const cap = this.options.centroidTerms;
    story.title.add(f.title, sign, cap);
    story.body.add(f.body, sign, cap);
    story.entities.add(f.entities, sign, cap);
    story.titleDocs.add(f.title, sign, cap, true);
    story.bodyDocs.add(f.body, sign, cap, true);
    story.entityDocs.add(f.entities, sign, cap, true);
  }

  private touch(story: Story, lastTime: number): void {
    story.lastTime = lastTime;
    this.storyQueue.push({ story, lastTime });
  }

  private reindex(story: Story): void {
    const n = this.options.indexTerms;
    const keys = new Set<string>([...story.title.top(n), ...story.entities.top(Math.ceil(n / 2)), ...story.body.top(n)]);
    const next: TermStat[] = [];
    for (const key of keys) next.push(this.table.intern(key));
    const keep = new Set(next);
    for (const stat of story.indexed) if (!keep.has(stat)) stat.stories?.delete(story);
    for (const stat of next) (stat.stories ??= new Set()).add(story);
    story.indexed = next;
  }

  private removeStory(story: Story): void {
    for (const stat of story.indexed) {
      stat.stories?.delete(story);
      if (stat.stories?.size === 0) stat.stories = null;
    }
    story.indexed = [];
    story.removed = true;
    this.stories.delete(story.id);
    for (const id of story.aliases) if (this.aliases.get(id) === story) this.aliases.delete(id);
  }

  private resolveStory(story: Story): Story {
    let s = story;
    while (s.mergedInto !== null) s = s.mergedInto;
    return s;
  }

  /** The active story with this id, following merges. */
  private resolve(id: string): Story | null {
    const s = this.stories.get(id) ?? this.aliases.get(id);
    return s === undefined ? null : this.resolveStory(s);
  }

  private currentStory(articleId: string): Story | null {
    const record = this.articles.get(articleId);
    if (record === undefined) return null;
    const s = this.resolveStory(record.story);
    return s.removed ? null : s;
  }

  private expire(): void {
    const horizon = this.now - this.options.windowHours * HOUR;
    for (let a = this.articleQueue.peek(); a !== undefined && a.time < horizon; a = this.articleQueue.peek()) {
      this.articleQueue.shift();
      if (this.articles.get(a.id) === a) this.articles.delete(a.id);
      for (const fp of a.features.fingerprints) if (this.fingerprints.get(fp) === a.id) this.fingerprints.delete(fp);
    }
    for (let e = this.storyQueue.peek(); e !== undefined && e.lastTime < horizon; e = this.storyQueue.peek()) {
      this.storyQueue.shift();
      if (!e.story.removed && e.story.lastTime === e.lastTime) this.removeStory(e.story);
    }
  }
}

function countTerms(tokens: readonly Token[], english: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) {
    const term = termOf(t.lower, english);
    if (term !== null) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

/** The same counts keyed by the term table's own strings, so stored vectors share them. */
function internKeys(counts: Map<string, number>, table: TermTable): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of counts) out.set(table.intern(key).key, n);
  return out;
}
