// One typed, validated configuration, from defaults, then the environment, then the
// command line (flags win). Every value from outside is checked here, once.
import os from 'node:os';
import { z } from 'zod';
import { isPostgresUrl } from './store/address.js';

const ConfigSchema = z.object({
  /** SQLite database file, or a postgres:// address (NEWSROOM_DATABASE_URL) for the PostgreSQL engine. */
  db: z.string().min(1),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  /** Public name of the site, shown in the header and titles. */
  siteName: z.string().min(1),
  fetch: z.object({
    userAgent: z.string().min(1),
    connectTimeoutMs: z.number().int().positive(),
    headersTimeoutMs: z.number().int().positive(),
    bodyTimeoutMs: z.number().int().positive(),
    /** Whole request, redirects included. */
    totalTimeoutMs: z.number().int().positive(),
    maxBytes: z.number().int().positive(),
    maxRedirects: z.number().int().min(0).max(20),
    perHostConcurrency: z.number().int().positive(),
    /** Minimum time between the starts of two requests to one host. */
    perHostSpacingMs: z.number().int().min(0),
    /** Loopback addresses are refused unless this is set (the demo and tests set it). */
    allowLoopback: z.boolean(),
  }),
  /** The extraction stage (src/jobs/extract-pages.ts, docs/extraction.md). */
  extraction: z.object({
    /**
     * Fetch and extract each new article's page. Off for installations whose feeds carry the
     * full text: no page is fetched, and the worker role queues no page jobs.
     */
    pages: z.boolean(),
  }),
  /** Top Stories ranking (src/stories/rank.ts, docs/ranking.md). */
  ranking: z.object({
    gravity: z.number().min(0).max(5),
    velocityHours: z.number().positive(),
    velocityWeight: z.number().min(0),
    windowHours: z.number().positive(),
  }),
  schedule: z.object({
    defaultIntervalMinutes: z.number().positive(),
    minIntervalMinutes: z.number().positive(),
    maxIntervalMinutes: z.number().positive(),
    /** Longest wait after repeated errors; a source is never abandoned. */
    maxBackoffMinutes: z.number().positive(),
    /** How often the scheduler looks for sources that are due. */
    tickSeconds: z.number().positive(),
    /** Sources fetched at once (the HTTP client still limits each host). */
    concurrency: z.number().int().min(1).max(256),
    /**
     * Worker threads that read fetched feeds and make their articles (src/jobs/feed-work.ts),
     * beside the thread that stores and clusters them; 0 does it all on that thread.
     */
    threads: z.number().int().min(0).max(64),
  }),
  /** Rendered public pages kept in memory (src/web/cache/, docs/performance.md). */
  pageCache: z.object({
    /** 0 turns it off. */
    maxMB: z.number().min(0).max(65_536),
    /** The longest a kept page is served, whatever was announced (changes made by other processes). */
    ttlSeconds: z.number().positive().max(86_400),
  }),
  /** Operations (docs/operations.md). */
  ops: z.object({
    /** pino level of the structured logs on standard output. */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    /** When set, /metrics answers only requests bearing it; when not, only this machine. */
    metricsToken: z.string().min(16).nullable(),
    /** Article bodies older than this many days are pruned; null keeps them forever. */
    retainBodiesDays: z.number().int().min(1).nullable(),
    /** Longest wait for in-flight work on SIGTERM/SIGINT before the process exits anyway. */
    shutdownTimeoutMs: z.number().int().positive(),
  }),
});

export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_USER_AGENT =
  'Newsroom/0.1 (self-hosted news aggregator; +https://github.com/newsroom-aggregator/newsroom)';

export function defaultConfig(): Config {
  return {
    db: './data/newsroom.db',
    host: '127.0.0.1',
    port: 8080,
    siteName: 'Newsroom',
    fetch: {
      userAgent: DEFAULT_USER_AGENT,
      connectTimeoutMs: 10_000,
      headersTimeoutMs: 15_000,
      bodyTimeoutMs: 30_000,
      totalTimeoutMs: 60_000,
      maxBytes: 10 * 1024 * 1024,
      maxRedirects: 5,
      perHostConcurrency: 2,
      perHostSpacingMs: 500,
      allowLoopback: false,
    },
    extraction: { pages: true },
    ranking: { gravity: 1.5, velocityHours: 6, velocityWeight: 0.5, windowHours: 72 },
    schedule: {
      defaultIntervalMinutes: 15,
      minIntervalMinutes: 1,
      maxIntervalMinutes: 6 * 60,
      maxBackoffMinutes: 24 * 60,
      tickSeconds: 30,
      concurrency: 64,
      // The cores the main thread leaves, at least one, at most four.
      threads: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
    },
    pageCache: { maxMB: 64, ttlSeconds: 60 },
    ops: {
      // Under `node --test` (which sets NODE_TEST_CONTEXT) request logs would drown the test
      // report; warnings and errors still show.
      logLevel: process.env.NODE_TEST_CONTEXT ? 'warn' : 'info',
      metricsToken: null,
      retainBodiesDays: null,
      shutdownTimeoutMs: 30_000,
    },
  };
}


export interface ConfigOverrides {
  db?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
  allowLoopback?: boolean | undefined;
}

function numberFrom(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ConfigError(`${name} must be a number, got "${value}"`);
  return n;
}

export class ConfigError extends Error {}

