// The one storage contract. SQLite implements it now (store/sqlite); PostgreSQL will
// implement the same interface and pass the same contract tests. Methods are async so an
// engine that talks over the network fits without changing callers.
import type {
  Article, ArticleView, EditorAction, NewArticle, NewSource, Section, Source, SourceFetchState, SourcePatch, Story, StoryCitation,
  StoryOutline, ArticlePage,
} from '../model.js';
import type { OutlineArticle } from '../stories/outline.js';

export interface ArticleQuery {
  /** Only articles of this section (slug). */
  section?: string | undefined;
  sourceId?: number | undefined;
  limit: number;
  /** Keyset pagination: articles published strictly before this (time, id). */
  before?: { publishedAt: Date; id: number } | undefined;
}

export interface StoreCounts {
  sources: number;
  articles: number;
  stories: number;
}

/** The stories stage's decision about one article (Repository.saveStoryDecisions). */
export interface StoryDecision {
  articleId: number;
  storyId: number | null;
  originalId: number | null;
  fingerprint: string | null;
  statedOriginal: string | null;
  /** The outlets it cites, replacing those stored; left as they are when absent. */
  citations?: Array<{ outlet: string; phrase: string }>;
}

/**
 * Two stories found to be one event (the clusterer merged them, when an article bridged them
 * or they grew alike): every article of story `from` goes to story `into`.
 */
export interface StoryMerge {
  from: number;
  into: number;
}

/**
 * The stories stage's decisions about a batch: each article's, then the stories merged
 * meanwhile, applied after them and in order (the decisions name the stories as they are
 * after the merges; the merges move the articles stored before).
 */
export interface StoryDecisions {
  decisions: StoryDecision[];
  merges: StoryMerge[];
}

/**
 * A stage's fencing token (the stories stage, in the roles): the holder of its lease claims
 * the stage in the store when it takes over (Repository.claimStage), and its writes carry
 * what it was given. A write whose epoch is no longer the stage's — another worker took over
 * while this one was paused past its lease — is refused whole (StageLostError).
 */
export interface StageFence {
  stage: string;
  epoch: number;
}

/** A deposed holder's write, refused: another worker holds the stage now; nothing was written. */
export class StageLostError extends Error {
  constructor(fence: StageFence) {
    super(`the ${fence.stage} stage was taken over (epoch ${fence.epoch} is no longer current): nothing was written`);
    this.name = 'StageLostError';
  }
}

/**
 * The stories stage's decisions about articles being inserted, made while they are
 * (insertArticles' second argument): called once, with the articles that will be stored —
 * ids given, duplicates of stored or of each other left out — and returns their decisions
 * (and any about articles already stored, such as an original that turns out to be a copy).
 * The returned articles carry them. SQLite writes each row once, decisions included, in the
 * insert's transaction; PostgreSQL stores the decisions just after the insert (a deadlock
 * retry of the insert must not run the clusterer twice).
 */
export type DecideStories = (articles: Article[]) => StoryDecisions;

/** Merges chained further than this are not followed (a loop left by hand-edited data ends here). */
const MAX_REDIRECTS = 32;

/**
 * Follows a merged story's redirects (both engines' storyRedirect): `step` gives the story
 * one went into and whether it exists; the first that exists is the answer.
 */
export async function followRedirects(
  storyId: number,
  step: (id: number) => { into: number; exists: boolean } | null | Promise<{ into: number; exists: boolean } | null>,
): Promise<number | null> {
  let id = storyId;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    const next = await step(id);
    if (next === null) return null;
    if (next.exists) return next.into;
    id = next.into;
  }
  return null;
}

/**
 * Sets the decisions about `articles` on them (a later decision about one article wins) and
 * returns those about other articles, already stored — both engines' insertArticles(…, decide).
 */
export function applyDecisions(articles: Article[], decisions: StoryDecision[]): StoryDecision[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const others: StoryDecision[] = [];
  for (const d of decisions) {
    const a = byId.get(d.articleId);
    if (a) Object.assign(a, { storyId: d.storyId, originalId: d.originalId, fingerprint: d.fingerprint, statedOriginal: d.statedOriginal });
    else others.push(d);
  }
  return others;
}

/**
 * What a store offers when it can give new articles their ids before inserting them (the
 * SQLite store, the only writer of its file): the stories stage then decides a batch on the
 * decider's thread while the store writes the one before (docs/decisions/0021).
 */
