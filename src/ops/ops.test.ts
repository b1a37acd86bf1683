import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ConfigError, defaultConfig, loadConfig } from '../config.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { buildApp } from '../web/app.js';
import { Readiness } from './health.js';
import { countFetch, countIngested, fetchStatusLabel, registerQueueMetrics, registry } from './metrics.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-ops-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The value of one series in the text exposition, or 0 when absent. */
async function metricValue(series: string): Promise<number> {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('operations settings', () => {
  it('reads them from the environment and names the variable when one is wrong', () => {
    const config = loadConfig({ NEWSROOM_LOG_LEVEL: 'DEBUG', NEWSROOM_METRICS_TOKEN: 'x'.repeat(16), NEWSROOM_RETAIN_BODIES_DAYS: '90', NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS: '5' });
    assert.deepEqual(config.ops, { logLevel: 'debug', metricsToken: 'x'.repeat(16), retainBodiesDays: 90, shutdownTimeoutMs: 5000 });
    const wrong: Array<[Record<string, string>, RegExp]> = [
      [{ NEWSROOM_LOG_LEVEL: 'loud' }, /ops\.logLevel \(NEWSROOM_LOG_LEVEL\)/],
      [{ NEWSROOM_METRICS_TOKEN: 'short' }, /NEWSROOM_METRICS_TOKEN/],
      [{ NEWSROOM_RETAIN_BODIES_DAYS: '0' }, /NEWSROOM_RETAIN_BODIES_DAYS/],
      [{ NEWSROOM_RETAIN_BODIES_DAYS: '1.5' }, /NEWSROOM_RETAIN_BODIES_DAYS/],
      [{ NEWSROOM_RETAIN_BODIES_DAYS: 'a month' }, /NEWSROOM_RETAIN_BODIES_DAYS must be a number/],
      [{ NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS: '-1' }, /NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS/],
    ];
    for (const [env, message] of wrong) assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message), JSON.stringify(env));
  });
});

describe('readiness checks', () => {
  it('reports each check, failing on an error or a timeout', async () => {
    const readiness = new Readiness();
    readiness.register('fast', async () => undefined);
    readiness.register('broken', async () => {
      throw new Error('connection refused');
    });
    readiness.register('hung', () => new Promise(() => undefined), 50);
    const report = await readiness.run();
    assert.equal(report.ok, false);
    assert.equal(report.checks.fast!.ok, true);
    assert.deepEqual([report.checks.broken!.ok, report.checks.broken!.error], [false, 'connection refused']);
    assert.equal(report.checks.hung!.ok, false);
    assert.match(report.checks.hung!.error!, /no answer within 50 ms/);
    assert.ok(report.checks.hung!.ms >= 45 && report.checks.hung!.ms < 1000);
  });
});

describe('metrics', () => {
  it('labels fetches by status class, 304 or error kind', () => {
    const base = { url: 'https://x.example/', etag: null, lastModified: null, maxAgeSeconds: null };
    assert.equal(fetchStatusLabel({ ...base, kind: 'ok', status: 200, body: Buffer.alloc(0), contentType: null }), '2xx');
    assert.equal(fetchStatusLabel({ ...base, kind: 'not_modified', status: 304 }), '304');
    const failure = { kind: 'error' as const, url: base.url, message: 'x', retryAfterMs: null };
    assert.equal(fetchStatusLabel({ ...failure, error: 'http', status: 503 }), '5xx');
    assert.equal(fetchStatusLabel({ ...failure, error: 'http', status: 404 }), '4xx');
    assert.equal(fetchStatusLabel({ ...failure, error: 'timeout', status: null }), 'timeout');
  });

  it('counts ingested articles and observes the lag of those published since the last poll only', async () => {
    const before = await metricValue('newsroom_articles_ingested_total');
    const lagCount = await metricValue('newsroom_ingest_lag_seconds_count');
    const lagSum = await metricValue('newsroom_ingest_lag_seconds_sum');
    const now = new Date('2026-11-29T10:00:00Z');
    const lastPoll = new Date('2026-11-29T09:45:00Z');
    countIngested(
      [{ publishedAt: new Date('2026-11-29T09:50:00Z') }, { publishedAt: new Date('2026-11-29T09:58:00Z') }, { publishedAt: new Date('2026-11-01T00:00:00Z') }],
      lastPoll,
      now,
    );
    assert.equal((await metricValue('newsroom_articles_ingested_total')) - before, 3);
    assert.equal((await metricValue('newsroom_ingest_lag_seconds_count')) - lagCount, 2);
    assert.equal((await metricValue('newsroom_ingest_lag_seconds_sum')) - lagSum, 600 + 120);
    // A source's first poll (no previous fetch) is a backlog: counted, not timed.
    countIngested([{ publishedAt: new Date('2026-11-29T09:59:00Z') }], null, now);
    assert.equal((await metricValue('newsroom_ingest_lag_seconds_count')) - lagCount, 2);
  });

  it('reads registered queues at each scrape and forgets them when unregistered', async () => {
    let depth = 7;
    const unregister = registerQueueMetrics('probe', () => ({ depth, oldestAgeSeconds: 42 }));
    assert.equal(await metricValue('newsroom_queue_depth{queue="probe"}'), 7);
    depth = 3;
    assert.equal(await metricValue('newsroom_queue_depth{queue="probe"}'), 3);
    assert.equal(await metricValue('newsroom_queue_oldest_age_seconds{queue="probe"}'), 42);
    unregister();
    assert.doesNotMatch(await registry.metrics(), /queue="probe"/);
  });
});

