// What the stories stage outlines from, kept for the stories it is writing: each story's
// articles as the store would give them (OutlineArticle, in date order, the first
// OUTLINE_ARTICLES). Under a steady stream the same stories are outlined again and again as
// they grow, and reading a story's articles back — each a wide row somewhere in the articles
// table — was the largest part of an outline's cost; here a story is read once, then kept up
// to date from the articles as they are stored with their decisions.
//
// Only the stage's decisions add to it (new articles stored with their stories, or stored
// articles given theirs). Anything else that moves articles between stories (re-clustering,
// an editor's merge or split, a source deleted) makes the stage forget the stories
// concerned, or everything, and they are read from the store again: forgetting is
// always safe, keeping is only as right as the updates. A story is read again at least every
// maxAgeMs all the same, so that a change made by another process (a source removed from
// the command line) shows within that time.
import type { Article } from '../model.js';
import type { StoryDecision } from '../store/repository.js';
import type { OutlineArticle } from './outline.js';

/** As many of a story's articles as an outline reads (the store's storyOutlineArticles limit). */
export const OUTLINE_ARTICLES = 2000;

/** Stories whose last change is remembered for the reads in flight (a read takes milliseconds; thousands of stories change a second). */
const MAX_CHANGES_RECORDED = 100_000;

/** Orders as the store does: by publication time, then id. */
function before(a: OutlineArticle, b: OutlineArticle): boolean {
  const [ta, tb] = [a.publishedAt.getTime(), b.publishedAt.getTime()];
  return ta < tb || (ta === tb && a.id < b.id);
}

export class OutlineMemory {
  /** Stories' articles and when they were read, least recently used first (a Map keeps insertion order). */
  private stories = new Map<number, { rows: OutlineArticle[]; readAt: number }>();
  /** The story each article held here is under. */
  private storyOf = new Map<number, number>();
  private rows = 0;
  /** Counts changes: a read from the store that a change to its story overtook is not kept (see put). */
  private changes = 0;
  /** The change each story last took part in (held or not), for the reads in flight. */
  private lastChange = new Map<number, number>();
  /** Reads begun before this change are not kept at all (everything was forgotten, or the record above was cleared). */
  private floor = 0;

