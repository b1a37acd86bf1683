// The stories stage, between ingest and the store: for each new article, decide whether it
// is a syndicated copy (and of what), which story it belongs to, and whom it cites; then
// bring the touched stories' outlines up to date. Editors' merges, splits and renames go
// through here too, so that the online clusterer learns them and re-clustering replays them.
import type { Article, ArticleView, EditorAction, NewArticle, Source, StoryOutline } from '../model.js';
import { logError } from '../ops/logger.js';
import { announceChange, storyTag } from '../store/changes.js';
import { canReserve, type Repository, type ReservingRepository, type StageFence, StageLostError, type StoryDecisions } from '../store/repository.js';
import { minhash, similarity } from '../text/fingerprint.js';
import { articleText, prepareText, storedReading, summaryPrint } from './article-text.js';
import { withoutAttribution } from './attribution.js';
import type { Decided, DeciderArticle, KnownArticle } from './decider.js';
import { deciderThread, inlineDecider, type DeciderPort } from './decider-thread.js';
import { type OutlineArticle, storyOutline } from './outline.js';
import { OutlineMemory } from './outline-memory.js';

export interface StoriesOptions {
  /** How long a story stays open to new articles, and copies are looked for. */
  windowHours: number;
  /**
   * Decide on a worker thread of its own, overlapping with the store's writes, when the store
   * can give articles their ids before inserting them (SQLite: canReserve). Otherwise, and by
   * default, decisions are made inside the insert's transaction on this thread.
   */
  thread?: boolean;
  /**
   * The stage's fencing token, when this process holds the stories stage by a lease (the
   * roles): its decisions are written only while no other worker has taken the stage over.
   */
  fence?: StageFence;
}

/**
 * How often, at most, the ingest path refreshes the outlines of the stories it touched. Under a
 * steady stream a story gains several articles a second, and each refresh reads all of them
 * and rewrites the story's row: once a second read 43 % fewer rows than four times (measured
 * on 60,000 articles), for counts and headlines at most a second behind the articles.
 */
export const OUTLINE_REFRESH_MS = 1000;

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

/**
 * What the decider is given of an article: its text read (by the poll's thread; for an article
 * a worker role stored, here from what its row keeps), not its markup.
 */
function deciderArticle(a: Article & Pick<NewArticle, 'prepared'>): DeciderArticle {
  return { id: a.id, sourceId: a.sourceId, title: a.title, publishedAt: a.publishedAt, url: a.url, prepared: a.prepared ?? prepareText(a, storedReading(a)) };
}

function knownArticle(a: ArticleView): KnownArticle {
  return {
    id: a.id, sourceId: a.sourceId, title: a.title, publishedAt: a.publishedAt, url: a.url, text: articleText(a),
    fingerprint: a.fingerprint, storyId: a.storyId, originalId: a.originalId, summaryPrint: summaryPrint(a), stated: a.statedOriginal,
  };
}

export class StoriesService {
  /** Copies, stories and citations: the decisions, made in memory (decider.ts), here or on a thread. */
  private readonly decider: DeciderPort;
  /** The store, when the decider runs on a thread: it gives new articles their ids ahead (pipeline). */
  private readonly reserving: (Repository & ReservingRepository) | null;
  /** Sources by id, for the outlines' weights (the decider has its own copy). */
  private sourcesById = new Map<number, Source>();
  /** Stories whose outlines wait for the next refresh, and the latest `now` asked for. */
  private dirty = new Set<number>();
  private dirtyNow: Date | null = null;
  private pendingFlush: Promise<void> | null = null;
  private lastFlushAt = 0;
  /** Big stories' last outline: their size then, and when (Date.now()). */
  private outlined = new Map<number, { size: number; at: number }>();
  /** The articles of the stories being written, as outlines read them (outline-memory.ts). */
  private readonly outlineMemory = new OutlineMemory();
  /** Brings deferred outlines up to date once nothing else does (the stream stopped). */
  private deferredTimer: NodeJS.Timeout | null = null;
  /** Articles handed to ingest() while the stage was busy: they go in together. */
  private waiting: Array<{ articles: NewArticle[]; now: Date; resolve: (stored: Article[]) => void; reject: (err: Error) => void }> = [];
  private ingestQueued = false;
  /** Decisions depend on the ones before: one operation at a time, in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Outline refreshes, one at a time, beside the decisions: a refresh reads and writes the
   * store while the next batch is decided (the outline memory takes what is stored meanwhile,
   * by its epoch). An editor's operation runs alone, after the refreshes before it and before
   * those after it.
   */
  private outlining: Promise<unknown> = Promise.resolve();

