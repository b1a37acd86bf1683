// The one storage contract. SQLite implements it now (store/sqlite); PostgreSQL will
// implement the same interface and pass the same contract tests. Methods are async so an
// engine that talks over the network fits without changing callers.
import type {
  Article, ArticleView, EditorAction, NewArticle, NewSource, Section, Source, SourceFetchState, SourcePatch, Story, StoryCitation,
  StoryOutline, ArticlePage,
} from '../model.js';

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

export class DuplicateSourceError extends Error {
  constructor(readonly feedUrl: string) {
    super(`a source with feed ${feedUrl} already exists`);
  }
}

export interface Repository {
  close(): Promise<void>;

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
  recordFetch(sourceId: number, state: SourceFetchState): Promise<void>;

  /**
   * Stores new articles, skipping any already known by canonical URL or by (source, guid):
   * the same input twice changes nothing. Returns the articles actually inserted.
   */
  insertArticles(articles: NewArticle[]): Promise<Article[]>;
  getArticle(id: number): Promise<ArticleView | null>;
  latestArticles(query: ArticleQuery): Promise<ArticleView[]>;
  counts(): Promise<StoreCounts>;

  // Stories ----------------------------------------------------------------
  /** Articles published since `since`, oldest first, for rebuilding the clusterer's window. */
  articlesSince(since: Date, limit: number): Promise<ArticleView[]>;
  /** Every article, oldest first, in pages (for re-clustering from scratch). */
  articlesInOrder(after: { publishedAt: Date; id: number } | null, limit: number): Promise<ArticleView[]>;
  /** Articles the stories stage has not decided yet (no story), oldest first: the sweep of the stories lease holder. */
  articlesWithoutStory(limit: number): Promise<ArticleView[]>;
  /** The largest story id in use (stories are numbered by the clusterer, in one process). */
  maxStoryId(): Promise<number>;
  /** Creates the story row when it does not exist yet. */
  ensureStory(id: number, now: Date): Promise<void>;
  /** Records the stories stage's decision about one article. */
  setArticleStory(
    articleId: number,
    decision: { storyId: number | null; originalId: number | null; fingerprint: string | null; statedOriginal: string | null },
  ): Promise<void>;
  /** Moves every article of one story into another. */
  moveStoryArticles(fromStoryId: number, toStoryId: number): Promise<void>;
  saveStoryOutline(outline: StoryOutline, now: Date): Promise<void>;
  renameStory(storyId: number, title: string | null): Promise<boolean>;
  /** Editors' flags on a story; false when there is no such story. */
  setStoryFlags(storyId: number, flags: { pinned?: boolean; hidden?: boolean; commentsClosed?: boolean }): Promise<boolean>;
  /** Deletes stories left without articles (after merges and splits). */
  deleteEmptyStories(): Promise<number>;
  getStory(id: number): Promise<Story | null>;
  /** Stories by latest coverage, newest first. */
  latestStories(query: { limit: number; section?: string | undefined; minOutlets?: number }): Promise<Story[]>;
  /** Every article of a story, copies included, oldest first. */
  storyArticles(storyId: number): Promise<ArticleView[]>;
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

  // Ranking ----------------------------------------------------------------
  /**
   * Stories reported since `since` (pinned ones whatever their age), with what ranking
   * needs: the summed weight of their distinct outlets, the outlets that joined since
   * `velocitySince`, and the first outlet's name. Newest first, at most `limit`.
   */
  rankingCandidates(query: { since: Date; velocitySince: Date; section?: string | undefined; limit: number }): Promise<RankedStoryRow[]>;
}

export interface RankedStoryRow {
  story: Story;
  coverage: number;
  recentOutlets: number;
  firstOutlet: string | null;
}