export interface ReservingRepository {
  /**
   * The articles that insertReserved would store — not stored yet, not reserved by a batch in
   * flight, the first of any repeated — with the ids they will have. Until they are inserted
   * or released, the same articles are not reserved again.
   */
  reserveArticles(articles: NewArticle[]): Article[];
  /**
   * Inserts reserved articles with their decisions (and those about stored articles, and the
   * merges), in one transaction, in the order they were reserved; returns them as stored.
   * Throws, storing nothing, when another writer took one of their ids or keys meanwhile.
   */
  insertReserved(articles: Article[], decided: StoryDecisions): Article[];
  /** Gives back reserved articles that will not be inserted. */
  releaseReserved(articles: Article[]): void;
}

export function canReserve(repo: Repository): repo is Repository & ReservingRepository {
  const r = repo as Partial<ReservingRepository>;
  return typeof r.reserveArticles === 'function' && typeof r.insertReserved === 'function' && typeof r.releaseReserved === 'function';
}

export class DuplicateSourceError extends Error {
  constructor(readonly feedUrl: string) {
    super(`a source with feed ${feedUrl} already exists`);
  }
}

export interface Repository {
  close(): Promise<void>;
  /** A trivial round trip to the store, for readiness checks; rejects when it cannot answer. */
  ping(): Promise<void>;

  listSections(): Promise<Section[]>;
  /** The slug of a section by its name or slug, creating it when it does not exist. */
  ensureSection(nameOrSlug: string): Promise<Section>;

  addSource(source: NewSource, defaultIntervalMinutes: number): Promise<Source>;
  getSource(id: number): Promise<Source | null>;
  findSourceByFeedUrl(feedUrl: string): Promise<Source | null>;
  listSources(): Promise<Source[]>;
  /** Changes what an editor may change about a source; null when there is no such source. */
  updateSource(id: number, patch: SourcePatch): Promise<Source | null>;
  /** Removes a source and the articles it brought. Returns false when there was none. */
  removeSource(id: number): Promise<boolean>;
  /** Sources whose next fetch time has come, most overdue first. */
  dueSources(now: Date, limit: number): Promise<Source[]>;
  /** The same sources, only their ids and due times (the scheduler reads them every tick). */
  dueSourceSlots(now: Date, limit: number): Promise<Array<{ id: number; nextFetchAt: Date }>>;
  recordFetch(sourceId: number, state: SourceFetchState): Promise<void>;

  /**
   * Stores new articles, skipping any already known by canonical URL or by (source, guid):
   * the same input twice changes nothing. Returns the articles actually inserted.
   */
  insertArticles(articles: NewArticle[], decide?: DecideStories): Promise<Article[]>;
  /**
   * For each key, whether an article with that canonical URL, or with that guid from this
   * source, is stored — the same test insertArticles makes — so the poll path can skip the
   * feed items it already has before building articles from them.
   */
  storedArticleKeys(sourceId: number, keys: Array<{ guid: string; canonicalUrl: string }>): Promise<boolean[]>;
  getArticle(id: number): Promise<ArticleView | null>;
  latestArticles(query: ArticleQuery): Promise<ArticleView[]>;
  counts(): Promise<StoreCounts>;