  /** Operations queued or running (settled() waits for none). */
  private inFlight = 0;

  /**
   * Runs `work` after the operations before it. Unless `overlap` (the ingest path and the
   * sweep's batches), it runs alone: after the batches still being decided and stored
   * (threaded) and the outline refreshes, and before any refresh asked for after it.
   */
  private exclusive<T>(work: () => Promise<T>, overlap = false): Promise<T> {
    this.inFlight++;
    const outlinesBefore = this.outlining;
    const start = overlap ? work : () => outlinesBefore.then(() => this.drained()).then(work);
    const run = this.queue.then(start, start).finally(() => {
      this.inFlight--;
    });
    this.queue = run.catch(() => undefined);
    if (!overlap) this.outlining = this.queue;
    return run;
  }

  /** Runs an outline refresh after the refreshes (and editors' operations) before it. */
  private inOutlineTurn(work: () => Promise<void>): Promise<void> {
    this.inFlight++;
    const run = this.outlining.then(work, work).finally(() => {
      this.inFlight--;
    });
    this.outlining = run.catch(() => undefined);
    return run;
  }

  constructor(
    private readonly repo: Repository,
    private readonly options: StoriesOptions = DEFAULT_STORIES_OPTIONS,
  ) {
    this.reserving = options.thread && canReserve(repo) ? repo : null;
    this.decider = this.reserving ? deciderThread(options.windowHours) : inlineDecider(options.windowHours);
  }

  /** Whether decisions are made on a thread of their own (options.thread, and a store that allows it). */
  get decidesOnThread(): boolean {
    return this.reserving !== null;
  }

  /** Loads the active window from the store, so decisions continue where they left off. */
  async start(now = new Date()): Promise<void> {
    this.outlineMemory.clear();
    await this.decider.reset(await this.repo.maxStoryId());
    await this.refreshSources();
    const since = new Date(now.getTime() - this.options.windowHours * 3600_000);
    for (let batch = await this.repo.articlesSince(since, 5000), seen = 0; batch.length > 0 && seen < 200_000; ) {
      await this.decider.learn(batch.map(knownArticle));
      seen += batch.length;
      const last = batch[batch.length - 1]!;
      if (batch.length < 5000) break;
      batch = await this.repo.articlesSince(new Date(last.publishedAt.getTime() + 1), 5000);
    }
  }

  private async refreshSources(): Promise<void> {
    const sources = await this.repo.listSources();
    this.sourcesById = new Map(sources.map((s) => [s.id, s]));
    await this.decider.setSources(sources);
  }

  private knowsSources(articles: Array<Pick<Article, 'sourceId'>>): boolean {
    return articles.every((a) => this.sourcesById.has(a.sourceId));
  }

