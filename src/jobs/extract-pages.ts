// The extraction stage: for each new article, fetch its page politely (robots.txt, the
// fetcher's per-host limits), extract the text in a worker thread, and store both the page
// and what came out of it. A bot wall, a robots.txt refusal or an HTTP error is recorded
// with its reason; the article keeps the feed's text.
import type { ExtractResult } from '../extract/index.js';
import type { HttpClient } from '../fetch/http.js';
import { RobotsCache } from '../fetch/robots.js';
import type { Article, ArticlePage } from '../model.js';
import { announceChange, articleTag } from '../store/changes.js';
import { logError } from '../ops/logger.js';
import { countFetch, extractionFailuresTotal, type QueueStats } from '../ops/metrics.js';
import type { Repository } from '../store/repository.js';
import type { ExtractTask } from './extract-worker.js';
import { WorkerPool } from './worker-pool.js';

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** A page that extraction turned into an article, or the reason it did not. */
export function pageFromExtraction(
  articleId: number,
  result: ExtractResult,
  fetched: { html: Buffer; httpStatus: number; contentType: string | null; fetchedAt: Date },
  now: Date,
): ArticlePage {
  const base = { articleId, httpStatus: fetched.httpStatus, contentType: fetched.contentType, html: fetched.html, fetchedAt: fetched.fetchedAt, extractedAt: now };
  if (!result.ok) {
    return { ...base, status: result.reason, detail: result.detail, text: null, cleanHtml: null, byline: null, canonicalUrl: null, imageUrl: null, supportUrl: null };
  }
  const a = result.article;
  return {
    ...base, status: 'ok', detail: null, text: a.text, cleanHtml: a.html, byline: a.byline,
    canonicalUrl: a.canonicalUrl, imageUrl: a.image, supportUrl: a.supportUrl,
  };
}

export class PageExtractor {
  private readonly pool: WorkerPool<ExtractTask, ExtractResult>;
  private readonly robots: RobotsCache;
  private readonly pending: Array<{ article: Article; queuedAt: number }> = [];
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly repo: Repository,
    private readonly http: HttpClient,
    private readonly concurrency = 4,
    poolSize?: number,
  ) {
    this.pool = new WorkerPool(new URL('./extract-worker.js', import.meta.url), poolSize);
    this.robots = new RobotsCache(http);
  }

  /** Queues articles whose pages should be fetched and extracted. */
  enqueue(articles: Article[]): void {
    if (this.stopped) return;
    const queuedAt = Date.now();
    for (const article of articles) this.pending.push({ article, queuedAt });
    this.pump();
  }

  /** Depth and age of the queue, for /metrics. */
  stats(): QueueStats {
    const oldest = this.pending[0];
    return { depth: this.pending.length + this.inFlight, oldestAgeSeconds: oldest ? (Date.now() - oldest.queuedAt) / 1000 : 0 };
  }

  /**
   * Queues every article whose page was never fetched (the process stopped before it got to
   * them), newest first, a batch at a time. A page that fails is stored with its reason, so
   * each batch moves on; an article tried once already in this process is not tried again.
   */
  async resumeMissing(batch = 500): Promise<number> {
    const tried = new Set<number>();
    for (;;) {
      if (this.stopped) return tried.size;
      const missing = (await this.repo.articlesWithoutPage(batch)).filter((a) => !tried.has(a.id));
      if (missing.length === 0) return tried.size;
      for (const a of missing) tried.add(a.id);
      this.enqueue(missing);
      await this.idle();
    }
  }

  /** Resolves when every queued page has been handled. */
  idle(): Promise<void> {
    if (this.pending.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency && this.pending.length > 0) {
      const { article } = this.pending.shift()!;
      this.inFlight++;
      void this.handle(article)
        .catch((err) => logError('extracting an article failed', err, { articleId: article.id }))
        .finally(() => {
          this.inFlight--;
          this.pump();
          if (this.pending.length === 0 && this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }

  /** Fetches and extracts one article's page, and stores the outcome. */
  async handle(article: Pick<Article, 'id' | 'url'>): Promise<ArticlePage> {
    const now = new Date();
    const failure = (status: ArticlePage['status'], detail: string, httpStatus: number | null = null): ArticlePage => ({
      articleId: article.id, status, detail, httpStatus, contentType: null, html: null, text: null, cleanHtml: null,
      byline: null, canonicalUrl: null, imageUrl: null, supportUrl: null, fetchedAt: now, extractedAt: null,
    });
    let page: ArticlePage;
    const verdict = await this.robots.check(article.url);
    if (!verdict.allowed) {
      page = failure('robots', verdict.reason ?? 'disallowed by robots.txt');
    } else {
      const result = await this.http.get(article.url, {}, PAGE_ACCEPT);
      countFetch('page', result);
      if (result.kind !== 'ok') {
        page = failure('http-error', result.kind === 'error' ? result.message : 'unexpected 304', result.status);
      } else {
        try {
          const extracted = await this.pool.run({ bytes: result.body, url: result.url, contentType: result.contentType });
          page = pageFromExtraction(article.id, extracted, { html: result.body, httpStatus: result.status, contentType: result.contentType, fetchedAt: now }, new Date());
        } catch (err) {
          page = { ...failure('error', err instanceof Error ? err.message : String(err), result.status), html: result.body, contentType: result.contentType };
        }
      }
    }
    await this.repo.saveArticlePage(page);
    announceChange(this.repo, [articleTag(page.articleId), 'search']);
    if (page.status !== 'ok') extractionFailuresTotal.inc({ reason: page.status });
    return page;
  }

  /** Extracts stored pages again (after better rules), without fetching them. */
  async reextract(query: { sourceId?: number }, onProgress?: (done: number) => void): Promise<{ pages: number; ok: number }> {
    let afterId = 0;
    let pages = 0;
    let ok = 0;
    for (;;) {
      const batch = await this.repo.storedPages({ ...query, afterId, limit: 100 });
      if (batch.length === 0) break;
      await Promise.all(
        batch.map(async (stored) => {
          const article = await this.repo.getArticle(stored.articleId);
          const extracted = await this.pool.run({ bytes: stored.html!, url: article?.url ?? '', contentType: stored.contentType });
          const page = pageFromExtraction(stored.articleId, extracted, { html: stored.html!, httpStatus: stored.httpStatus ?? 200, contentType: stored.contentType, fetchedAt: stored.fetchedAt }, new Date());
          await this.repo.saveArticlePage(page);
          announceChange(this.repo, [articleTag(page.articleId), 'search']);
          if (page.status === 'ok') ok++;
        }),
      );
      pages += batch.length;
      afterId = batch[batch.length - 1]!.articleId;
      onProgress?.(pages);
    }
    return { pages, ok };
  }

  /**
   * Finishes the pages in flight and drops the ones waiting: those have no stored page, so
   * the next start queues them again (resumeMissing). Closing the pool under a page in flight
   * would store it as an error instead, and it would never be fetched again.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.length = 0;
    await this.idle();
    await this.pool.close();
  }
}
