// The canonical model: one type per concept, shared by every stage (DESIGN.md, "Principles").
// Adapters at the edges (feed formats, HTTP, SQL rows) convert into these and out of them.

/** One item of a feed, whatever the feed's format. */
export interface Entry {
  /** Stable id within its feed: guid/id, else link, else a hash of title and content. */
  id: string;
  /** Plain text; null when the feed gives none (pages fall back to the link or "(untitled)"). */
  title: string | null;
  /** Absolute URL of the article page, when the feed gives one. */
  link: string | null;
  published: Date | null;
  updated: Date | null;
  author: string | null;
  summary: string | null;
  /** Full content as the feed carries it (untrusted HTML). */
  content: string | null;
  categories: string[];
  enclosures: Enclosure[];
}

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

/** A parsed feed: its own title and link, its entries and its polling hint. */
export interface Feed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  entries: Entry[];
  /** RSS <ttl> in minutes, when the feed states one. */
  ttlMinutes: number | null;
}

/** How the last fetch of a source went. */
export type FetchOutcome = 'ok' | 'not_modified' | 'error';

export interface Source {
  id: number;
  feedUrl: string;
  siteUrl: string | null;
  name: string;
  /** Section slug every article of this source belongs to by default, or null. */
  section: string | null;
  /** Polling interval chosen for this source, in minutes. */
  intervalMinutes: number;
  weight: number;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: Date | null;
  lastOutcome: FetchOutcome | null;
  lastHttpStatus: number | null;
  lastError: string | null;
  /** Consecutive failures; drives the back-off, reset by any success. */
  errorCount: number;
  nextFetchAt: Date;
  /** Paused by an editor: not polled until resumed. */
  paused: boolean;
  createdAt: Date;
}

/** What an editor may change about a source. */
export interface SourcePatch {
  name?: string;
  section?: string | null;
  weight?: number;
  intervalMinutes?: number;
  paused?: boolean;
}

export interface NewSource {
  feedUrl: string;
  siteUrl?: string | null;
  name: string;
  section?: string | null;
  intervalMinutes?: number;
}

/** What a fetch cycle writes back about a source. */
export interface SourceFetchState {
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: Date;
  lastOutcome: FetchOutcome;
  lastHttpStatus: number | null;
  lastError: string | null;
  errorCount: number;
  nextFetchAt: Date;
  /** The feed's own title, used to name a source that was added without one. */
  feedTitle?: string | null;
  siteUrl?: string | null;
}

export interface Article {
  id: number;
  sourceId: number;
  /** Entry id within the source's feed. */
  guid: string;
  /** The link as the publisher gave it. */
  url: string;
  /** Normalised URL (tracking parameters, fragment, www. and trailing slash removed): the identity key. */
  canonicalUrl: string;
  title: string;
  author: string | null;
  summary: string | null;
  /** Untrusted HTML from the feed; rendered only as text. */
  contentHtml: string | null;
  imageUrl: string | null;
  section: string | null;
  categories: string[];
  publishedAt: Date;
  fetchedAt: Date;
  storyId: number | null;
  /** SimHash of the text (without datelines and credit lines); null for very short texts. */
  fingerprint: string | null;
  /** Set on a syndicated copy: the article it republishes. */
  originalId: number | null;
  /** The outlet the article says it was first published by ("Read the original article on X"). */
  statedOriginal: string | null;
}

export type NewArticle = Omit<Article, 'id' | 'storyId' | 'fingerprint' | 'originalId' | 'statedOriginal'> &
  Partial<Pick<Article, 'fingerprint' | 'statedOriginal'>> & {
    /**
     * The stories stage's reading of the article's text, when it was made beside the feed's
     * parse (on a worker thread: src/jobs/feed-work.ts); not stored. Without it the stage
     * reads the text itself, with the same function (src/stories/article-text.ts).
     */
    prepared?: PreparedText;
  };

