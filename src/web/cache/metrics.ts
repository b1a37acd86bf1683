// The page cache on /metrics (docs/operations.md): what it holds and how often it answers,
// read from the caches of this process at each scrape.
import client from 'prom-client';
import { registry } from '../../ops/metrics.js';
import type { PageCache, PageCacheStats } from './page-cache.js';

const caches = new Set<PageCache>();

const sum = (field: keyof PageCacheStats) => [...caches].reduce((n, c) => n + c.stats()[field], 0);

new client.Gauge({
  name: 'newsroom_page_cache_bytes',
  help: 'Bytes of rendered pages (and their compressed copies) kept by the page cache',
  registers: [registry],
  collect() {
    this.set(sum('bytes'));
  },
});

new client.Gauge({
  name: 'newsroom_page_cache_entries',
  help: 'Pages kept by the page cache',
  registers: [registry],
  collect() {
    this.set(sum('entries'));
  },
});

new client.Counter({
  name: 'newsroom_page_cache_lookups_total',
  help: 'Page cache lookups, by result (hit, miss)',
  labelNames: ['result'] as const,
  registers: [registry],
  collect() {
    this.reset();
    this.inc({ result: 'hit' }, sum('hits'));
    this.inc({ result: 'miss' }, sum('misses'));
  },
});

/** Counts a cache on /metrics until the returned function is called. */
export function registerPageCacheMetrics(cache: PageCache): () => void {
  caches.add(cache);
  return () => caches.delete(cache);
}
