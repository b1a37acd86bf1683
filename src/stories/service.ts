// The stories stage, between ingest and the store: for each new article, decide whether it
// is a syndicated copy (and of what), which story it belongs to, and whom it cites; then
// bring the touched stories' outlines up to date. Editors' merges, splits and renames go
// through here too, so that the online clusterer learns them and re-clustering replays them.
import type { Article, ArticleView, EditorAction, NewArticle, Source, StoryOutline } from '../model.js';
import { announceChange, storyTag } from '../store/changes.js';
import type { Repository, StoryDecision } from '../store/repository.js';
import { bandKeys, isNearDuplicate, minhash, SIGNATURE_SIZE, similarity } from '../text/fingerprint.js';
import { articleText, prepareText, summaryPrint } from './article-text.js';
import { citationsIn, withoutAttribution } from './attribution.js';
import { type ClusterArticle, StoryClusterer } from './cluster.js';
import { storyOutline } from './outline.js';

export interface StoriesOptions {
  /** How long a story stays open to new articles, and copies are looked for. */
  windowHours: number;
}

/** Band keys per fingerprint (bandKeys: bands of two hashes). */
const SIGNATURE_BANDS = SIGNATURE_SIZE / 2;

/** How often, at most, the ingest path refreshes the outlines of the stories it touched. */
export const OUTLINE_REFRESH_MS = 250;

/**
 * A story this big is outlined again at most every OUTLINE_MS_PER_ARTICLE × its size (capped
 * at OUTLINE_MAX_DEFER_MS) while articles keep arriving: outlining reads all its articles and
 * compares their headlines, a cost that grows faster than the story, and at a million
 * articles the outlines of a few giant stories took a third of the thread that stores and
 * clusters (docs/decisions/0020-feed-work-threads.md). Its count and date lag by as much;
 * `settled()` outlines every story at once.
 */
export const OUTLINE_BIG_STORY = 100;
const OUTLINE_MS_PER_ARTICLE = 10;
const OUTLINE_MAX_DEFER_MS = 30_000;

/** How long the ingest path waits for more articles before storing what it has (a group commit). */
export const INGEST_LINGER_MS = 10;

export const DEFAULT_STORIES_OPTIONS: StoriesOptions = { windowHours: 72 };

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
  /** Set when it leaves the window; the band lists drop it lazily. */
  forgotten: boolean;
}

/** A min-heap of recent articles by time, so leaving the window costs only the ones that leave. */
class ByTime {
  private readonly items: RecentArticle[] = [];
  get size(): number {
    return this.items.length;
  }
  push(r: RecentArticle): void {
    const a = this.items;
    a.push(r);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]!.publishedAt.getTime() <= a[i]!.publishedAt.getTime()) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  peek(): RecentArticle | undefined {
    return this.items[0];
  }
  pop(): RecentArticle | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.publishedAt.getTime() < a[m]!.publishedAt.getTime()) m = l;
        if (r < a.length && a[r]!.publishedAt.getTime() < a[m]!.publishedAt.getTime()) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