/** What the stories stage reads from an article's text before deciding (prepareText). */
export interface PreparedText {
  /** The article's text: its content as text when longer than its summary, else the summary. */
  text: string;
  /** The outlet it says it republishes ("Read the original article on X"). */
  stated: string | null;
  /** MinHash of the text without credit lines (with the title when the text is short). */
  fingerprint: string | null;
  /** MinHash of the standfirst (the summary) alone, for copies in summary-only feeds. */
  standfirstPrint: string | null;
}

/** An article with the outlet that published it, as pages show it. */
export interface ArticleView extends Article {
  sourceName: string;
  sourceSiteUrl: string | null;
}

export interface Section {
  slug: string;
  name: string;
  position: number;
}

/** A story: one event and all its coverage. */
export interface Story {
  id: number;
  /** The headline shown: the editor's, else the lead article's. */
  title: string;
  /** The headline chosen automatically (kept when an editor renames the story). */
  autoTitle: string;
  editorTitle: string | null;
  summary: string | null;
  imageUrl: string | null;
  section: string | null;
  leadArticleId: number | null;
  firstArticleId: number | null;
  firstReportedAt: Date | null;
  lastReportedAt: Date | null;
  /** Articles that are coverage of their own (syndicated copies not counted). */
  articleCount: number;
  /** Distinct outlets with coverage of their own. */
  outletCount: number;
  /** Editors' flags: pinned to the top, hidden from lists, comments closed. */
  pinned: boolean;
  hidden: boolean;
  commentsClosed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What the stories stage computes for a story from its articles. */
export type StoryOutline = Omit<Story, 'title' | 'editorTitle' | 'createdAt' | 'updatedAt' | 'pinned' | 'hidden' | 'commentsClosed'>;

export interface StoryCitation {
  articleId: number;
  /** The outlet that reported it (the citing article's). */
  citingOutlet: string;
  /** The outlet cited, as named in the text. */
  outlet: string;
  phrase: string;
}

export interface EditorAction {
  id: number;
  kind: 'merge' | 'split' | 'rename';
  storyId: number | null;
  intoStoryId: number | null;
  /** merge: an article of the story merged away; split: the article split out; rename: an article of the story. */
  articleId: number | null;
  /** merge: an article of the story merged into. */
  intoArticleId: number | null;
  title: string | null;
  createdAt: Date;
}

/** Where a comment stands in moderation (src/comments/moderation.ts has the transitions). */
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'deleted';

/** A reader's comment on a story. The email and the client's address are kept only as hashes. */
export interface Comment {
  id: number;
  storyId: number;
  /** The top-level comment this one replies to (one level of replies), or null. */
  parentId: number | null;
  /**
   * The article the comment hangs on: its story's first report when it was posted (a reply's,
   * its parent's). The comment follows it when stories are merged, split or re-clustered.
   */
  articleId: number | null;
  authorName: string;
  /** SHA-256 of the trimmed, lower-cased email (for an avatar and bans), or null. */
  emailHash: string | null;
  /** The author's website, an http(s) URL, or null. */
  website: string | null;
  /** Plain text, as typed (line endings normalised); never rendered as HTML. */
  body: string;
  status: CommentStatus;
  /** Salted hash of the client's address: rate limits and bans. */
  clientHash: string;
  /** Keyed hash of name + email: the pair whose approval lets later comments through. */
  authorKey: string;
  /** The token a held comment's author's browser keeps in a cookie to see it. */
  heldToken: string | null;
  createdAt: Date;
  moderatedAt: Date | null;
}

/** What happened when the article's page was fetched and extracted. */
export type PageStatus = 'ok' | 'bot-wall' | 'not-article' | 'empty' | 'robots' | 'http-error' | 'error';

export interface ArticlePage {
  articleId: number;
  status: PageStatus;
  /** Why, when the status is not ok ("Cloudflare challenge", "disallowed by robots.txt"…). */
  detail: string | null;
  httpStatus: number | null;
  contentType: string | null;
  /** The page as fetched, for extracting again with better rules. */
  html: Buffer | null;
  text: string | null;
  /** Sanitised HTML of the article body. */
  cleanHtml: string | null;
  byline: string | null;
  canonicalUrl: string | null;
  imageUrl: string | null;
  supportUrl: string | null;
  fetchedAt: Date;
  extractedAt: Date | null;
}
