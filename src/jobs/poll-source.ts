// One fetch of one source, end to end: conditional GET, decode, parse, store new articles,
// and record how it went on the source (health, validators, next fetch). Every failure is
// recorded on the source and returned; none is thrown.
import type { Config } from '../config.js';
import type { HttpClient } from '../fetch/http.js';
import type { Article, NewArticle, Section, Source } from '../model.js';
import { announceChange } from '../store/changes.js';
import { countFetch, countIngested, parseFailuresTotal } from '../ops/metrics.js';
import type { Repository } from '../store/repository.js';
import { withReadingColumns } from '../stories/article-text.js';
import type { StoriesService } from '../stories/service.js';
import type { PageExtractor } from './extract-pages.js';
import { type FeedWork, inlineFeedWork } from './feed-work.js';
import { nextFetchAfterError, nextFetchAfterSuccess } from './schedule.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export interface PollDeps {
  http: HttpClient;
  repo: Repository;
  config: Config;
  /** The stories stage; without it articles are stored without a story. */
  stories?: StoriesService;
  /** The extraction stage; without it article pages are not fetched. */
  pages?: PageExtractor;
  /** Where feeds are read and articles made (worker threads); without it, on this thread. */
  feedWork?: FeedWork;
  /** Called with the articles this poll stored (the worker role queues their pages here). */
  afterInsert?: (articles: Article[]) => Promise<void>;
  now?: () => Date;
  /** Once aborted (shutdown), sources not started yet are left due for the next start. */
  signal?: AbortSignal;
}

export interface PollResult {
  sourceId: number;
  outcome: 'ok' | 'not_modified' | 'error';
  httpStatus: number | null;
  /** Entries in the feed (0 on 304 and errors). */
  entries: number;
  inserted: number;
  error: string | null;
}

export async function pollSource(source: Source, deps: PollDeps, sections?: Section[]): Promise<PollResult> {
  const now = deps.now ?? (() => new Date());
  const schedule = deps.config.schedule;
  const result = await deps.http.get(source.feedUrl, { etag: source.etag, lastModified: source.lastModified }, FEED_ACCEPT);
  const fetchedAt = now();
  countFetch('feed', result);

  const recordError = async (message: string, httpStatus: number | null, retryAfterMs: number | null = null) => {
    const errorCount = source.errorCount + 1;
    await deps.repo.recordFetch(source.id, {
      etag: source.etag,
      lastModified: source.lastModified,
      lastFetchAt: fetchedAt,
      lastOutcome: 'error',
      lastHttpStatus: httpStatus,
      lastError: message,
      errorCount,
      nextFetchAt: nextFetchAfterError({ now: fetchedAt, intervalMinutes: source.intervalMinutes, errorCount, retryAfterMs }, schedule),
    });
    return { sourceId: source.id, outcome: 'error' as const, httpStatus, entries: 0, inserted: 0, error: message };
  };

  if (result.kind === 'error') return recordError(result.message, result.status, result.retryAfterMs);

  if (result.kind === 'not_modified') {
    await deps.repo.recordFetch(source.id, {
      etag: result.etag ?? source.etag,
      lastModified: result.lastModified ?? source.lastModified,
      lastFetchAt: fetchedAt,
      lastOutcome: 'not_modified',
      lastHttpStatus: 304,
      lastError: null,
      errorCount: 0,
      nextFetchAt: nextFetchAfterSuccess({ now: fetchedAt, intervalMinutes: source.intervalMinutes, maxAgeSeconds: result.maxAgeSeconds }, schedule),
    });
    return { sourceId: source.id, outcome: 'not_modified', httpStatus: 304, entries: 0, inserted: 0, error: null };
  }

  const work = deps.feedWork ?? inlineFeedWork();
  const feed = await work.read(result.body, result.contentType, result.url);
  if (!feed.ok) {
    parseFailuresTotal.inc();
    return recordError(feed.error, result.status);
  }

  let articles: NewArticle[];
  try {
    const knownSections = sections ?? (await deps.repo.listSections());
    const entries = await newEntries(feed.keys, source.id, deps.repo);
    articles =
      entries.length === 0
        ? []
        : await work.build({ reading: feed.reading, entries, source, sections: knownSections, fetchedAt });
  } finally {
    // Built or not, the reader need not keep the feed any longer.
    work.forget(feed.reading);
  }
  // With the stories stage here (the all-in-one), articles are stored with their stories
  // decided, in one write; otherwise (a worker role) stored bare, for the stage's holder, with
  // their text's reading in the row so that the one holder does not compute it again.
  const inserted = deps.stories ? await deps.stories.ingest(articles, fetchedAt) : await deps.repo.insertArticles(articles.map(withReadingColumns));
  if (inserted.length > 0) announceChange(deps.repo, ['lists', 'search', 'sources']);
  countIngested(inserted, source.lastFetchAt, now());
  deps.pages?.enqueue(inserted);
  if (inserted.length > 0) await deps.afterInsert?.(inserted);
  await deps.repo.recordFetch(source.id, {
    etag: result.etag,
    lastModified: result.lastModified,
    lastFetchAt: fetchedAt,
    lastOutcome: 'ok',
    lastHttpStatus: result.status,
    lastError: null,
    errorCount: 0,
    siteUrl: feed.link,
    nextFetchAt: nextFetchAfterSuccess(
      { now: fetchedAt, intervalMinutes: source.intervalMinutes, ttlMinutes: feed.ttlMinutes, maxAgeSeconds: result.maxAgeSeconds },
      schedule,
    ),
  });
  return {
    sourceId: source.id,
    outcome: 'ok',
    httpStatus: result.status,
    entries: feed.keys.length,
    inserted: inserted.length,
    error: null,
  };
}

/**
 * The feed's entries (their positions) less those already stored (by canonical URL, or by
 * guid from this source). A feed repeats most of its items from one poll to the next;
 * building an article from each (text of the summary, section) only for the insert to skip
 * it was a large share of a poll's work. The insert still skips known articles, so this only
 * saves work. Entries without a usable link are left out: no article is made of them.
 */
async function newEntries(keys: Array<{ guid: string; canonicalUrl: string | null }>, sourceId: number, repo: Repository): Promise<number[]> {
  const withUrl = keys.flatMap((k, i) => (k.canonicalUrl ? [{ i, guid: k.guid, canonicalUrl: k.canonicalUrl }] : []));
  if (withUrl.length === 0) return [];
  const stored = await repo.storedArticleKeys(sourceId, withUrl);
  return withUrl.filter((_, j) => !stored[j]).map((k) => k.i);
}

export interface CycleResult {
  polled: PollResult[];
  inserted: number;
  errors: number;
  notModified: number;
}

/** Polls the given sources, a few at a time (the HTTP client spaces requests per host). */
export async function pollSources(sources: Source[], deps: PollDeps, concurrency = 8): Promise<CycleResult> {
  const sections = await deps.repo.listSections();
  const polled: PollResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < sources.length && !deps.signal?.aborted) {
      const source = sources[next++]!;
      try {
        polled.push(await pollSource(source, deps, sections));
      } catch (err) {
        // A bug in one source's handling must not stop the others; it is still recorded.
        const message = `internal error: ${err instanceof Error ? err.message : String(err)}`;
        polled.push({ sourceId: source.id, outcome: 'error', httpStatus: null, entries: 0, inserted: 0, error: message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
  return {
    polled,
    inserted: polled.reduce((n, p) => n + p.inserted, 0),
    errors: polled.filter((p) => p.outcome === 'error').length,
    notModified: polled.filter((p) => p.outcome === 'not_modified').length,
  };
}