  /** Stops the decider's thread (when it has one). */
  close(): Promise<void> {
    return this.decider.close();
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
   * Decides articles already stored without a story (the worker roles' sweep) and resolves as
   * soon as they are decided, with `saved`: their decisions written, in the order batches were
   * decided, while the sweep reads and decides the next batch (deciding on this thread overlaps
   * with the store's writes). Their stories' outlines follow within OUTLINE_REFRESH_MS, one
   * refresh for all the batches decided meanwhile (`outlined`). A batch whose write fails voids
   * the ones decided after it (their `saved` rejects; their articles stay without a story, and
   * the sweep finds them again); the window is loaded again from the store before the next.
   */
  assign(articles: Article[], now = new Date()): Promise<{ saved: Promise<void>; outlined: Promise<void> }> {
    return this.exclusive(async () => {
      while (this.reloadNeeded) await this.reloadIfNeeded();
      const generation = this.generation;
      const decided = await this.decideStored(articles);
      const saved = this.inTurn(generation, () => this.storeDecisions(articles, decided, now), articles.length);
      // Awaited by the caller; its failure must not count as unhandled meanwhile.
      saved.catch(() => undefined);
      // Rejects only when the outlines fail (a batch not written is `saved`'s to tell).
      const outlined = saved.then(
        () => (this.dirty.size > 0 ? this.flushOutlines(now, OUTLINE_REFRESH_MS) : undefined),
        () => undefined,
      );
      outlined.catch(() => undefined);
      return { saved, outlined };
    }, true);
  }

  /**
   * Writes a decided batch after the batches decided before it (`this.inserting`), unless one
   * of them failed since it was decided (`generation`): its decisions may rest on theirs. The
   * first failure counts a new generation and has the window loaded again before the next batch.
   */
  private inTurn(generation: number, write: () => void | Promise<void>, articles: number): Promise<void> {
    this.inserts++;
    const written = this.inserting
      .then(() => {
        if (generation !== this.generation) throw new Error('not stored: decided after a batch that failed (its articles come again: with the next poll, or the next sweep)');
        return write();
      })
      .catch((err: unknown) => {
        if (generation === this.generation) {
          this.generation++;
          this.reloadNeeded = true;
          // A deposed holder's refusal is the stage's news to tell, not a failure of the store.
          if (!(err instanceof StageLostError)) {
            logError('stories: a batch of new articles failed and is not stored, nor are those decided after it; the stage reloads its window from the store', err, { articles });
          }
        }
        throw err;
      })
      .finally(() => {
        this.inserts--;
      });
    this.inserting = written.catch(() => undefined);
    return written;
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
      this.inOutlineTurn(async () => {
        this.pendingFlush = null;
        const at = this.dirtyNow ?? now;
        const { due, deferred, nextDueAt } = this.outlinesDue(this.dirty, all);
        // Stories touched while this refresh runs join the deferred ones.
        this.dirty = deferred;
        this.dirtyNow = deferred.size > 0 ? at : null;
        this.lastFlushAt = Date.now();
        await this.outline([...due], at);
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
      await this.inserting;
      await this.outlining;
      if (this.pendingFlush) await this.pendingFlush;
      else if (this.dirty.size > 0) await this.flushOutlines(this.dirtyNow ?? new Date(), 0, true);
      else if (this.ingestQueued) await new Promise((resolve) => setTimeout(resolve, INGEST_LINGER_MS));
    }
  }

  private idle(): boolean {
    return this.inFlight === 0 && this.inserts === 0 && this.waiting.length === 0 && !this.ingestQueued && !this.pendingFlush && this.dirty.size === 0;
  }

  /** Decides and refreshes at once (re-clustering, which already runs alone). */
  private async processNow(articles: Article[], now: Date, emptied: number[]): Promise<void> {
    const touched = await this.decide(articles, now);
    for (const id of touched) this.dirty.delete(id);
    await this.outline([...touched], now);
    this.outlineMemory.forget(emptied);
    await this.repo.deleteEmptyStories(emptied);
  }

  /** Decides each article's original and story and stores the decisions; returns the stories touched. */
  private async decide(articles: Article[], now: Date): Promise<Set<number>> {
    const decided = await this.decideStored(articles);
    await this.storeDecisions(articles, decided, now);
    return new Set(decided.touched);
  }

  /** Decides articles already stored (the sources they come from known first). */
  private async decideStored(articles: Article[]): Promise<Decided> {
    if (!this.knowsSources(articles)) await this.refreshSources();
    return this.decider.decide(articles.map(deciderArticle));
  }

  /** Writes the decisions about stored articles; then, as the ingest path does, the outline memory and the stories to outline follow them. */
  private async storeDecisions(articles: Article[], decided: Decided, now: Date): Promise<void> {
    await this.repo.saveStoryDecisions(decided, now, this.options.fence);
    // Once they are stored (an article held under another story makes the memory forget both).
    this.remember(articles, decided);
    for (const id of decided.touched) this.dirty.add(id);
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
      setTimeout(() => void this.exclusive(() => this.ingestWaiting(), true), INGEST_LINGER_MS);
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
    // Each caller gets its own (an article is one source and guid); one that two polls
    // brought goes to the first.
    const handOut = (inserted: Article[]) => {
      const byKey = new Map(inserted.map((a) => [`${a.sourceId} ${a.guid}`, a]));
      const own = (a: NewArticle): Article[] => {
        const key = `${a.sourceId} ${a.guid}`;
        const stored = byKey.get(key);
        byKey.delete(key);
        return stored ? [stored] : [];
      };
      for (const b of batch) b.resolve(b.articles.flatMap(own));
    };
    const fail = (err: unknown) => {
      for (const b of batch) b.reject(err instanceof Error ? err : new Error(String(err)));
    };
    try {
      const all = batch.flatMap((b) => b.articles);
      if (!this.knowsSources(all)) await this.refreshSources();
      const reserving = this.reserving;
      if (reserving) {
        // Synchronous from the last check on: nothing fails in between unnoticed.
        while (this.reloadNeeded) await this.reloadIfNeeded();
        this.pipeline(reserving, all, handOut, fail);
      } else {
        const decider = this.decider.local!;
        let decided: StoryDecisions = { decisions: [], merges: [] };
        const inserted = await this.repo.insertArticles(all, (withIds) => (decided = this.taken(decider.decide(withIds.map(deciderArticle)), withIds)));
        this.remember(inserted, decided);
        handOut(inserted);
      }
    } catch (err) {
      fail(err);
    }
  }

  /** Marks the stories decided for outlining; the stored articles handed back need not carry their text reading. */
  private taken(decided: Decided, stored: Article[]): StoryDecisions {
    for (const id of decided.touched) this.dirty.add(id);
    for (const a of stored as Array<Article & Pick<NewArticle, 'prepared'>>) delete a.prepared;
    return decided;
  }

  /** Keeps the outline memory up to date with what was just stored, merged stories' articles moved as the store moved them. */
  private remember(stored: Article[], { decisions, merges, started = [] }: StoryDecisions & Partial<Pick<Decided, 'started'>>): void {
    const startedHere = new Set(started);
    this.outlineMemory.stored(stored, decisions, (id) => startedHere.has(id));
    if (merges.length > 0) this.outlineMemory.merged(merges);
  }

  /** Batches reserved, sent to the decider's thread and not stored yet (settled() waits for them). */
  private inserts = 0;
  /** The last of them stored (never rejects: each batch's failure goes to its callers). */
  private inserting: Promise<void> = Promise.resolve();
  /** Counts failures of the threaded pipeline: batches decided before one are not stored. */
  private generation = 0;
  private reloadNeeded = false;

  /**
   * The threaded ingest path: the articles get their ids now, go to the decider's thread, and
   * are stored with its decisions when they come back, in the order sent. This thread goes on
   * meanwhile (the next batch is reserved and sent while this one is decided), so deciding
   * overlaps with storing. A batch that fails (the thread died, the store refused) voids the
   * ones decided after it, and the window is loaded again from the store before the next.
   */
  private pipeline(repo: ReservingRepository, all: NewArticle[], handOut: (inserted: Article[]) => void, fail: (err: unknown) => void): void {
    const reserved = repo.reserveArticles(all);
    if (reserved.length === 0) return handOut([]);
    const generation = this.generation;
    const decided = this.decider.decide(reserved.map(deciderArticle));
    // Its failure is handled below, in turn; until then it must not count as unhandled.
    decided.catch(() => undefined);
    this.inTurn(generation, async () => {
      const result = this.taken(await decided, reserved);
      const stored = repo.insertReserved(reserved, result);
      this.remember(stored, result);
      handOut(stored);
    }, reserved.length).catch((err: unknown) => {
      repo.releaseReserved(reserved);
      fail(err);
    });
  }

  /** After a failure in the pipeline: once the batches in flight have ended, the decider learns again what the store holds. */
  private async reloadIfNeeded(): Promise<void> {
    if (!this.reloadNeeded) return;
    await this.inserting;
    await this.start();
    this.reloadNeeded = false;
  }

  /** The batches in flight stored (or failed, and the window loaded again). */
  private async drained(): Promise<void> {
    await this.inserting;
    await this.reloadIfNeeded();
  }

  /**
   * Outlines the given stories again from their articles; those left without articles (the
   * caller passes every story that may have lost some) are deleted.
   */
  async refreshOutlines(storyIds: Iterable<number>, now = new Date()): Promise<void> {
    const ids = [...storyIds];
    // Whoever asks from outside may have changed these stories' articles: read them afresh.
    this.outlineMemory.forget(ids);
    await this.outline(ids, now);
  }

  /** Outlines these stories from their articles, held (outlineMemory) or read from the store. */
  private async outline(ids: number[], now: Date): Promise<void> {
    const outlines: StoryOutline[] = [];
    const outlinedAt = Date.now();
    for (const id of ids) this.outlined.delete(id);
    const memory = this.outlineMemory;
    const byStory = new Map<number, OutlineArticle[]>();
    const toRead: number[] = [];
    for (const id of ids) {
      const held = memory.get(id);
      if (held) byStory.set(id, held);
      else toRead.push(id);
    }
    if (toRead.length > 0) {
      const epoch = memory.epoch;
      for (const [id, articles] of await this.repo.outlineArticlesOf(toRead)) {
        byStory.set(id, articles);
        memory.put(id, articles, epoch);
      }
    }
    for (const [id, articles] of byStory) {
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
    await this.decider.merge(fromId, intoId);
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
    const copies = (await this.repo.storyArticles(oldStory)).filter((a) => a.originalId === articleId);
    const newStory = await this.decider.split(articleId, copies.map((a) => a.id));
    await this.repo.ensureStory(newStory, now);
    for (const a of [article, ...copies]) {
      await this.repo.setArticleStory(a.id, { storyId: newStory, originalId: a.originalId, fingerprint: a.fingerprint, statedOriginal: a.statedOriginal });
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
    // Every article moves: no story's articles are kept.
    this.outlineMemory.clear();
    await this.decider.reset(await this.repo.maxStoryId());
    let after: { publishedAt: Date; id: number } | null = null;
    let done = 0;
    // Each story as it was, by its first article: its address leads to that article's new story.
    const firstArticle = new Map<number, number>();
    for (;;) {
      const batch = await this.repo.articlesInOrder(after, 1000);
      if (batch.length === 0) break;
      for (const a of batch) if (a.storyId !== null && !firstArticle.has(a.storyId)) firstArticle.set(a.storyId, a.id);
      // The stories these articles leave may be left empty: they are outlined again or deleted.
      const left = batch.flatMap((a) => (a.storyId === null ? [] : [a.storyId]));
      await this.processNow(batch.map((a) => ({ ...a, storyId: null, originalId: null })), now, left);
      done += batch.length;
      onProgress?.(done);
      const last = batch[batch.length - 1]!;
      after = { publishedAt: last.publishedAt, id: last.id };
    }
    await this.replayEditorActions(await this.repo.editorActions(), now);
    await this.repo.deleteEmptyStories();
    await this.repo.redirectStories([...firstArticle].map(([storyId, articleId]) => ({ storyId, articleId })), now);
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