  // Stories ----------------------------------------------------------------
  /** Articles published since `since`, oldest first, for rebuilding the clusterer's window. */
  articlesSince(since: Date, limit: number): Promise<ArticleView[]>;
  /** Every article, oldest first, in pages (for re-clustering from scratch). */
  articlesInOrder(after: { publishedAt: Date; id: number } | null, limit: number): Promise<ArticleView[]>;
  /**
   * Articles the stories stage has not decided yet (no story), oldest first: the sweep of the
   * stories lease holder. `except`: ids left out (a batch decided and still being written).
   */
  articlesWithoutStory(limit: number, except?: readonly number[]): Promise<ArticleView[]>;
  /** The largest story id in use (stories are numbered by the clusterer, in one process). */
  maxStoryId(): Promise<number>;
  /** Creates the story row when it does not exist yet. */
  ensureStory(id: number, now: Date): Promise<void>;
  /** Records the stories stage's decision about one article. */
  setArticleStory(
    articleId: number,
    decision: { storyId: number | null; originalId: number | null; fingerprint: string | null; statedOriginal: string | null },
  ): Promise<void>;
  /**
   * Records the stories stage's decisions about a batch of articles in one go (one
   * transaction where the engine has them): creates each story row that does not exist yet,
   * sets each article's story, original, fingerprint and credit, and replaces its citations
   * when `citations` is given. Applied in order, so a later decision about an article wins;
   * then the merges, in order. All in one transaction; with a `fence`, only while it is the
   * stage's current epoch (else StageLostError, and nothing is written).
   */
  saveStoryDecisions(decided: StoryDecisions, now: Date, fence?: StageFence): Promise<void>;
  /**
   * Takes a stage over: counts its epoch up and returns the fence for the new holder's writes.
   * Waits for a write of the previous holder in progress; any it starts after is refused.
   */
  claimStage(stage: string): Promise<StageFence>;
  /** Moves every article of one story into another (an editor's merge); the first leads to the second from then on (storyRedirect). */
  moveStoryArticles(fromStoryId: number, toStoryId: number): Promise<void>;
  /**
   * The story that a story merged away went into (following later merges), when there is no
   * story `storyId` and that one exists; otherwise null.
   */
  storyRedirect(storyId: number): Promise<number | null>;
  /**
   * Re-clustering gave every story a new id: each old story leads to the story its first
   * article is in now (`articleId`, one of its articles before), as a merged one does.
   */
  redirectStories(redirects: Array<{ storyId: number; articleId: number }>, now: Date): Promise<void>;
  saveStoryOutline(outline: StoryOutline, now: Date): Promise<void>;
  /** Saves several outlines in one go (one transaction where the engine has them). */
  saveStoryOutlines(outlines: StoryOutline[], now: Date): Promise<void>;
  renameStory(storyId: number, title: string | null): Promise<boolean>;
  /** Editors' flags on a story; false when there is no such story. */
  setStoryFlags(storyId: number, flags: { pinned?: boolean; hidden?: boolean; commentsClosed?: boolean }): Promise<boolean>;
  /**
   * Deletes stories left without articles (after merges and splits): among `candidates`
   * when given (cheap, for the live stages that know which stories may have emptied),
   * else all of them.
   */
  deleteEmptyStories(candidates?: Iterable<number>): Promise<number>;
  getStory(id: number): Promise<Story | null>;
  /** Stories by latest coverage, newest first. */
  latestStories(query: { limit: number; section?: string | undefined; minOutlets?: number }): Promise<Story[]>;
  /** Every article of a story, copies included, oldest first. */
  storyArticles(storyId: number): Promise<ArticleView[]>;
  /**
   * The same articles as storyArticles, with only what an outline is computed from (no
   * text): the stories stage outlines the stories it touches after every batch.
   */
  storyOutlineArticles(storyId: number): Promise<OutlineArticle[]>;
  /** storyOutlineArticles of several stories at once (one round trip on PostgreSQL), by story; a story without articles has none. */
  outlineArticlesOf(storyIds: number[]): Promise<Map<number, OutlineArticle[]>>;
  replaceCitations(articleId: number, citations: Array<{ outlet: string; phrase: string }>): Promise<void>;
  storyCitations(storyId: number): Promise<StoryCitation[]>;
  addEditorAction(action: Omit<EditorAction, 'id' | 'createdAt'>, now: Date): Promise<EditorAction>;
  editorActions(): Promise<EditorAction[]>;

  // Article pages ------------------------------------------------------------
  saveArticlePage(page: ArticlePage): Promise<void>;
  getArticlePage(articleId: number): Promise<ArticlePage | null>;
  /** Articles whose page has not been fetched yet, newest first. */
  articlesWithoutPage(limit: number): Promise<ArticleView[]>;
  /** Stored pages to extract again, in article order after `afterId`. */
  storedPages(query: { sourceId?: number; afterId: number; limit: number }): Promise<ArticlePage[]>;
  /** Per source: pages fetched and pages that gave no article in the last `days`. */
  extractionStats(days: number): Promise<Map<number, { fetched: number; failed: number; lastFailure: string | null }>>;

  // Retention --------------------------------------------------------------
  /**
   * One bounded batch of retention (src/ops/retention.ts): looks at up to `limit` articles after
   * `afterId` in id order (the order they were stored) and, for those stored before `before`,
   * clears their bodies — the fetched page, its extracted text and HTML, and the feed's full
   * content — keeping the article row (title, link, summary, story) and the page's status.
   * `done` once it reaches an article stored since `before`, or the end. With `dryRun`, only
   * counts. In one transaction.
   */
  pruneBodies(query: { before: Date; afterId: number; limit: number; dryRun?: boolean }): Promise<PruneBatch>;

  // Ranking ----------------------------------------------------------------
  /**
   * Stories reported since `since` (pinned ones whatever their age), with what ranking
   * needs: the summed weight of their distinct outlets, the outlets that joined since
   * `velocitySince`, and the first outlet's name. Newest first, at most `limit`.
   */
  rankingCandidates(query: { since: Date; velocitySince: Date; section?: string | undefined; limit: number }): Promise<RankedStoryRow[]>;
}

export interface PruneBatch {
  /** The last article id looked at (the next batch starts after it). */
  lastId: number;
  /** Articles looked at and old enough. */
  scanned: number;
  /** Of those, the ones that still had a body to clear. */
  pruned: number;
  done: boolean;
}

export interface RankedStoryRow {
  story: Story;
  coverage: number;
  recentOutlets: number;
  firstOutlet: string | null;
}
