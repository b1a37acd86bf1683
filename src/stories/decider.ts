// The stories stage's decisions, in memory and synchronous: for each new article, whether it
// is a copy of a recent one (and of which), which story it joins (the online clusterer), and
// whom it cites. It holds the window of recent articles and the clusterer's state, and
// nothing here reads or writes the store: the stage (service.ts) feeds it and stores what it
// decides. It runs on the stage's thread, or on a worker thread of its own (decider-thread.ts),
// where deciding overlaps with storing (docs/decisions/0021-stories-on-a-thread.md).
import type { PreparedText, Source } from '../model.js';
import type { StoryDecision, StoryDecisions, StoryMerge } from '../store/repository.js';
import { bandNumbers, isNearDuplicate, SIGNATURE_SIZE } from '../text/fingerprint.js';
import { MinHeap } from '../collections/min-heap.js';
import { MultiMap } from '../collections/multi-map.js';
import { citationsIn } from './attribution.js';
import { type ClusterArticle, type ClusterDecision, StoryClusterer } from './cluster.js';

/** Band keys per fingerprint (bandNumbers: bands of two hashes). */
const SIGNATURE_BANDS = SIGNATURE_SIZE / 2;

/** What the decider is given of a new article: little more than its prepared text (no markup). */
export interface DeciderArticle {
  id: number;
  sourceId: number;
  title: string;
  publishedAt: Date;
  url: string;
  prepared: PreparedText;
}

/** An article already stored with its decisions, as the window is loaded (at start). */
export interface KnownArticle {
  id: number;
  sourceId: number;
  title: string;
  publishedAt: Date;
  url: string;
  /** articleText(): what the clusterer reads. */
  text: string;
  fingerprint: string | null;
  storyId: number | null;
  originalId: number | null;
  summaryPrint: string | null;
  /** The outlet its text credits (its row's stated_original). */
  stated: string | null;
}

export interface Decided extends StoryDecisions {
  /** The stories the decisions put articles in, and those merges emptied (to outline, or delete). */
  touched: number[];
  /** The stories this batch started: none of their articles is stored but this batch's (and those merged into them, `merges`). */
  started: number[];
}

/** Past this many merged-away ids, the window's articles are moved to their stories now and the aliases dropped. */
const MAX_ALIASES = 10_000;

/** What the decider asks of the online clusterer (StoryClusterer). */
export type Clusterer = Pick<StoryClusterer, 'add' | 'restore' | 'merge' | 'assign'>;

/** What the fingerprint index keeps of a recent article. */
interface RecentArticle {
  id: number;
  sourceId: number;
  title: string;
  publishedAt: Date;
  fingerprint: string | null;
  storyId: number | null;
  originalId: number | null;
  /** Fingerprint of the standfirst alone: a copy in a summary-only feed has no more to compare. */
  summaryPrint: string | null;
  /** The outlet its text credits as the original, kept when a later decision gives it an original. */
  stated: string | null;
  /** Set when it leaves the window; the band lists drop it lazily. */
  forgotten: boolean;
  /** The last lookup (candidates) that found it, so that it is counted once per lookup. */
  seen: number;
}

const byPublication = () => new MinHeap<RecentArticle>((r) => r.publishedAt.getTime());

