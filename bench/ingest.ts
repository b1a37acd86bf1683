// Ingest benchmark: articles per second through the whole pipeline — fetch over HTTP, parse,
// identify, store, index (FTS), cluster into stories and write their outlines — on a stream
// of generated articles (1,000,000 by default) from local publishers, then the store's size
// and the home page's latency at the end. The pipeline is the product itself (startServer:
// the real scheduler and poll path, the web app), with page extraction off since the feeds
// already carry clean text; the sources are added through the Repository. Beside it, in the
// same run, the reference: the same articles through the clusterer alone (the stage the
// pipeline cannot beat), on the first --reference articles.
//
//   npm run bench:ingest [-- --articles N] [--sources N] [--hosts N] [--reference N]
//                        [--workers 1,2,4 [--worker-articles N]]
//
// Prints progress on a terminal (quiet in a pipe), a table on stdout, and writes
// bench/results/ingest.json (with --workers, bench/results/ingest-roles.json). See docs/ingest.md for the method.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { defaultConfig, loadConfig, type Config } from '../src/config.js';
import type { CycleResult } from '../src/jobs/poll-source.js';
import { articlesIngestedTotal } from '../src/ops/metrics.js';
import { projectPath } from '../src/paths.js';
import { startServer } from '../src/server.js';
import { openRepository } from '../src/store/open.js';
import { runReference, type ReferenceRun } from './ingest/reference.js';
import { multiWorkerRuns, type MultiWorkerRun } from './ingest/roles.js';
import type { FromPublisher, ToPublisher } from './ingest/publisher.js';
import type { StreamPlan } from './ingest/stream.js';

/** The all-in-one's results; a run that also times the roles (--workers) writes its own file, so that a short roles run leaves the long all-in-one one alone. */
const resultsFile = (o: Pick<IngestOptions, 'workers'>) => projectPath(o.workers.length > 0 ? 'bench/results/ingest-roles.json' : 'bench/results/ingest.json');
const here = path.dirname(fileURLToPath(import.meta.url));
/** Issue #8's target for the all-in-one: articles per second, over a stream of at least this many. */
const TARGET = { articlesPerSecond: 2000, minArticles: 1_000_000 };

// ---------------------------------------------------------------------------------------------
// Command line

export interface IngestOptions {
  articles: number;
  sources: number;
  hosts: number;
  feedSize: number;
  perRequest: number;
  reference: number;
  workers: number[];
  engine: 'sqlite' | 'postgres';
  /** Articles in each multi-worker run's stream. */
  workerArticles: number;
  redisUrl: string;
  postgresUrl: string;
  homeRequests: number;
  keep: boolean;
}

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nusage: npm run bench:ingest -- [--articles N] [--sources N] [--hosts N] [--feed-size N] [--per-request N]\n` +
      `         [--reference N] [--home-requests N] [--workers 1,2,4 [--worker-articles N] [--engine sqlite|postgres] [--redis URL]] [--keep]\n`,
  );
  process.exit(2);
}

export function parseArgs(argv: string[]): IngestOptions {
  const o: IngestOptions = {
    articles: 1_000_000, sources: 2000, hosts: 200, feedSize: 40, perRequest: 20, reference: 200_000,
    workers: [], engine: 'sqlite', workerArticles: 20_000, redisUrl: process.env.NEWSROOM_REDIS_URL || 'redis://127.0.0.1:6379',
    postgresUrl: process.env.NEWSROOM_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    homeRequests: 300, keep: false,
  };
  const whole = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) usage(`${name} needs a whole number ≥ ${min}, not ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--articles': o.articles = whole(flag, value(), 1); break;
      case '--sources': o.sources = whole(flag, value(), 1); break;
      case '--hosts': o.hosts = whole(flag, value(), 1); break;
      case '--feed-size': o.feedSize = whole(flag, value(), 1); break;
      case '--per-request': o.perRequest = whole(flag, value(), 1); break;
      case '--reference': o.reference = whole(flag, value(), 0); break;
      case '--home-requests': o.homeRequests = whole(flag, value(), 1); break;
      case '--keep': o.keep = true; break;
      case '--worker-articles': o.workerArticles = whole(flag, value(), 1); break;
      case '--redis': {
        const v = value() ?? '';
        if (!/^rediss?:\/\//.test(v)) usage(`--redis needs a redis:// address, not ${v || 'nothing'}`);
        o.redisUrl = v;
        break;
      }
      case '--workers': {
        const v = value() ?? '';
        o.workers = v.split(',').map((w) => whole('--workers', w, 1));
        break;
      }
      case '--engine': {
        const v = value();
        if (v !== 'sqlite' && v !== 'postgres') usage(`--engine is sqlite or postgres, not ${v ?? 'nothing'}`);
        o.engine = v;
        break;
      }
      case '--help': case '-h': usage('Ingest benchmark: articles/s through fetch, parse, identify, store, index and clustering.');
      default: usage(`unknown option ${argv[i]}`);
    }
  }
  if (o.hosts > 2500) usage('--hosts is at most 2500 (loopback addresses 127.0.1.1 – 127.0.10.250)');
  if (o.feedSize < o.perRequest) usage('--feed-size must be at least --per-request, or most articles fall off the feeds unseen');
  return o;
}