function nameKey(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export class StoriesService {
  private clusterer: StoryClusterer;
  private nextId = 0;
  // The recent articles (the window), indexed three ways: by id, by exact title, and by
  // fingerprint band, so a new article's possible originals are found without a scan of the
  // window (at ~100,000 recent articles, a scan per article is most of the ingest time).
  private recent = new Map<number, RecentArticle>();
  private byTitle = new Map<string, RecentArticle[]>();
  /** Recent articles by fingerprint band, so copies are found without a full scan. */
  private bands = new Map<string, RecentArticle[]>();
  /** Band entries of forgotten articles not yet swept out. */
  private staleBandEntries = 0;
  private liveBandEntries = 0;
  private byTime = new ByTime();
  private sourcesById = new Map<number, Source>();
  /** Source names for citations, rebuilt when the sources change (same array, same lookup table). */
  private knownNames: string[] = [];
  /** Stories whose outlines wait for the next refresh, and the latest `now` asked for. */
  private dirty = new Set<number>();
  private dirtyNow: Date | null = null;
  private pendingFlush: Promise<void> | null = null;
  private lastFlushAt = 0;
  /** Big stories' last outline: their size then, and when (Date.now()). */
  private outlined = new Map<number, { size: number; at: number }>();
  /** Brings deferred outlines up to date once nothing else does (the stream stopped). */
  private deferredTimer: NodeJS.Timeout | null = null;
  /** Articles handed to ingest() while the stage was busy: they go in together. */
  private waiting: Array<{ articles: NewArticle[]; now: Date; resolve: (stored: Article[]) => void; reject: (err: Error) => void }> = [];
  private ingestQueued = false;
  /** Decisions depend on the ones before: one operation at a time, in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Operations queued or running (settled() waits for none). */
  private inFlight = 0;

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    const run = this.queue.then(work, work).finally(() => {
      this.inFlight--;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  constructor(
    private readonly repo: Repository,
    private readonly options: StoriesOptions = DEFAULT_STORIES_OPTIONS,
  ) {
    this.clusterer = this.newClusterer();
  }

  private newClusterer(): StoryClusterer {
    return new StoryClusterer({ windowHours: this.options.windowHours }, () => String(++this.nextId));
  }

  private clusterInput(a: Article | ArticleView, text = articleText(a)): ClusterArticle {
    return {
      id: String(a.id),
      time: a.publishedAt,
      title: a.title,
      text,
      source: String(a.sourceId),
      url: a.url,
    };
  }

  /** Loads the active window from the store, so decisions continue where they left off. */
  async start(now = new Date()): Promise<void> {
    this.nextId = await this.repo.maxStoryId();
    await this.refreshSources();
    const since = new Date(now.getTime() - this.options.windowHours * 3600_000);
    for (let batch = await this.repo.articlesSince(since, 5000), seen = 0; batch.length > 0 && seen < 200_000; ) {
      for (const a of batch) {
        if (a.storyId !== null) this.clusterer.restore(this.clusterInput(a), String(a.storyId));
        this.remember(a);
      }
      seen += batch.length;
      const last = batch[batch.length - 1]!;
      if (batch.length < 5000) break;
      batch = await this.repo.articlesSince(new Date(last.publishedAt.getTime() + 1), 5000);
    }
  }

  private async refreshSources(): Promise<void> {
    this.sourcesById = new Map((await this.repo.listSources()).map((s) => [s.id, s]));
    this.knownNames = [...this.sourcesById.values()].map((s) => s.name);
  }

  private resetRecent(): void {
    this.recent = new Map();
    this.byTitle = new Map();
    this.bands = new Map();
    this.byTime = new ByTime();
    this.staleBandEntries = 0;
    this.liveBandEntries = 0;
  }

  private remember(a: Omit<RecentArticle, 'summaryPrint' | 'forgotten'> & { summary?: string | null; summaryPrint?: string | null }): void {
    const entry: RecentArticle = {
      id: a.id, sourceId: a.sourceId, title: a.title, publishedAt: a.publishedAt,
      fingerprint: a.fingerprint, storyId: a.storyId, originalId: a.originalId,
      summaryPrint: a.summaryPrint !== undefined ? a.summaryPrint : summaryPrint({ summary: a.summary ?? null }),
      forgotten: false,
    };
    const previous = this.recent.get(entry.id);
    if (previous) this.drop(previous);
    this.recent.set(entry.id, entry);
    this.byTime.push(entry);
    const sameTitle = this.byTitle.get(entry.title);
    if (sameTitle) sameTitle.push(entry);
    else this.byTitle.set(entry.title, [entry]);
    if (entry.fingerprint) {
      for (const key of bandKeys(entry.fingerprint)) {
        const list = this.bands.get(key);
        if (list) list.push(entry);
        else this.bands.set(key, [entry]);
      }
      this.liveBandEntries += SIGNATURE_BANDS;
    }
  }

  /** Takes an article out of the window's indexes (its band entries are swept out later). */
  private drop(r: RecentArticle): void {
    if (r.forgotten) return;
    r.forgotten = true;
    if (this.recent.get(r.id) === r) this.recent.delete(r.id);
    const sameTitle = this.byTitle.get(r.title);
    if (sameTitle) {
      const rest = sameTitle.filter((x) => x !== r);
      if (rest.length > 0) this.byTitle.set(r.title, rest);
      else this.byTitle.delete(r.title);
    }
    if (r.fingerprint) {
      this.liveBandEntries -= SIGNATURE_BANDS;
      this.staleBandEntries += SIGNATURE_BANDS;
    }
  }

  /** Articles published before the window (measured back from `now`) leave it. */
  private forget(now: Date): void {
    const horizon = now.getTime() - this.options.windowHours * 3600_000;
    for (let top = this.byTime.peek(); top && top.publishedAt.getTime() < horizon; top = this.byTime.peek()) this.drop(this.byTime.pop()!);
    // Sweep the band lists once they hold as many forgotten entries as live ones: amortised
    // O(1) per article, where rebuilding them on every call was O(window).
    if (this.staleBandEntries > 1024 && this.staleBandEntries >= this.liveBandEntries) {
      for (const [key, list] of this.bands) {
        const live = list.filter((r) => !r.forgotten);
        if (live.length > 0) this.bands.set(key, live);
        else this.bands.delete(key);
      }
      this.staleBandEntries = 0;
    }
  }

  /** Recent articles that may share text with this fingerprint (same band), or share its title. */
  private candidates(fingerprint: string | null, title: string): RecentArticle[] {
    const found = new Set<RecentArticle>();
    if (fingerprint) for (const key of bandKeys(fingerprint)) for (const r of this.bands.get(key) ?? []) if (!r.forgotten) found.add(r);
    for (const r of this.byTitle.get(title) ?? []) found.add(r);
    return [...found];
  }

  /**
   * The article this one republishes, if any: among recent articles of other outlets with
   * the same text (near-identical fingerprint or identical title and the outlet it names),
   * the one from the outlet it credits, else the earliest.
   */
  private findOriginal(article: Article, fingerprint: string | null, stated: string | null, standfirst: string | null): RecentArticle | null {
    const statedKey = stated ? nameKey(stated) : null;
    const matches = this.candidates(fingerprint, article.title).filter((r) => {
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
   * Runs the stage on newly stored articles (any order; decided oldest first). Resolves once
   * their decisions are stored and their stories' outlines are up to date. Outlines are
   * refreshed once for all the batches decided meanwhile (under load, several polls' worth),
   * since a big story touched by every batch would otherwise be read and outlined again each time.
   */
  process(articles: Article[], now = new Date()): Promise<void> {
    if (articles.length === 0) return Promise.resolve();
    return this.exclusive(() => this.decide(articles, now)).then(() => this.flushOutlines(now));
  }

  /**
   * Refreshes the outlines of the stories decided since the last refresh, after `delayMs`
   * (counted from the last refresh): the ingest path waits a little so that one refresh
   * serves many batches — a big story that every batch touches is read and outlined a few
   * times a second, not once per batch. Big stories outlined recently wait for a later
   * refresh (OUTLINE_BIG_STORY), unless `all`.
   */
  private flushOutlines(now: Date, delayMs = 0, all = false): Promise<void> {
    if (!this.dirtyNow || now > this.dirtyNow) this.dirtyNow = now;
    if (this.pendingFlush) return this.pendingFlush;
    const wait = Math.max(0, this.lastFlushAt + delayMs - Date.now());
    const started = wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
    const flush = started.then(() =>
      this.exclusive(async () => {
        this.pendingFlush = null;
        const at = this.dirtyNow ?? now;
        const { due, deferred, nextDueAt } = this.outlinesDue(this.dirty, all);
        // Stories touched while this refresh runs join the deferred ones.
        this.dirty = deferred;
        this.dirtyNow = deferred.size > 0 ? at : null;
        this.lastFlushAt = Date.now();
        await this.refreshOutlines(due, at);
        if (deferred.size > 0) this.remindDeferred(nextDueAt);
      }),
    );
    this.pendingFlush = flush;
    // A refresh that fails is logged by whoever waits on it; one nobody waits on must not
    // become an unhandled rejection.
    flush.catch(() => undefined);
    return flush;
  }

  /** Which of the dirty stories to outline now, and which big ones can wait (and until when). */
  private outlinesDue(dirty: Set<number>, all: boolean): { due: Set<number>; deferred: Set<number>; nextDueAt: number } {
    const nowMs = Date.now();
    // An outline older than the longest deferral defers nothing: dropped, so that stories
    // no longer touched (gone from the window) are not kept here for ever.
    for (const [id, last] of this.outlined) if (last.at + OUTLINE_MAX_DEFER_MS <= nowMs) this.outlined.delete(id);
    if (all || this.outlined.size === 0) return { due: dirty, deferred: new Set(), nextDueAt: Infinity };
    const due = new Set<number>();
    const deferred = new Set<number>();
    let nextDueAt = Infinity;
    for (const id of dirty) {
      const last = this.outlined.get(id);
      const dueAt = last ? last.at + Math.min(OUTLINE_MAX_DEFER_MS, last.size * OUTLINE_MS_PER_ARTICLE) : 0;
      if (dueAt <= nowMs) due.add(id);
      else {
        deferred.add(id);
        nextDueAt = Math.min(nextDueAt, dueAt);
      }
    }
    return { due, deferred, nextDueAt };
  }

  private remindDeferred(at: number): void {
    if (this.deferredTimer) return;
    this.deferredTimer = setTimeout(() => {
      this.deferredTimer = null;
      if (this.dirty.size > 0) void this.flushOutlines(this.dirtyNow ?? new Date());
    }, Math.max(0, at - Date.now()));
    this.deferredTimer.unref();
  }

  /**
   * Resolves once every article handed in so far is stored with its story and every story
   * touched is outlined (the scheduler waits on this at the end of a fetch cycle).
   */
  async settled(): Promise<void> {
    // Bounded: under a steady stream from elsewhere it returns after a few rounds anyway.
    for (let round = 0; round < 100 && !this.idle(); round++) {
      await this.queue;
      if (this.pendingFlush) await this.pendingFlush;
      else if (this.dirty.size > 0) await this.flushOutlines(this.dirtyNow ?? new Date(), 0, true);
      else if (this.ingestQueued) await new Promise((resolve) => setTimeout(resolve, INGEST_LINGER_MS));
    }
  }

  private idle(): boolean {
    return this.inFlight === 0 && this.waiting.length === 0 && !this.ingestQueued && !this.pendingFlush && this.dirty.size === 0;
  }

  /** Decides and refreshes at once (re-clustering, which already runs alone). */
  private async processNow(articles: Article[], now: Date, emptied: number[]): Promise<void> {
    const touched = await this.decide(articles, now);
    for (const id of touched) this.dirty.delete(id);
    await this.refreshOutlines(touched, now);
    await this.repo.deleteEmptyStories(emptied);
  }

  /** Decides each article's original and story and stores the decisions; returns the stories touched. */
  private async decide(articles: Article[], now: Date): Promise<Set<number>> {
    if (articles.some((a) => !this.sourcesById.has(a.sourceId))) await this.refreshSources();
    const { decisions, touched } = this.decideNow(articles);
    await this.repo.saveStoryDecisions(decisions, now);
    for (const id of touched) this.dirty.add(id);
    return touched;
  }

  /**
   * The decisions themselves, in memory and synchronous, so that the store can make them
   * inside the transaction that inserts the articles (insertArticles' `decide`). The sources
   * must be known (refreshSources) before.
   */
  private decideNow(articles: Array<Article & Pick<NewArticle, 'prepared'>>): { decisions: StoryDecision[]; touched: Set<number> } {
    const known = this.knownNames;
    const touched = new Set<number>();
    const decisions: StoryDecision[] = [];
    const ordered = [...articles].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id - b.id);
    for (const article of ordered) {
      const { text, stated, fingerprint, standfirstPrint: standfirst } = article.prepared ?? prepareText(article);
      const input = this.clusterInput(article, text);
      let original = this.findOriginal(article, fingerprint, stated, standfirst);
      let storyId: number;
      if (original && original.publishedAt.getTime() > article.publishedAt.getTime() && !stated) {
        // The copy arrived first (feeds are fetched in any order): the earlier one is the original.
        decisions.push({ articleId: original.id, storyId: original.storyId, originalId: article.id, fingerprint: original.fingerprint, statedOriginal: null });
        original.originalId = article.id;
        storyId = original.storyId ?? Number(this.clusterer.add(input).story);
        if (original.storyId === null) original.storyId = storyId;
        this.clusterer.restore(input, String(storyId));
        original = null;
      } else if (original && original.storyId !== null) {
        storyId = original.storyId;
        // Near-duplicates are never split: the copy joins its original's story.
        this.clusterer.restore(input, String(storyId));
      } else {
        storyId = Number(this.clusterer.add(input).story);
      }
      const ownName = nameKey(this.sourcesById.get(article.sourceId)?.name ?? '');
      decisions.push({
        articleId: article.id, storyId, originalId: original?.id ?? null, fingerprint, statedOriginal: stated,
        citations: citationsIn(text, known).filter((c) => nameKey(c.outlet) !== ownName),
      });
      this.remember({ ...article, fingerprint, storyId, originalId: original?.id ?? null, summaryPrint: standfirst });
      touched.add(storyId);
    }
    // The window is measured on the articles' own times (live, that is now; re-clustering, the past).
    this.forget(ordered[ordered.length - 1]!.publishedAt);
    return { decisions, touched };
  }

  /**
   * Stores new articles with their stories decided (the ingest path): each row is written
   * once, story included, and resolves with the articles stored — those not already known;
   * their stories' outlines follow within OUTLINE_REFRESH_MS (settled() waits for them). Articles handed in while the stage is busy wait and go
   * in together, in one insert: under load, many polls' articles share one transaction (a
   * group commit), where a transaction per poll spent more on commits than on the rows.
   */
  ingest(articles: NewArticle[], now = new Date()): Promise<Article[]> {
    if (articles.length === 0) return Promise.resolve([]);
    const stored = new Promise<Article[]>((resolve, reject) => this.waiting.push({ articles, now, resolve, reject }));
    if (!this.ingestQueued) {
      // Linger a moment for other polls' articles: the work is synchronous, so without it
      // each poll's articles would go alone, one transaction each.
      this.ingestQueued = true;
      setTimeout(() => void this.exclusive(() => this.ingestWaiting()), INGEST_LINGER_MS);
    }
    return stored.then((inserted) => {
      // Their stories are outlined shortly, without the caller waiting (settled() waits).
      if (inserted.length > 0) void this.flushOutlines(now, OUTLINE_REFRESH_MS);
      return inserted;
    });
  }

  private async ingestWaiting(): Promise<void> {
    this.ingestQueued = false;
    const batch = this.waiting.splice(0);
    const now = batch.reduce((latest, b) => (b.now > latest ? b.now : latest), batch[0]!.now);
    try {
      const all = batch.flatMap((b) => b.articles);
      if (all.some((a) => !this.sourcesById.has(a.sourceId))) await this.refreshSources();
      const inserted = await this.repo.insertArticles(all, (withIds) => {
        const { decisions, touched } = this.decideNow(withIds);
        for (const id of touched) this.dirty.add(id);
        // The text reading has served: the stored articles handed back need not carry the text twice.
        for (const a of withIds as Array<Article & Pick<NewArticle, 'prepared'>>) delete a.prepared;
        return decisions;
      });
      // Each caller gets its own (an article is one source and guid); one that two polls
      // brought goes to the first.
      const byKey = new Map(inserted.map((a) => [`${a.sourceId} ${a.guid}`, a]));
      const handOut = (a: NewArticle): Article[] => {
        const key = `${a.sourceId} ${a.guid}`;
        const stored = byKey.get(key);
        byKey.delete(key);
        return stored ? [stored] : [];
      };
      for (const b of batch) b.resolve(b.articles.flatMap(handOut));
    } catch (err) {
      for (const b of batch) b.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * Outlines the given stories again from their articles; those left without articles (the
   * caller passes every story that may have lost some) are deleted.
   */
  async refreshOutlines(storyIds: Iterable<number>, now = new Date()): Promise<void> {
    const ids = [...storyIds];
    const outlines: StoryOutline[] = [];
    const outlinedAt = Date.now();
    for (const id of ids) this.outlined.delete(id);
    for (const [id, articles] of await this.repo.outlineArticlesOf(ids)) {
      outlines.push(storyOutline(id, articles, (sourceId) => this.sourcesById.get(sourceId)?.weight ?? 1));
      if (articles.length >= OUTLINE_BIG_STORY) this.outlined.set(id, { size: articles.length, at: outlinedAt });
    }
    await this.repo.saveStoryOutlines(outlines, now);
    await this.repo.deleteEmptyStories(ids);
    // Their pages, their articles' pages (tagged with the story), and every list they are on.
    announceChange(this.repo, ['lists', 'search', ...ids.map(storyTag)]);
  }

  // Editor's hand ------------------------------------------------------------

  /** Merges story `fromId` into `intoId`. */
  merge(fromId: number, intoId: number, now = new Date()): Promise<void> {
    return this.exclusive(() => this.mergeNow(fromId, intoId, true, now));
  }

  private async mergeNow(fromId: number, intoId: number, record: boolean, now: Date): Promise<void> {
    if (fromId === intoId) return;
    const [from, into] = await Promise.all([this.repo.storyArticles(fromId), this.repo.storyArticles(intoId)]);
    if (from.length === 0 || into.length === 0) throw new Error(`no story ${from.length === 0 ? fromId : intoId}`);
    await this.repo.moveStoryArticles(fromId, intoId);
    this.clusterer.merge(String(fromId), String(intoId));
    for (const r of this.recent.values()) if (r.storyId === fromId) r.storyId = intoId;
    if (record) {
      await this.repo.addEditorAction(
        { kind: 'merge', storyId: fromId, intoStoryId: intoId, articleId: from[0]!.id, intoArticleId: into[0]!.id, title: null },
        now,
      );
    }
    await this.refreshOutlines([intoId, fromId], now);
  }

  /** Takes an article (and its copies) out of its story into a story of its own; returns the new story's id. */
  split(articleId: number, now = new Date()): Promise<number> {
    return this.exclusive(() => this.splitNow(articleId, true, now));
  }

  private async splitNow(articleId: number, record: boolean, now: Date): Promise<number> {
    const article = await this.repo.getArticle(articleId);
    if (!article || article.storyId === null) throw new Error(`no article ${articleId} in a story`);
    const oldStory = article.storyId;
    const newStory = Number(this.clusterer.assign(String(articleId), null));
    await this.repo.ensureStory(newStory, now);
    const copies = (await this.repo.storyArticles(oldStory)).filter((a) => a.originalId === articleId);
    for (const a of [article, ...copies]) {
      await this.repo.setArticleStory(a.id, { storyId: newStory, originalId: a.originalId, fingerprint: a.fingerprint, statedOriginal: a.statedOriginal });
      if (a.id !== articleId) this.clusterer.assign(String(a.id), String(newStory));
      const r = this.recent.get(a.id);
      if (r) r.storyId = newStory;
    }
    if (record) {
      await this.repo.addEditorAction({ kind: 'split', storyId: oldStory, intoStoryId: newStory, articleId, intoArticleId: null, title: null }, now);
    }
    await this.refreshOutlines([oldStory, newStory], now);
    return newStory;
  }

  /** Sets (or with null, clears) the editor's headline of a story. */
  rename(storyId: number, title: string | null, now = new Date()): Promise<void> {
    return this.exclusive(() => this.renameNow(storyId, title, true, now));
  }

  private async renameNow(storyId: number, title: string | null, record: boolean, now: Date): Promise<void> {
    const articles = await this.repo.storyArticles(storyId);
    if (articles.length === 0 || !(await this.repo.renameStory(storyId, title))) throw new Error(`no story ${storyId}`);
    announceChange(this.repo, ['lists', 'search', storyTag(storyId)]);
    if (record) {
      await this.repo.addEditorAction({ kind: 'rename', storyId, intoStoryId: null, articleId: articles[0]!.id, intoArticleId: null, title }, now);
    }
  }

  /**
   * Clusters every stored article again from scratch (after better rules or settings),
   * then replays the editors' actions, anchored to their articles, so they are kept.
   */
  recluster(onProgress?: (done: number) => void, now = new Date()): Promise<{ articles: number; stories: number }> {
    return this.exclusive(() => this.reclusterNow(onProgress, now));
  }

  private async reclusterNow(onProgress: ((done: number) => void) | undefined, now: Date): Promise<{ articles: number; stories: number }> {
    this.clusterer = this.newClusterer();
    this.resetRecent();
    this.nextId = await this.repo.maxStoryId();
    let after: { publishedAt: Date; id: number } | null = null;
    let done = 0;
    const stories = new Set<number>();
    for (;;) {
      const batch = await this.repo.articlesInOrder(after, 1000);
      if (batch.length === 0) break;
      // The stories these articles leave may be left empty: they are outlined again or deleted.
      const left = batch.flatMap((a) => (a.storyId === null ? [] : [a.storyId]));
      await this.processNow(batch.map((a) => ({ ...a, storyId: null, originalId: null })), now, left);
      for (const a of batch) {
        const r = this.recent.get(a.id);
        if (r?.storyId) stories.add(r.storyId);
      }
      done += batch.length;
      onProgress?.(done);
      const last = batch[batch.length - 1]!;
      after = { publishedAt: last.publishedAt, id: last.id };
    }
    await this.replayEditorActions(await this.repo.editorActions(), now);
    await this.repo.deleteEmptyStories();
    return { articles: done, stories: (await this.repo.latestStories({ limit: 1_000_000 })).length };
  }

  private async replayEditorActions(actions: EditorAction[], now: Date): Promise<void> {
    const storyOf = async (articleId: number | null) => (articleId === null ? null : (await this.repo.getArticle(articleId))?.storyId ?? null);
    for (const action of actions) {
      if (action.kind === 'merge') {
        const [from, into] = [await storyOf(action.articleId), await storyOf(action.intoArticleId)];
        if (from !== null && into !== null && from !== into) await this.mergeNow(from, into, false, now);
      } else if (action.kind === 'split' && action.articleId !== null) {
        const story = await storyOf(action.articleId);
        const others = story === null ? [] : (await this.repo.storyArticles(story)).filter((a) => a.id !== action.articleId && a.originalId !== action.articleId);
        if (others.length > 0) await this.splitNow(action.articleId, false, now);
      } else if (action.kind === 'rename') {
        const story = await storyOf(action.articleId);
        if (story !== null) await this.repo.renameStory(story, action.title);
      }
    }
  }

  /** For tests and the admin: how much of their text two articles share (0–1), credits and datelines aside. */
  static textSimilarity(a: string, b: string): number | null {
    const [fa, fb] = [minhash(withoutAttribution(a)), minhash(withoutAttribution(b))];
    return fa && fb ? similarity(fa, fb) : null;
  }
}