function nameKey(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export class StoryDecider {
  private clusterer: Clusterer;
  private nextId = 0;
  // The recent articles (the window), indexed three ways: by id, by exact title, and by
  // fingerprint band, so a new article's possible originals are found without a scan of the
  // window (at ~100,000 recent articles, a scan per article is most of the ingest time).
  private recent = new Map<number, RecentArticle>();
  private readonly byTitle = new MultiMap<string, RecentArticle>();
  /** Recent articles by fingerprint band, so copies are found without a full scan. */
  private readonly bands = new MultiMap<number, RecentArticle>();
  /** The article being decided: its band keys (bandNumbers), and the lookup's number (candidates). */
  private readonly keys: number[] = [];
  private lookup = 0;
  /** Band entries of forgotten articles not yet swept out. */
  private staleBandEntries = 0;
  private liveBandEntries = 0;
  /** The window by time, so leaving it costs only the articles that leave. */
  private byTime = byPublication();
  private sourcesById = new Map<number, Source>();
  /**
   * Stories merged away (by the clusterer or an editor), to the story they went into: the
   * window's articles keep the id they were decided with, read through here (storyOf), so a
   * merge costs nothing per article of the window.
   */
  private readonly mergedInto = new Map<number, number>();
  /** Source names for citations, rebuilt when the sources change (same array, same lookup table). */
  private knownNames: string[] = [];

  constructor(
    private readonly windowHours: number,
    /** The online clusterer, numbering new stories with `nextId` (a scripted one in tests). */
    private readonly makeClusterer: (windowHours: number, nextId: () => string) => Clusterer = (hours, nextId) => new StoryClusterer({ windowHours: hours }, nextId),
  ) {
    this.clusterer = this.newClusterer();
  }

  private newClusterer(): Clusterer {
    return this.makeClusterer(this.windowHours, () => String(++this.nextId));
  }

  /** Starts afresh (re-clustering): nothing recent, story ids given out after `lastStoryId`. */
  reset(lastStoryId: number): void {
    this.clusterer = this.newClusterer();
    this.resetRecent();
    this.mergedInto.clear();
    this.nextId = lastStoryId;
  }

  setSources(sources: Source[]): void {
    this.sourcesById = new Map(sources.map((s) => [s.id, s]));
    this.knownNames = sources.map((s) => s.name);
  }

  hasSources(ids: Iterable<number>): boolean {
    for (const id of ids) if (!this.sourcesById.has(id)) return false;
    return true;
  }

  /** Learns stored articles with their stories (the window, loaded oldest first at start); copies only as copies. */
  learn(articles: KnownArticle[]): void {
    for (const a of articles) {
      // Copies stay out of the clusterer, as when they were decided.
      if (a.storyId !== null && a.originalId === null) this.clusterer.restore(this.clusterInput(a, a.text), String(a.storyId));
      this.remember(a);
    }
  }

  /** Story `fromId` was merged into `intoId` (by an editor). */
  merge(fromId: number, intoId: number): void {
    this.clusterer.merge(String(fromId), String(intoId));
    this.storyMerged(fromId, intoId);
  }

  /** The story an article decided into `storyId` is in now (merges followed). */
  private storyOf(storyId: number): number;
  private storyOf(storyId: number | null): number | null;
  private storyOf(storyId: number | null): number | null {
    if (storyId === null) return null;
    let id = storyId;
    for (let into = this.mergedInto.get(id); into !== undefined; into = this.mergedInto.get(id)) id = into;
    return id;
  }

  private storyMerged(fromId: number, intoId: number): void {
    // (A story is never merged into one merged into it; the check keeps storyOf from looping if it were.)
    if (this.storyOf(intoId) === fromId) return;
    this.mergedInto.set(fromId, intoId);
    if (this.mergedInto.size <= MAX_ALIASES) return;
    for (const r of this.recent.values()) r.storyId = this.storyOf(r.storyId);
    this.mergedInto.clear();
  }

  /** Takes an article and its copies into a new story of their own (an editor's split); returns its id. */
  split(articleId: number, copies: number[]): number {
    const newStory = Number(this.clusterer.assign(String(articleId), null));
    for (const id of [articleId, ...copies]) {
      if (id !== articleId) this.clusterer.assign(String(id), String(newStory));
      const r = this.recent.get(id);
      if (r) r.storyId = newStory;
    }
    return newStory;
  }

  private clusterInput(a: Pick<DeciderArticle, 'id' | 'publishedAt' | 'title' | 'sourceId' | 'url'>, text: string): ClusterArticle {
    return {
      id: String(a.id),
      time: a.publishedAt,
      title: a.title,
      text,
      source: String(a.sourceId),
      url: a.url,
    };
  }

  private resetRecent(): void {
    this.recent = new Map();
    this.byTitle.clear();
    this.bands.clear();
    this.byTime = byPublication();
    this.staleBandEntries = 0;
    this.liveBandEntries = 0;
  }

  /** `keys`: the fingerprint's band numbers when the caller has them already. */
  private remember(a: Omit<RecentArticle, 'forgotten' | 'seen'>, keys: number[] | null = null): void {
    const entry: RecentArticle = {
      id: a.id, sourceId: a.sourceId, title: a.title, publishedAt: a.publishedAt,
      fingerprint: a.fingerprint, storyId: a.storyId, originalId: a.originalId,
      summaryPrint: a.summaryPrint, stated: a.stated,
      forgotten: false,
      seen: 0,
    };
    const previous = this.recent.get(entry.id);
    if (previous) this.drop(previous);
    this.recent.set(entry.id, entry);
    this.byTime.push(entry);
    this.byTitle.add(entry.title, entry);
    if (entry.fingerprint) {
      for (const key of keys ?? bandNumbers(entry.fingerprint, this.keys)) this.bands.add(key, entry);
      this.liveBandEntries += SIGNATURE_BANDS;
    }
  }

  /** Takes an article out of the window's indexes (its band entries are swept out later). */
  private drop(r: RecentArticle): void {
    if (r.forgotten) return;
    r.forgotten = true;
    if (this.recent.get(r.id) === r) this.recent.delete(r.id);
    this.byTitle.remove(r.title, r);
    if (r.fingerprint) {
      this.liveBandEntries -= SIGNATURE_BANDS;
      this.staleBandEntries += SIGNATURE_BANDS;
    }
  }

  /** Articles published before the window (measured back from `now`) leave it. */
  private forget(now: Date): void {
    const horizon = now.getTime() - this.windowHours * 3600_000;
    for (let top = this.byTime.peek(); top && top.publishedAt.getTime() < horizon; top = this.byTime.peek()) this.drop(this.byTime.pop()!);
    // Sweep the band lists once they hold as many forgotten entries as live ones: amortised
    // O(1) per article, where rebuilding them on every call was O(window).
    if (this.staleBandEntries > 1024 && this.staleBandEntries >= this.liveBandEntries) {
      this.bands.retain((r) => !r.forgotten);
      this.staleBandEntries = 0;
    }
  }

  /** Recent articles that may share text with a fingerprint (a band in common: `keys`, its band numbers), or share its title; each once. */
  private candidates(keys: number[] | null, title: string): RecentArticle[] {
    const lookup = ++this.lookup;
    const found: RecentArticle[] = [];
    const add = (r: RecentArticle) => {
      if (r.seen === lookup) return;
      r.seen = lookup;
      found.push(r);
    };
    if (keys) {
      // Band lists drop forgotten articles lazily (forget); the title index drops them at once.
      const addLive = (r: RecentArticle) => {
        if (!r.forgotten) add(r);
      };
      for (const key of keys) this.bands.forEach(key, addLive);
    }
    this.byTitle.forEach(title, add);
    return found;
  }

  /**
   * The article this one republishes, if any: among recent articles of other outlets with
   * the same text (near-identical fingerprint or identical title and the outlet it names),
   * the one from the outlet it credits, else the earliest.
   */
  private findOriginal(article: DeciderArticle, keys: number[] | null, stated: string | null, standfirst: string | null): RecentArticle | null {
    const statedKey = stated ? nameKey(stated) : null;
    const fingerprint = article.prepared.fingerprint;
    const matches = this.candidates(keys, article.title).filter((r) => {
      if (r.id === article.id || r.sourceId === article.sourceId) return false;
      if (isNearDuplicate(fingerprint, r.fingerprint)) return true;
      // The same headline over the same standfirst (one feed carries the text, the other only its summary).
      if (r.title === article.title && isNearDuplicate(standfirst, r.summaryPrint)) return true;
      // A copy whose feed carries only its headline: the same title from the outlet it credits.
      const outlet = this.sourcesById.get(r.sourceId);
      return statedKey !== null && outlet !== undefined && nameKey(outlet.name) === statedKey && r.title === article.title;
    });
    if (matches.length === 0) return null;
    const credited = statedKey ? matches.filter((m) => nameKey(this.sourcesById.get(m.sourceId)?.name ?? '') === statedKey) : [];
    const byTime = (a: RecentArticle, b: RecentArticle) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id - b.id;
    // The outlet a copy credits is its original, whatever we saw first.
    if (credited.length > 0) return credited.sort(byTime)[0]!;
    // Otherwise the earliest, following copies to their original.
    const roots = matches.map((m) => (m.originalId !== null ? this.recent.get(m.originalId) ?? m : m));
    return roots.sort(byTime)[0] ?? null;
  }

  /**
   * Decides each article's original, story and citations (oldest first) and learns them: the
   * articles' ids are the ones they are stored under. Synchronous, so that the store can call
   * it inside the transaction that inserts them (insertArticles' `decide`). Their sources must
   * have been given (setSources).
   */
  decide(articles: DeciderArticle[]): Decided {
    const known = this.knownNames;
    const decisions: StoryDecision[] = [];
    const merges: StoryMerge[] = [];
    /** Follows what the clusterer says: a story merged into another (its articles in the store follow with `merges`). */
    const started: number[] = [];
    const clustered = (decision: ClusterDecision): number => {
      const storyId = Number(decision.story);
      if (decision.isNew) started.push(storyId);
      for (const from of decision.merged ?? []) {
        merges.push({ from: Number(from), into: storyId });
        this.storyMerged(Number(from), storyId);
      }
      return storyId;
    };
    const ordered = [...articles].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id - b.id);
    for (const article of ordered) {
      const { text, stated, fingerprint, standfirstPrint: standfirst } = article.prepared;
      const input = this.clusterInput(article, text);
      const keys = fingerprint ? bandNumbers(fingerprint, this.keys) : null;
      let original = this.findOriginal(article, keys, stated, standfirst);
      let storyId: number;
      if (original && original.publishedAt.getTime() > article.publishedAt.getTime() && !stated) {
        // The copy arrived first (feeds are fetched in any order): the earlier one is the original.
        // A copy not decided yet (stored, then learned by a stage taking over) takes the story
        // the original starts or joins.
        const copyStory = this.storyOf(original.storyId);
        // Given to the clusterer once: into the copy's story, or as a new article that finds its own.
        if (copyStory !== null) {
          this.clusterer.restore(input, String(copyStory));
          storyId = copyStory;
        } else {
          storyId = clustered(this.clusterer.add(input));
        }
        original.storyId = storyId;
        original.originalId = article.id;
        decisions.push({ articleId: original.id, storyId, originalId: article.id, fingerprint: original.fingerprint, statedOriginal: original.stated });
        original = null;
      } else if (original && original.storyId !== null) {
        // Near-duplicates are never split: the copy joins its original's story — in the store
        // only. The clusterer does not take it in: a copy says nothing its original has not
        // said, and counted as an article of its own it doubled its story's size and weight,
        // which kept the young fragments of an event from being bridged (events split when
        // every outlet's article had a copy; decisions/0026).
        storyId = this.storyOf(original.storyId);
      } else {
        storyId = clustered(this.clusterer.add(input));
      }
      const ownName = nameKey(this.sourcesById.get(article.sourceId)?.name ?? '');
      decisions.push({
        articleId: article.id, storyId, originalId: original?.id ?? null, fingerprint, statedOriginal: stated,
        citations: citationsIn(text, known).filter((c) => nameKey(c.outlet) !== ownName),
      });
      this.remember(
        { id: article.id, sourceId: article.sourceId, title: article.title, publishedAt: article.publishedAt, fingerprint, storyId, originalId: original?.id ?? null, summaryPrint: standfirst, stated },
        keys,
      );
    }
    // The window is measured on the articles' own times (live, that is now; re-clustering, the past).
    this.forget(ordered[ordered.length - 1]!.publishedAt);
    // A story merged later in the batch: its articles decided earlier are stored under the
    // story it went into, and a merge names where the story ended — a story started in this
    // batch and merged on has no row to move articles into.
    if (merges.length > 0) {
      for (const d of decisions) d.storyId = this.storyOf(d.storyId);
      for (const m of merges) m.into = this.storyOf(m.into);
    }
    // The stories articles went into, and those merged away (left empty: deleted when outlined).
    const touched = new Set<number>();
    for (const d of decisions) if (d.storyId !== null) touched.add(d.storyId);
    for (const m of merges) touched.add(m.from);
    return { decisions, merges, touched: [...touched], started };
  }
}