// ---------------------------------------------------------------------------------------------
// Progress (stderr, only on a terminal)

const progressOn = process.stderr.isTTY === true;
function progress(text: string): void {
  if (progressOn) process.stderr.write(`\r\x1b[2K${text}`);
}
function endProgress(): void {
  if (progressOn) process.stderr.write('\r\x1b[2K');
}

// ---------------------------------------------------------------------------------------------
// The publishers (child process)

export interface Publishers {
  feeds: Array<{ url: string; name: string }>;
  stats(): Promise<Extract<FromPublisher, { type: 'stats' }>>;
  stop(): void;
}

export async function startPublishers(plan: StreamPlan): Promise<Publishers> {
  const child = fork(path.join(here, 'ingest', 'publisher.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: Array<(m: FromPublisher) => void> = [];
  let failed: string | null = null;
  child.on('message', (m: FromPublisher) => {
    if (m.type === 'preparing') progress(`publishers: generating the stream, ${m.done.toLocaleString('en-US')}/${m.total.toLocaleString('en-US')} articles`);
    else waiting.shift()?.(m);
  });
  child.on('exit', (code) => {
    failed ??= `the publishers' process exited (${code})`;
    for (const w of waiting.splice(0)) w({ type: 'error', message: failed });
  });
  const ask = (m: ToPublisher) =>
    new Promise<FromPublisher>((resolve) => {
      if (failed) return resolve({ type: 'error', message: failed });
      waiting.push(resolve);
      child.send(m);
    });
  const ready = await ask({ type: 'start', plan: { ...plan, end: plan.end.toISOString() } });
  if (ready.type !== 'ready') throw new Error(`publishers did not start: ${ready.type === 'error' ? ready.message : ready.type}`);
  return {
    feeds: ready.feeds,
    async stats() {
      const m = await ask({ type: 'stats' });
      if (m.type !== 'stats') throw new Error(`publishers: ${m.type === 'error' ? m.message : m.type}`);
      return m;
    },
    stop() {
      if (child.connected) child.send({ type: 'stop' });
      setTimeout(() => child.kill(), 2000).unref();
    },
  };
}

export function streamPlan(o: IngestOptions, end = new Date()): StreamPlan {
  // The cluster scale run's rate: ~100,000 articles in the 72-hour window once it is full.
  return { total: o.articles, sources: o.sources, hosts: o.hosts, feedSize: o.feedSize, perRequest: o.perRequest, articlesPerHour: Math.round(100_000 / 72), seed: 20240601, end };
}

// ---------------------------------------------------------------------------------------------
// The all-in-one on SQLite

export interface Sample {
  seconds: number;
  articles: number;
  /** Articles per second over the interval since the previous sample. */
  rate: number;
}

export interface PipelineRun {
  engine: 'sqlite';
  mode: 'all-in-one';
  articles: number;
  released: number;
  droppedByFeeds: number;
  seconds: number;
  articlesPerSecond: number;
  /** Over the second half of the run (the window full, the store large). */
  articlesPerSecondSecondHalf: number;
  feedRequests: number;
  pollErrors: number;
  /** Poll errors by message (URLs taken out), with their counts. */
  pollErrorKinds: Record<string, number>;
  /** CPU of the pipeline's process and of the publishers', per stored article. */
  pipelineCpuMsPerArticle: number;
  /**
   * Articles per second of the pipeline process's CPU time: what it would reach with a core of
   * its own (it runs on one thread), robust to the other load on a shared machine.
   */
  articlesPerCpuSecond: number;
  /**
   * The same per CPU-second of the pipeline's main thread alone (fetch, parse, cluster, store,
   * serve), without the checkpoint thread: what one core must do per article. Null off Linux.
   */
  articlesPerMainThreadCpuSecond: number | null;
  publishersCpuMsPerArticle: number;
  stories: number;
  storedWithoutStory: number;
  indexed: number;
  storeBytes: { db: number; wal: number; total: number; perArticle: number };
  /** The home page rendered from the store (the page cache bypassed). */
  home: { requests: number; p50Ms: number; p99Ms: number; meanMs: number };
  /** The home page as the page cache serves it. */
  homeCached: { requests: number; p50Ms: number; p99Ms: number; meanMs: number };
  samples: Sample[];
  peakRssMB: number;
}

/** CPU milliseconds of this process's main thread (Linux: /proc), or null where unknown. */
function mainThreadCpuMs(): number | null {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Latency of the home page: a few warm-up requests, then `n` one after another. */
export async function homeLatency(url: string, n: number, headers: Record<string, string> = {}): Promise<PipelineRun['home']> {
  const once = async () => {
    const t = performance.now();
    const res = await request(url, { headers });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('<html')) throw new Error(`home page: HTTP ${res.statusCode}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { requests: n, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), meanMs: times.reduce((s, t) => s + t, 0) / n };
}

/** Configuration of the pipeline under test: the defaults, with sources always due and a fast tick. */
export function pipelineConfig(db: string): Config {
  const config = defaultConfig();
  config.db = db;
  config.port = 0;
  config.fetch.allowLoopback = true;
  // A source becomes due again 10 ms after its poll and the scheduler looks every 20 ms: the
  // pipeline is never waiting for the clock, so the rate measured is its capacity.
  config.schedule.minIntervalMinutes = 10 / 60_000;
  config.schedule.defaultIntervalMinutes = 10 / 60_000;
  config.schedule.tickSeconds = 0.02;
  // The home page requests at the end would print a log line each; warnings still show.
  config.ops.logLevel = 'warn';
  // The pipeline's own knobs, as `serve` reads them, to measure other settings of them.
  const env = loadConfig(process.env);
  config.schedule.concurrency = env.schedule.concurrency;
  config.schedule.threads = env.schedule.threads;
  return config;
}

export interface ProgressSoFar {
  seconds: number;
  articles: number;
  articlesPerSecond: number;
  pollErrors: number;
  samples: Sample[];
}

export async function runAllInOne(o: IngestOptions, dir: string, onProgress?: (p: ProgressSoFar) => void): Promise<PipelineRun> {
  const db = path.join(dir, 'newsroom.db');
  const publishers = await startPublishers(streamPlan(o));
  try {
    const config = pipelineConfig(db);
    // The sources, added through the Repository as `newsroom sources add` does.
    const setup = await openRepository(db);
    for (const f of publishers.feeds) await setup.addSource({ feedUrl: f.url, name: f.name, intervalMinutes: config.schedule.defaultIntervalMinutes }, config.schedule.defaultIntervalMinutes);
    await setup.close();

    // Articles stored (with their story) so far, counted by the poll path as each poll ends:
    // a scheduler cycle of 200 sources can outlast a sample, so counting cycles left samples at 0.
    const ingested = async () => (await articlesIngestedTotal.get()).values[0]?.value ?? 0;
    const ingested0 = await ingested();
    let stored = 0;
    let errors = 0;
    const errorKinds = new Map<string, number>();
    const onCycle = (r: CycleResult) => {
      errors += r.errors;
      for (const p of r.polled) {
        // Messages name the URL: counted by their text without it.
        if (p.error) errorKinds.set(p.error.replace(/https?:\/\/\S+/g, 'URL'), (errorKinds.get(p.error.replace(/https?:\/\/\S+/g, 'URL')) ?? 0) + 1);
      }
    };
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const pub0 = await publishers.stats();
    const t0 = performance.now();
    const server = await startServer(config, { scheduler: true, extract: false, onCycle });
    const samples: Sample[] = [];
    let peakRss = 0;
    let last = { t: t0, n: 0 };
    let stats = await publishers.stats();
    try {
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        stats = await publishers.stats();
        stored = (await ingested()) - ingested0;
        const now = performance.now();
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        if (now - last.t >= 5000) {
          samples.push({ seconds: (now - t0) / 1000, articles: stored, rate: ((stored - last.n) * 1000) / (now - last.t) });
          last = { t: now, n: stored };
        }
        const rate = (stored * 1000) / (now - t0);
        onProgress?.({ seconds: (now - t0) / 1000, articles: stored, articlesPerSecond: rate, pollErrors: errors, samples });
        progress(`ingest: ${stored.toLocaleString('en-US')}/${o.articles.toLocaleString('en-US')} articles, ${Math.round(rate)}/s, ${errors} poll errors`);
        if (stats.exhausted && stored >= stats.released - stats.dropped) break;
        if (errors > 100 && stored === 0) throw new Error(`the pipeline stores nothing: ${[...errorKinds.keys()][0]}`);
      }
      const seconds = (performance.now() - t0) / 1000;
      stored = (await ingested()) - ingested0;
      if (samples.at(-1)?.articles !== stored) samples.push({ seconds, articles: stored, rate: ((stored - last.n) * 1000) / (performance.now() - last.t) });
      const cpu = process.cpuUsage(cpu0);
      const main1 = mainThreadCpuMs();
      await server.scheduler?.stop();
      endProgress();
      // From the last sample at or before the half-way point (in a short run, one of only a
      // few samples; the first at or after it could be the last, leaving no time to divide by).
      const half = samples.findLast((s) => s.articles <= stored / 2) ?? { seconds: 0, articles: 0 };
      const sqlite = (server.repo as unknown as { database: import('better-sqlite3').Database }).database;
      const one = (sql: string) => Number(Object.values(sqlite.prepare(sql).get() as object)[0]);
      const articles = one('SELECT COUNT(*) FROM articles');
      progress('ingest: home page latency…');
      // Rendered from the store each time: a cookie of ours makes the request personal, which
      // the page cache lets through; then as most readers get it, from the page cache.
      const home = await homeLatency(server.url, o.homeRequests, { cookie: 'newsroom_bench=1' });
      const homeCached = await homeLatency(server.url, o.homeRequests);
      endProgress();
      const result: PipelineRun = {
        engine: 'sqlite',
        mode: 'all-in-one',
        articles,
        released: stats.released,
        droppedByFeeds: stats.dropped,
        seconds,
        articlesPerSecond: stored / seconds,
        articlesPerSecondSecondHalf: (stored - half.articles) / (seconds - half.seconds),
        feedRequests: stats.requests - pub0.requests,
        pollErrors: errors,
        pollErrorKinds: Object.fromEntries(errorKinds),
        pipelineCpuMsPerArticle: (cpu.user + cpu.system) / 1000 / Math.max(1, stored),
        articlesPerCpuSecond: stored / ((cpu.user + cpu.system) / 1e6),
        articlesPerMainThreadCpuSecond: main0 !== null && main1 !== null ? stored / ((main1 - main0) / 1000) : null,
        publishersCpuMsPerArticle: (stats.cpuMs - pub0.cpuMs) / Math.max(1, stored),
        stories: one('SELECT COUNT(*) FROM stories'),
        storedWithoutStory: one('SELECT COUNT(*) FROM articles WHERE story_id IS NULL'),
        indexed: one('SELECT COUNT(*) FROM articles_fts'),
        storeBytes: { db: 0, wal: 0, total: 0, perArticle: 0 },
        home,
        homeCached,
        samples,
        peakRssMB: peakRss / 1024 / 1024,
      };
      await server.stop();
      const [dbBytes, walBytes] = [fileSize(db), fileSize(`${db}-wal`)];
      result.storeBytes = { db: dbBytes, wal: walBytes, total: dbBytes + walBytes, perArticle: (dbBytes + walBytes) / Math.max(1, articles) };
      return result;
    } catch (err) {
      await server.stop();
      throw err;
    }
  } finally {
    publishers.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function table(run: PipelineRun, reference: ReferenceRun | null, multi: MultiWorkerRun): string {
  const lines = [
    '| run | articles | seconds | articles/s (wall) | 2nd half /s | articles per CPU-s (main thread) | store | home p50 / p99 (rendered) | (page cache) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| all-in-one, SQLite | ${fmt(run.articles)} | ${fmt(run.seconds, 1)} | **${fmt(run.articlesPerSecond)}** | ${fmt(run.articlesPerSecondSecondHalf)} | ${fmt(run.articlesPerCpuSecond)}${run.articlesPerMainThreadCpuSecond ? ` (${fmt(run.articlesPerMainThreadCpuSecond)})` : ''} | ${fmt(run.storeBytes.total / 1024 / 1024)} MB (${fmt(run.storeBytes.perArticle)} B/article) | ${fmt(run.home.p50Ms, 1)} / ${fmt(run.home.p99Ms, 1)} ms | ${fmt(run.homeCached.p50Ms, 1)} / ${fmt(run.homeCached.p99Ms, 1)} ms |`,
  ];
  if (reference) {
    lines.push(`| reference: clusterer alone, same stream | ${fmt(reference.articles)} | ${fmt(reference.seconds, 1)} (CPU) | | | ${fmt(reference.articlesPerSecond)} | | | |`);
  }
  for (const w of multi.runs) {
    lines.push(`| ${w.workers} worker${w.workers > 1 ? 's' : ''} + scheduler, ${w.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}${w.timedOut ? ' (timed out)' : ''} | ${fmt(w.clustered)} | ${fmt(w.seconds, 1)} | **${fmt(w.articlesPerSecond)}** | | ${fmt(1000 / w.cpuMsPerArticle)} | ${fmt(w.storeBytes / 1024 / 1024)} MB | ${fmt(w.home.p50Ms, 1)} / ${fmt(w.home.p99Ms, 1)} ms | |`);
  }
  if (multi.skipped) lines.push('', `Multi-worker runs: ${multi.skipped}`);
  if (multi.note) lines.push('', `Multi-worker runs: ${multi.note} CPU seconds by process: ${multi.runs.map((w) => `${w.workers}: ${w.cpuSecondsByProcess.map((c) => `${c.role} ${fmt(c.cpuSeconds, 1)}`).join(', ')}`).join('; ')}. ` +
    `All articles stored after (s) / at most without a story: ${multi.runs.map((w) => `${w.workers}: ${w.allStoredSeconds === null ? '—' : fmt(w.allStoredSeconds, 0)} of ${fmt(w.seconds, 0)} / ${fmt(w.maxWithoutStory)}`).join('; ')}.`);
  lines.push(
    '',
    `${fmt(run.feedRequests)} feed requests, ${run.pollErrors} poll errors, ${fmt(run.droppedByFeeds)} articles fell off their feeds unseen; ` +
      `${fmt(run.stories)} stories, ${run.storedWithoutStory} articles without a story, ${fmt(run.indexed)} in the search index; ` +
      `publishers' CPU ${fmt(run.publishersCpuMsPerArticle, 3)} ms/article (own process); peak RSS ${fmt(run.peakRssMB)} MB.`,
  );
  return lines.join('\n');
}

function commandLine(): string {
  return `npm run bench:ingest -- ${process.argv.slice(2).join(' ')}`.trim();
}

function writeResults(file: string, result: object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-ingest-'));
  const results = resultsFile(o);
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', loadAverage: os.loadavg(), node: process.version };
  try {
    // A long run leaves its figures so far (marked partial) if it is stopped before the end.
    let lastWrite = 0;
    const run = await runAllInOne(o, dir, (p) => {
      if (p.seconds - lastWrite < 30) return;
      lastWrite = p.seconds;
      writeResults(results, { generatedAt: new Date().toISOString(), partial: true, command: commandLine(), machine: { ...machine, loadAverageNow: os.loadavg() }, options: o, allInOneSoFar: p });
    });
    const reference = o.reference > 0 ? runReference(streamPlan(o), Math.min(o.reference, o.articles), progress) : null;
    endProgress();
    const multi = await multiWorkerRuns(o, dir, {
      redisUrl: o.redisUrl,
      postgresUrl: o.postgresUrl,
      publishers: (articles) => startPublishers(streamPlan({ ...o, articles })),
      homeLatency,
      homeRequests: o.homeRequests,
      webConfig: pipelineConfig,
      timeoutSeconds: 900,
    }, progress);
    endProgress();
    const judged = run.articles >= TARGET.minArticles;
    const result = {
      generatedAt: new Date().toISOString(),
      partial: false,
      command: commandLine(),
      machine: { ...machine, loadAverageAtEnd: os.loadavg() },
      options: o,
      // Judged only on a stream as long as the issue's (a short one never reaches the store's full cost).
      target: {
        articlesPerSecond: TARGET.articlesPerSecond, minArticles: TARGET.minArticles,
        met: judged ? run.articlesPerSecond >= TARGET.articlesPerSecond : null,
        metPerCpuSecond: judged ? run.articlesPerCpuSecond >= TARGET.articlesPerSecond : null,
      },
      allInOne: run,
      reference,
      multiWorker: multi,
    };
    writeResults(results, result);
    const verdict = judged
      ? `${result.target.met ? 'met' : 'NOT met'} on the wall clock, ${result.target.metPerCpuSecond ? 'met' : 'NOT met'} per CPU-second of the pipeline`
      : `not judged (it is for a stream of at least ${TARGET.minArticles.toLocaleString('en-US')} articles; this all-in-one run had ${run.articles.toLocaleString('en-US')})`;
    process.stdout.write(`${table(run, reference, multi)}\n\nTarget 2,000 articles/s end to end: ${verdict}. Load average at start ${machine.loadAverage.map((l) => l.toFixed(1)).join(' ')}.\nWrote ${path.relative(projectPath(), results)}\n`);
  } finally {
    if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${dir}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err: unknown) => {
    endProgress();
    process.stderr.write(`bench:ingest: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
