// The multi-worker runs of the ingest benchmark: `newsroom scheduler` and N × `newsroom worker`
// as child processes over Redis (BullMQ), each run on a fresh store and its own queue prefix.
// The store is PostgreSQL when this build has that engine (NEWSROOM_DATABASE_URL) and
// --engine postgres is asked for, otherwise SQLite (one file shared by the processes, WAL).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { COMMAND_HELP } from '../../src/cli/help.js';
import type { Config } from '../../src/config.js';
import { projectPath } from '../../src/paths.js';
import { startServer } from '../../src/server.js';
import { createPgSchema } from '../../src/store/contract/engines.js';
import { openRepository } from '../../src/store/open.js';
import { portableQuery } from '../../src/store/portable.js';

export interface WorkerRun {
  workers: number;
  engine: 'sqlite' | 'postgres';
  articles: number;
  /** Articles stored with their story when the run ended (all of them unless it timed out). */
  clustered: number;
  timedOut: boolean;
  seconds: number;
  articlesPerSecond: number;
  /** CPU of the scheduler, the workers and (PostgreSQL) the backends serving them, per article. */
  cpuMsPerArticle: number;
  /**
   * CPU by process: the one holding the stories stage clusters; the others only poll and store.
   * On PostgreSQL, "postgres" is the server's backends that served the roles (by their
   * application_name, sampled every second); the server's own background work is left out.
   */
  cpuSecondsByProcess: Array<{ role: string; cpuSeconds: number }>;
  storeBytes: number;
  /**
   * Seconds until every article was stored (sampled each second; null if never): well before
   * the end, the one stories stage was the bottleneck; at the end, polling and storing were.
   */
  allStoredSeconds: number | null;
  /** The most articles stored and still without a story at one sample. */
  maxWithoutStory: number;
  home: { requests: number; p50Ms: number; p99Ms: number; meanMs: number };
}

export interface MultiWorkerRun {
  runs: WorkerRun[];
  /** Why no run was made, when none was. */
  skipped: string | null;
  /** What the runs used and what they leave out, as the results should say it. */
  note: string | null;
}

/** What is missing from this build for the multi-worker runs on `engine`, or null when all is there. */
export function missingRoles(engine: 'sqlite' | 'postgres'): string | null {
  const missing: string[] = [];
  if (!COMMAND_HELP.worker || !COMMAND_HELP.scheduler) missing.push('the `newsroom worker` and `newsroom scheduler` roles');
  if (engine === 'postgres' && !fs.existsSync(projectPath('dist/src/store/pg'))) missing.push('the PostgreSQL engine (NEWSROOM_DATABASE_URL)');
  return missing.length > 0 ? `not measured: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not in this build yet` : null;
}

/** What the runs need from the benchmark around them (kept apart so this file does not import bench/ingest.ts). */
export interface RunContext {
  redisUrl: string;
  /** The PostgreSQL server for --engine postgres; each run gets a fresh schema there, dropped after. */
  postgresUrl: string;
  /** Starts the publishers for a stream of `articles`; resolves with their feeds and a way to ask how far they are. */
  publishers(articles: number): Promise<{
    feeds: Array<{ url: string; name: string }>;
    stats(): Promise<{ released: number; dropped: number; exhausted: boolean }>;
    stop(): void;
  }>;
  homeLatency(url: string, n: number, headers?: Record<string, string>): Promise<WorkerRun['home']>;
  homeRequests: number;
  /** The configuration of the web process that times the home page at the end. */
  webConfig(db: string): Config;
  /** Longest a run may take before it is stopped and reported as timed out. */
  timeoutSeconds: number;
}

function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