describe('operations endpoints', () => {
  let repo: SqliteRepository;
  let app: FastifyInstance;
  let guarded: FastifyInstance;
  const readiness = new Readiness();
  let queueHealthy = true;

  before(async () => {
    repo = SqliteRepository.open(path.join(dir, 'ops.db'));
    readiness.register('queue', async () => {
      if (!queueHealthy) throw new Error('redis: connection refused');
    });
    app = await buildApp({ repo, config: defaultConfig(), readiness });
    const config = defaultConfig();
    config.ops.metricsToken = 'a-long-enough-secret-token';
    guarded = await buildApp({ repo, config });
  });
  after(async () => {
    await app.close();
    await guarded.close();
    await repo.close();
  });

  it('answers /healthz whatever the dependencies, and /readyz 503 while one fails', async () => {
    const ready = await app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
    assert.deepEqual(Object.keys(ready.json().checks).sort(), ['queue', 'store']);
    queueHealthy = false;
    try {
      const unready = await app.inject({ url: '/readyz' });
      assert.equal(unready.statusCode, 503);
      assert.equal(unready.json().status, 'unavailable');
      assert.equal(unready.json().checks.queue.error, 'redis: connection refused');
      assert.equal(unready.json().checks.store.ok, true);
      const alive = await app.inject({ url: '/healthz' });
      assert.equal(alive.statusCode, 200);
      assert.equal(alive.json().status, 'ok');
    } finally {
      queueHealthy = true;
    }
  });

  it('gives every response a request id, keeping a sane incoming one', async () => {
    const kept = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'proxy-1234.abc' } });
    assert.equal(kept.headers['x-request-id'], 'proxy-1234.abc');
    const replaced = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id <script>' } });
    assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const fresh = await app.inject({ url: '/' });
    assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('times requests by route pattern, not by URL', async () => {
    await app.inject({ url: '/article/987654' });
    await app.inject({ url: '/article/987655' });
    const metrics = await app.inject({ url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(String(metrics.headers['content-type']), /text\/plain; version=0\.0\.4/);
    assert.match(metrics.body, /newsroom_http_request_duration_seconds_count\{route="\/article\/:id",method="GET",status="404"\} [2-9]/);
    assert.doesNotMatch(metrics.body, /987654/);
    assert.match(metrics.body, /newsroom_process_cpu_seconds_total/);
    for (const name of ['newsroom_fetches_total', 'newsroom_parse_failures_total', 'newsroom_extraction_failures_total', 'newsroom_ingest_lag_seconds']) {
      assert.match(metrics.body, new RegExp(`# TYPE ${name} `), name);
    }
  });

  it('serves /metrics to this machine only, unless a token is configured', async () => {
    const proxied = await app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(proxied.statusCode, 403);
    const remote = await app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    assert.equal(remote.statusCode, 403);
    assert.equal((await guarded.inject({ url: '/metrics' })).statusCode, 401);
    assert.equal((await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).statusCode, 401);
    const authorised = await guarded.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer a-long-enough-secret-token' } });
    assert.equal(authorised.statusCode, 200);
    assert.match(authorised.body, /newsroom_articles_ingested_total/);
  });

  it('counts feed fetches by kind and status', async () => {
    const before = await metricValue('newsroom_fetches_total{kind="feed",status="timeout"}');
    countFetch('feed', { kind: 'error', error: 'timeout', message: 'timed out', url: 'https://x.example/', status: null, retryAfterMs: null });
    assert.equal((await metricValue('newsroom_fetches_total{kind="feed",status="timeout"}')) - before, 1);
  });
});