  constructor(
    private readonly maxRows = 50_000,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Changes so far: taken before a read from the store and given back to put(). */
  get epoch(): number {
    return this.changes;
  }

  get size(): { stories: number; rows: number } {
    return { stories: this.stories.size, rows: this.rows };
  }

  /** The story's articles when they are held (and it becomes the most recently used). */
  get(storyId: number): OutlineArticle[] | undefined {
    const held = this.stories.get(storyId);
    if (held === undefined) return undefined;
    if (held.readAt + this.maxAgeMs <= this.now()) {
      this.forgetOne(storyId);
      return undefined;
    }
    this.stories.delete(storyId);
    this.stories.set(storyId, held);
    return held.rows;
  }

  /**
   * Holds a story's articles as read from the store when the memory was at `epoch`; if the
   * story changed here since (articles stored into it while the read was awaited), the read
   * may lack them, and it is not kept. Changes to other stories do not matter: under a steady
   * stream something is stored during nearly every read.
   */
  put(storyId: number, rows: OutlineArticle[], epoch: number): void {
    if (epoch < this.floor || (this.lastChange.get(storyId) ?? -1) > epoch) return;
    this.forgetOne(storyId);
    if (rows.length > this.maxRows) return;
    this.stories.set(storyId, { rows, readAt: this.now() });
    for (const r of rows) this.storyOf.set(r.id, storyId);
    this.rows += rows.length;
    this.evict();
  }

  /**
   * New articles just stored with their decisions (and the decisions made about stored
   * articles meanwhile: a copy that arrived first gets its original). A story held here takes
   * its new articles; a stored article whose decision changed is forgotten with its stories.
   */
  stored(
    articles: Array<Pick<Article, 'id' | 'sourceId' | 'title' | 'summary' | 'imageUrl' | 'section' | 'publishedAt'>>,
    decisions: StoryDecision[],
    /** Whether the stage started this story with this batch: it has no other articles, and is held from its first. */
    isNew: (storyId: number) => boolean = () => false,
  ): void {
    this.changes++;
    const newArticles = new Map(articles.map((a) => [a.id, a]));
    for (const d of decisions) {
      if (d.storyId === null) continue;
      this.changed(d.storyId);
      if (isNew(d.storyId) && !this.stories.has(d.storyId)) this.stories.set(d.storyId, { rows: [], readAt: this.now() });
    }
    for (const d of decisions) {
      const article = newArticles.get(d.articleId);
      if (article === undefined) {
        // About an article stored before (a copy that came first, given its original now).
        this.redecided(d);
        continue;
      }
      if (d.storyId === null) continue;
      if (this.storyOf.has(article.id)) {
        // Decided twice in one batch: whatever it is now, the store says it.
        this.forgetOne(this.storyOf.get(article.id)!);
        this.forgetOne(d.storyId);
        continue;
      }
      const rows = this.stories.get(d.storyId)?.rows;
      if (rows === undefined) continue;
      const row: OutlineArticle = {
        id: article.id, sourceId: article.sourceId, title: article.title, summary: article.summary,
        imageUrl: article.imageUrl, section: article.section, publishedAt: article.publishedAt, originalId: d.originalId,
      };
      this.insert(d.storyId, rows, row);
    }
    this.evict();
  }

  /**
   * Stories merged (in this order, after the batch's decisions were stored): each merged
   * story's held rows go into the story it went into, as the store moved its articles. Only
   * when both are held; otherwise both are read again. A giant story that absorbs a small one
   * is not read again whole (merges come with a few per cent of articles).
   */
  merged(merges: Array<{ from: number; into: number }>): void {
    this.changes++;
    for (const { from, into } of merges) {
      this.changed(from);
      this.changed(into);
      const source = this.stories.get(from)?.rows;
      const target = this.stories.get(into)?.rows;
      if (source === undefined || target === undefined || from === into) {
        this.forgetOne(from);
        this.forgetOne(into);
        continue;
      }
      // Each held list is its story's first rows (all of them, or the first OUTLINE_ARTICLES):
      // the first OUTLINE_ARTICLES of their union are the merged story's.
      this.forgetOne(from);
      for (const r of source) this.insert(into, target, r);
    }
  }

  /**
   * A stored article decided again: its row leaves the story it was held under and, with its
   * new original, joins the one decided, where those are held. A story held at its limit that
   * loses a row is read again (the next row in the store is not held).
   */
  private redecided(d: StoryDecision): void {
    const from = this.storyOf.get(d.articleId);
    // A story not held that loses the article (a read in flight may have it) is not known here:
    // every read in flight is refused.
    if (from === undefined) this.refuseReadsInFlight();
    const rows = from === undefined ? undefined : this.stories.get(from)?.rows;
    const at = rows === undefined ? -1 : rows.findIndex((r) => r.id === d.articleId);
    if (rows === undefined || at < 0) {
      if (from !== undefined) this.forgetOne(from);
      if (d.storyId !== null) this.forgetOne(d.storyId);
      return;
    }
    const row = rows[at]!;
    if (rows.length >= OUTLINE_ARTICLES) this.forgetOne(from!);
    else this.removeAt(rows, at);
    if (d.storyId === null) return;
    const target = this.stories.get(d.storyId)?.rows;
    if (target !== undefined) this.insert(d.storyId, target, { ...row, originalId: d.originalId });
  }

  /** Forgets these stories: they are read from the store next time. */
  forget(storyIds: Iterable<number>): void {
    this.changes++;
    for (const id of storyIds) {
      this.changed(id);
      this.forgetOne(id);
    }
  }

  clear(): void {
    this.changes++;
    this.refuseReadsInFlight();
    this.stories = new Map();
    this.storyOf = new Map();
    this.rows = 0;
  }

  /** Past the bound, the least recently used stories go. */
  private evict(): void {
    for (const [oldest] of this.stories) {
      if (this.rows <= this.maxRows) break;
      this.forgetOne(oldest);
    }
  }

  /** Records that a story changed now; past a bound, the record starts again and the reads in flight are refused. */
  private changed(storyId: number): void {
    if (this.lastChange.size >= MAX_CHANGES_RECORDED) this.refuseReadsInFlight();
    this.lastChange.set(storyId, this.changes);
  }

  /** No read begun before now is kept; the stories' changes recorded so far are needed no more. */
  private refuseReadsInFlight(): void {
    this.floor = this.changes;
    this.lastChange = new Map();
  }

  /** Puts a new row in its place; past the store's limit, the last row goes (or the new one does not come in). */
  private insert(storyId: number, rows: OutlineArticle[], row: OutlineArticle): void {
    let at = rows.length;
    while (at > 0 && before(row, rows[at - 1]!)) at--;
    if (at >= OUTLINE_ARTICLES) return;
    rows.splice(at, 0, row);
    this.storyOf.set(row.id, storyId);
    this.rows++;
    if (rows.length > OUTLINE_ARTICLES) this.removeAt(rows, rows.length - 1);
  }

  /** Takes a held story's row out. */
  private removeAt(rows: OutlineArticle[], at: number): void {
    const [row] = rows.splice(at, 1);
    this.storyOf.delete(row!.id);
    this.rows--;
  }

  private forgetOne(storyId: number): void {
    const rows = this.stories.get(storyId)?.rows;
    if (rows === undefined) return;
    this.stories.delete(storyId);
    for (const r of rows) if (this.storyOf.get(r.id) === storyId) this.storyOf.delete(r.id);
    this.rows -= rows.length;
  }
}