/** User + system CPU seconds of a live process, from /proc (Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function oneRun(
  workers: number, engine: 'sqlite' | 'postgres', articles: number, dir: string, ctx: RunContext, progress: (text: string) => void,
): Promise<WorkerRun> {
  const file = path.join(dir, `workers-${workers}.db`);
  const schema = engine === 'postgres' ? await createPgSchema(ctx.postgresUrl) : null;
  const db = schema?.address ?? file;
  const prefix = `bench-ingest-${process.pid}-${Date.now()}-${workers}`;
  const publishers = await ctx.publishers(articles);
  const children: Array<{ role: string; child: ChildProcess; lastCpu: number }> = [];
  try {
    // The sources, added through the Repository, due again 10 ms after each poll as in the
    // all-in-one run (NEWSROOM_MIN_INTERVAL_MINUTES lowers the schedule's floor of a minute).
    const interval = 10 / 60_000;
    const store = await openRepository(db);
    for (const f of publishers.feeds) await store.addSource({ feedUrl: f.url, name: f.name, intervalMinutes: interval }, interval);
    const sql = portableQuery(store);

    // The roles' connections carry a name of their own, so that their backends' CPU can be read.
    const applicationName = prefix;
    const rolesDb = schema ? withApplicationName(db, applicationName) : db;
    const env = {
      ...process.env,
      ...(schema ? { NEWSROOM_DATABASE_URL: rolesDb } : { NEWSROOM_DB: db }),
      NEWSROOM_REDIS_URL: ctx.redisUrl,
      NEWSROOM_QUEUE_PREFIX: prefix,
      NEWSROOM_ALLOW_LOOPBACK: '1',
      NEWSROOM_INTERVAL_MINUTES: String(interval),
      NEWSROOM_MIN_INTERVAL_MINUTES: String(interval),
      NEWSROOM_SCHEDULE_TICK_SECONDS: '0.05',
      // The feeds carry the text and the publishers answer 404 to pages: extraction off, as in the all-in-one run.
      NEWSROOM_EXTRACT_PAGES: '0',
      NEWSROOM_LOG_LEVEL: 'warn',
    };
    const cli = projectPath('bin/newsroom.js');
    // NEWSROOM_BENCH_CPU_PROF=DIR profiles every role (node refuses --cpu-prof in NODE_OPTIONS).
    const profile = process.env.NEWSROOM_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.NEWSROOM_BENCH_CPU_PROF] : [];
    const start = (role: string, args: string[]) => {
      const child = spawn(process.execPath, [...profile, cli, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      children.push({ role, child, lastCpu: 0 });
    };
    const t0 = performance.now();
    start('scheduler', ['scheduler']);
    for (let i = 0; i < workers; i++) start(`worker ${i + 1}`, ['worker', '--concurrency', '8']);

    const count = async (text: string) => Number(Object.values((await sql(text))[0] ?? { n: 0 })[0]);
    const backendCpu = new Map<number, number>();
    const sampleBackends = async () => {
      if (!schema) return;
      for (const row of await sql('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName])) {
        const pid = Number(row.pid);
        backendCpu.set(pid, Math.max(backendCpu.get(pid) ?? 0, cpuSecondsOf(pid)));
      }
    };
    let clustered = 0;
    let stored = 0;
    let timedOut = false;
    // Where the time goes: when every article was stored (polling done), and the most that waited for a story.
    let allStoredSeconds: number | null = null;
    let maxWithoutStory = 0;
    try {
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        for (const c of children) {
          if (c.child.exitCode !== null) throw new Error(`${c.role} exited (${c.child.exitCode}) during the run`);
          c.lastCpu = cpuSecondsOf(c.child.pid);
        }
        await sampleBackends();
        const stats = await publishers.stats();
        stored = await count('SELECT COUNT(*) AS n FROM articles');
        clustered = await count('SELECT COUNT(*) AS n FROM articles WHERE story_id IS NOT NULL');
        const seconds = (performance.now() - t0) / 1000;
        maxWithoutStory = Math.max(maxWithoutStory, stored - clustered);
        if (allStoredSeconds === null && stats.exhausted && stored >= stats.released - stats.dropped) allStoredSeconds = seconds;
        progress(`ingest, ${workers} worker(s): ${clustered.toLocaleString('en-US')}/${articles.toLocaleString('en-US')} articles clustered, ${Math.round(clustered / seconds)}/s`);
        if (stats.exhausted && clustered >= stats.released - stats.dropped) break;
        if (seconds > ctx.timeoutSeconds) {
          timedOut = true;
          break;
        }
      }
    } catch (err) {
      await store.close();
      throw err;
    }
    const seconds = (performance.now() - t0) / 1000;
    await sampleBackends();
    const storeBytes = engine === 'postgres'
      ? await count(`SELECT SUM(pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(tablename)))::bigint AS n
                     FROM pg_tables WHERE schemaname = current_schema()`)
      : [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
    await store.close();
    const cpuSecondsByProcess = children.map((c) => ({ role: c.role, cpuSeconds: c.lastCpu }));
    if (schema) cpuSecondsByProcess.push({ role: 'postgres', cpuSeconds: [...backendCpu.values()].reduce((n, c) => n + c, 0) });
    await Promise.all(children.map((c) => stopChild(c.child)));

    // The home page as a `newsroom web` process renders it from this store (page cache bypassed).
    progress(`ingest, ${workers} worker(s): home page latency…`);
    const web = await startServer(ctx.webConfig(db), { scheduler: false });
    let home: WorkerRun['home'];
    try {
      home = await ctx.homeLatency(web.url, ctx.homeRequests, { cookie: 'newsroom_bench=1' });
    } finally {
      await web.stop();
    }
    const cpu = cpuSecondsByProcess.reduce((n, c) => n + c.cpuSeconds, 0);
    return {
      workers, engine, articles: stored, clustered, timedOut, seconds,
      articlesPerSecond: clustered / seconds,
      cpuMsPerArticle: (cpu * 1000) / Math.max(1, clustered),
      cpuSecondsByProcess, storeBytes, home, allStoredSeconds, maxWithoutStory,
    };
  } finally {
    await Promise.all(children.map((c) => stopChild(c.child)));
    publishers.stop();
    await dropQueueKeys(ctx.redisUrl, prefix).catch(() => undefined);
    await schema?.drop().catch(() => undefined);
  }
}

export async function multiWorkerRuns(
  options: { workers: number[]; engine: 'sqlite' | 'postgres'; workerArticles: number },
  dir: string,
  ctx: RunContext,
  progress: (text: string) => void,
): Promise<MultiWorkerRun> {
  if (options.workers.length === 0) return { runs: [], skipped: 'not asked for (--workers 1,2,4)', note: null };
  const missing = missingRoles(options.engine);
  if (missing) return { runs: [], skipped: missing, note: null };
  const runs: WorkerRun[] = [];
  for (const n of options.workers) runs.push(await oneRun(n, options.engine, options.workerArticles, dir, ctx, progress));
  return {
    runs,
    skipped: null,
    note:
      `${options.engine === 'postgres' ? 'PostgreSQL (a fresh schema per run)' : 'SQLite (one file shared by the processes)'}, ${options.workerArticles.toLocaleString('en-US')} articles per run. ` +
      'Sources due again 10 ms after a poll, the scheduler ticking every 50 ms; as in production, one worker holds the stories stage ' +
      'and clusters what all of them store; page extraction off (NEWSROOM_EXTRACT_PAGES=0), as in the all-in-one run. ' +
      'Articles per CPU-second count the scheduler, the workers and, on PostgreSQL, its backends that served them.',
  };
}
