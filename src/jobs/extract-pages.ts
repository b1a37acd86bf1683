// The extraction stage: for each new article, fetch its page politely (robots.txt, the
// fetcher's per-host limits), extract the text in a worker thread, and store both the page
// and what came out of it. A bot wall, a robots.txt refusal or an HTTP error is recorded
// with its reason; the article keeps the feed's text.
import type { ExtractResult } from '../extract/index.js';
import type { HttpClient } from '../fetch/http.js';
import { RobotsCache } from '../fetch/robots.js';
import type { Article, ArticlePage } from '../model.js';
import { announceChange, articleTag } from '../store/changes.js';
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
  private readonly pending: Article[] = [];
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
    this.pending.push(...articles);
    this.pump();
  }

  /** Resolves when every queued page has been handled. */
  idle(): Promise<void> {
    if (this.pending.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency && this.pending.length > 0) {
      const article = this.pending.shift()!;
      this.inFlight++;
      void this.handle(article)
        .catch((err) => console.error(`newsroom: extracting article ${article.id} failed:`, err))
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

  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.length = 0;
    await this.pool.close();
  }
}