/** Which variable set a setting, so an error names what the operator has to change. */
const ENVIRONMENT_OF: Record<string, string> = {
  'ops.logLevel': 'NEWSROOM_LOG_LEVEL',
  'ops.metricsToken': 'NEWSROOM_METRICS_TOKEN',
  'ops.retainBodiesDays': 'NEWSROOM_RETAIN_BODIES_DAYS',
  'ops.shutdownTimeoutMs': 'NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS',
};

/** Builds the configuration; throws ConfigError with a readable message on bad input. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const config = defaultConfig();
  if (env.NEWSROOM_DB) config.db = env.NEWSROOM_DB;
  // The PostgreSQL address wins over a SQLite file named beside it.
  if (env.NEWSROOM_DATABASE_URL) {
    if (!isPostgresUrl(env.NEWSROOM_DATABASE_URL)) {
      throw new ConfigError(`NEWSROOM_DATABASE_URL must be a postgres:// address, got "${env.NEWSROOM_DATABASE_URL.slice(0, 40)}"`);
    }
    config.db = env.NEWSROOM_DATABASE_URL;
  }
  if (env.NEWSROOM_HOST) config.host = env.NEWSROOM_HOST;
  config.port = numberFrom('NEWSROOM_PORT', env.NEWSROOM_PORT) ?? config.port;
  if (env.NEWSROOM_SITE_NAME) config.siteName = env.NEWSROOM_SITE_NAME;
  if (env.NEWSROOM_ALLOW_LOOPBACK) config.fetch.allowLoopback = /^(1|true|yes)$/i.test(env.NEWSROOM_ALLOW_LOOPBACK);
  if (env.NEWSROOM_EXTRACT_PAGES) config.extraction.pages = !/^(0|false|no|off)$/i.test(env.NEWSROOM_EXTRACT_PAGES);
  if (env.NEWSROOM_USER_AGENT) config.fetch.userAgent = env.NEWSROOM_USER_AGENT;
  config.fetch.perHostSpacingMs =
    numberFrom('NEWSROOM_FETCH_SPACING_MS', env.NEWSROOM_FETCH_SPACING_MS) ?? config.fetch.perHostSpacingMs;
  config.ranking.gravity = numberFrom('NEWSROOM_RANK_GRAVITY', env.NEWSROOM_RANK_GRAVITY) ?? config.ranking.gravity;
  config.ranking.velocityHours = numberFrom('NEWSROOM_RANK_VELOCITY_HOURS', env.NEWSROOM_RANK_VELOCITY_HOURS) ?? config.ranking.velocityHours;
  config.ranking.velocityWeight = numberFrom('NEWSROOM_RANK_VELOCITY_WEIGHT', env.NEWSROOM_RANK_VELOCITY_WEIGHT) ?? config.ranking.velocityWeight;
  config.ranking.windowHours = numberFrom('NEWSROOM_RANK_WINDOW_HOURS', env.NEWSROOM_RANK_WINDOW_HOURS) ?? config.ranking.windowHours;
  config.schedule.defaultIntervalMinutes =
    numberFrom('NEWSROOM_INTERVAL_MINUTES', env.NEWSROOM_INTERVAL_MINUTES) ?? config.schedule.defaultIntervalMinutes;
  // The floor under every source's interval; lowered only by tests and benchmarks that drive polls faster than a minute.
  config.schedule.minIntervalMinutes =
    numberFrom('NEWSROOM_MIN_INTERVAL_MINUTES', env.NEWSROOM_MIN_INTERVAL_MINUTES) ?? config.schedule.minIntervalMinutes;
  config.schedule.concurrency = numberFrom('NEWSROOM_POLL_CONCURRENCY', env.NEWSROOM_POLL_CONCURRENCY) ?? config.schedule.concurrency;
  config.schedule.threads = numberFrom('NEWSROOM_POLL_THREADS', env.NEWSROOM_POLL_THREADS) ?? config.schedule.threads;
  config.pageCache.maxMB = numberFrom('NEWSROOM_PAGE_CACHE_MB', env.NEWSROOM_PAGE_CACHE_MB) ?? config.pageCache.maxMB;
  config.pageCache.ttlSeconds = numberFrom('NEWSROOM_PAGE_CACHE_TTL_SECONDS', env.NEWSROOM_PAGE_CACHE_TTL_SECONDS) ?? config.pageCache.ttlSeconds;
  if (env.NEWSROOM_LOG_LEVEL) config.ops.logLevel = env.NEWSROOM_LOG_LEVEL.toLowerCase() as Config['ops']['logLevel'];
  if (env.NEWSROOM_METRICS_TOKEN) config.ops.metricsToken = env.NEWSROOM_METRICS_TOKEN;
  config.ops.retainBodiesDays = numberFrom('NEWSROOM_RETAIN_BODIES_DAYS', env.NEWSROOM_RETAIN_BODIES_DAYS) ?? config.ops.retainBodiesDays;
  config.ops.shutdownTimeoutMs =
    (numberFrom('NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS', env.NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS) ?? config.ops.shutdownTimeoutMs / 1000) * 1000;
  if (overrides.db !== undefined) config.db = overrides.db;
  if (overrides.host !== undefined) config.host = overrides.host;
  if (overrides.port !== undefined) config.port = overrides.port;
  if (overrides.allowLoopback !== undefined) config.fetch.allowLoopback = overrides.allowLoopback;
  const parsed = ConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const env = ENVIRONMENT_OF[where];
    throw new ConfigError(`invalid configuration: ${where}${env ? ` (${env})` : ''}: ${issue?.message}`);
  }
  return parsed.data;
}
