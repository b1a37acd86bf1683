// The process's Prometheus metrics (prom-client): Node's default process metrics plus what
// an operator of a news aggregator watches — fetches by outcome, parse and extraction
// failures, articles stored, how late they arrive, queue depths and ages, and request
// latency. One registry per process; docs/operations.md says what each metric means.
import client from 'prom-client';
import type { FetchResult } from '../fetch/http.js';

export const registry = new client.Registry();

export const fetchesTotal = new client.Counter({
  name: 'newsroom_fetches_total',
  help: 'Fetches of feeds and article pages, by kind (feed|page) and outcome: HTTP status class (2xx, 3xx, 4xx, 5xx), 304, or the error kind (timeout, network, forbidden_address, too_large, too_many_redirects, invalid_url)',
  labelNames: ['kind', 'status'] as const,
  registers: [registry],
});

export const parseFailuresTotal = new client.Counter({
  name: 'newsroom_parse_failures_total',
  help: 'Feeds fetched but not parseable as RSS, Atom or JSON Feed',
  registers: [registry],
});

export const extractionFailuresTotal = new client.Counter({
  name: 'newsroom_extraction_failures_total',
  help: 'Article pages that gave no article, by reason (bot-wall, not-article, empty, robots, http-error, error)',
  labelNames: ['reason'] as const,
  registers: [registry],
});

export const articlesIngestedTotal = new client.Counter({
  name: 'newsroom_articles_ingested_total',
  help: 'New articles stored',
  registers: [registry],
});

/**
 * A histogram, not a gauge: every new article is one observation, and the question is the
 * distribution ("95% are on the site within 20 minutes of publication"), which a gauge of the
 * last value cannot answer and a histogram aggregates across processes.
 */
export const ingestLagSeconds = new client.Histogram({
  name: 'newsroom_ingest_lag_seconds',
  help: "Seconds from an article's stated publication to its being stored and clustered (articles published since the previous poll of their source)",
  buckets: [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400],
  registers: [registry],
});

export const httpRequestDuration = new client.Histogram({
  name: 'newsroom_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const lastFetchCycle = new client.Gauge({
  name: 'newsroom_last_fetch_cycle_timestamp_seconds',
  help: 'When the scheduler last finished a fetch cycle (Unix time); alert when it falls behind',
  registers: [registry],
});

/** The outcome label of one fetch. */
export function fetchStatusLabel(result: FetchResult): string {
  if (result.kind === 'not_modified') return '304';
  if (result.kind === 'ok') return `${Math.floor(result.status / 100)}xx`;
  return result.error === 'http' && result.status !== null ? `${Math.floor(result.status / 100)}xx` : result.error;
}

export function countFetch(kind: 'feed' | 'page', result: FetchResult): void {
  fetchesTotal.inc({ kind, status: fetchStatusLabel(result) });
}

/**
 * Records new articles: one count each, and the lag of those published after `since` (the
 * source's previous poll). Older ones are a backlog the feed still lists — a new source's
 * first poll, a feed that republishes — and would measure the feed's length, not our delay.
 */
export function countIngested(articles: ReadonlyArray<{ publishedAt: Date }>, since: Date | null, storedAt: Date): void {
  articlesIngestedTotal.inc(articles.length);
  if (!since) return;
  for (const a of articles) {
    if (a.publishedAt.getTime() >= since.getTime()) ingestLagSeconds.observe(Math.max(0, (storedAt.getTime() - a.publishedAt.getTime()) / 1000));
  }
}

export interface QueueStats {
  /** Jobs waiting or running. */
  depth: number;
  /** Age of the oldest waiting job in seconds (0 when none waits). */
  oldestAgeSeconds: number;
}

const queues = new Map<string, () => QueueStats | Promise<QueueStats>>();

async function queueStats(): Promise<Array<[string, QueueStats]>> {
  return Promise.all([...queues].map(async ([name, collect]) => [name, await collect()] as [string, QueueStats]));
}

new client.Gauge({
  name: 'newsroom_queue_depth',
  help: 'Jobs waiting or running, by queue',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [queue, stats] of await queueStats()) this.set({ queue }, stats.depth);
  },
});

new client.Gauge({
  name: 'newsroom_queue_oldest_age_seconds',
  help: 'Age of the oldest waiting job, by queue',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [queue, stats] of await queueStats()) this.set({ queue }, stats.oldestAgeSeconds);
  },
});

/**
 * Lets a queue (the in-process page queue, a BullMQ queue) report its depth and age, read at
 * each scrape. Returns the function that unregisters it.
 */
export function registerQueueMetrics(queue: string, collect: () => QueueStats | Promise<QueueStats>): () => void {
  queues.set(queue, collect);
  return () => {
    if (queues.get(queue) === collect) queues.delete(queue);
  };
}

let processMetrics = false;

/** Node's process metrics (CPU, memory, event loop lag, handles), started once by a serving process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  client.collectDefaultMetrics({ register: registry, prefix: 'newsroom_' });
}
