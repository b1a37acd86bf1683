// bench:serve — how fast the public site answers on a large store, side by side with the
// ceiling: a static file server answering the same HTML bytes, in the same run.
//
// 1. Builds (once; kept in bench/.data/) a SQLite store of N generated articles, 1,000,000 by
//    default (bench/serve/dataset.ts says what is real and what is bulk).
// 2. Starts `newsroom serve` on it in its own process, pinned to one core; this process (the
//    load generator, autocannon) is pinned to the other.
// 3. Picks real pages: the home, the busiest section, the busiest recent story, that story's
//    lead article, and a search; captures each page's bytes; starts the static server
//    (bench/serve/static-server.ts, its own process, the server's core) on those bytes.
// 4. For each page: warm-up, then autocannon with 200 connections for 10 s against Newsroom,
//    then against the static server. Requests/s, p50/p97.5/p99 latency, bytes, the ratio.
// 5. Search latency without the cache: distinct queries of every kind, one at a time, p50/p95.
// 6. The home page's transferred size, compressed as a browser asks for it.
// Prints a table and writes bench/results/serve.json.
//
//   npm run bench:serve [-- ARTICLES [SECONDS]]
//   npm run bench:serve -- --only search [ARTICLES]    step 5 alone, into bench/results/serve-search.json
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { projectPath } from '../src/paths.js';
import { buildStore, freshen, progress } from './serve/dataset.js';
import { searchQueries } from './serve/search-queries.js';

// `--only search`: the uncached search step alone (a minute, not ten), to compare changes to
// search; it writes its own file so that serve.json stays a whole run.
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt === -1 ? null : process.argv[onlyAt + 1];
if (ONLY !== null && ONLY !== 'search') throw new Error(`--only takes "search", not ${JSON.stringify(ONLY)}`);
const positional = onlyAt === -1 ? process.argv.slice(2) : process.argv.slice(2).filter((_, i) => i !== onlyAt - 2 && i !== onlyAt - 1);
const ARTICLES = Number(positional[0] ?? 1_000_000);
const SECONDS = Number(positional[1] ?? 10);
const WARMUP_SECONDS = 3;
const CONNECTIONS = 200;
const SEARCHES = 200;
const TARGETS = { ratio: 0.25, p99Ms: 20, searchP95Ms: 50, homeBytes: 60 * 1024 };
/** The paced phase's rate, as a share of the static server's saturated requests/s on the page. */
const PACED_SHARE = 0.5;

const canPin = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return os.cpus().length >= 2;
  } catch {
    return false;
  }
})();

/** Starts a process (on core 0 when we can pin) and waits for the line that says it listens. */
async function start(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  const [command, argv] = canPin ? ['taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 900 s:\n${output}`)), 900_000);
    const onData = (chunk: Buffer) => {
      // The tail is enough to say why it did not start; the pipes are drained either way.
      output = (output + chunk.toString()).slice(-10_000);
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p975: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * autocannon on one URL. Without `rate` the 200 connections send as fast as answers come
 * (saturation: latency is then mostly queueing, connections ÷ requests/s by Little's law);
 * with `rate` they send that many requests/s in all (a paced load below capacity).
 */
async function load(url: string, seconds: number, rate?: number): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, ...(rate ? { overallRate: rate } : {}) });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The pages to measure, found in the store: the busiest section, the busiest story of the last three days and its lead article. */
function pickPages(file: string): Array<{ name: string; path: string }> {
  const db = new Database(file, { readonly: true });
  try {
    const since = new Date(Date.now() - 72 * 3_600_000).toISOString();
    const story = db.prepare(`SELECT id, lead_article_id AS lead, article_count AS n FROM stories
      WHERE last_reported_at >= ? AND hidden = 0 ORDER BY article_count DESC LIMIT 1`).get(since) as { id: number; lead: number; n: number };
    const section = db.prepare(`SELECT section FROM stories WHERE last_reported_at >= ? AND section IS NOT NULL
      GROUP BY section ORDER BY count(*) DESC LIMIT 1`).get(since) as { section: string };
    return [
      { name: 'home', path: '/' },
      { name: 'section', path: `/section/${section.section}` },
      { name: `story (${story.n} articles)`, path: `/story/${story.id}` },
      { name: 'article', path: `/article/${story.lead}` },
      { name: 'search', path: '/search?q=police' },
    ];
  } finally {
    db.close();
  }
}

interface SearchRow { kind: string; n: number; p50: number; p95: number; max: number }

/** Search without the cache: every query is new to it. One at a time, as a reader waits. */
async function measureSearch(base: string): Promise<{ queries: Array<{ kind: string; query: string }>; misses: number; rows: SearchRow[] }> {
  const queries = searchQueries(SEARCHES);
  const times = new Map<string, number[]>();
  let misses = 0;
  for (const [i, { kind, query }] of queries.entries()) {
    progress(`search ${i + 1} / ${queries.length}`);
    const t0 = performance.now();
    const response = await fetch(`${base}/search?${query}`);
    await response.arrayBuffer();
    const ms = performance.now() - t0;
    if (response.headers.get('x-newsroom-cache') === 'miss') misses++;
    if (!times.has(kind)) times.set(kind, []);
    times.get(kind)!.push(ms);
  }
  progress('');
  const summary = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1]! };
  };
  const searchRows = [...[...times].map(([kind, ms]) => ({ kind, ...summary(ms) })), { kind: 'all', ...summary([...times.values()].flat()) }];
  return { queries, misses, rows: searchRows };
}

function printSearch(queries: number, misses: number, rows: SearchRow[]): void {
  process.stdout.write(`\nsearch without the cache (${misses} of ${queries} answered uncached), ms:\n`);
  for (const r of rows) {
    process.stdout.write(`  ${r.kind.padEnd(16)}${String(r.n).padStart(5)}  p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)}  max ${r.max.toFixed(1).padStart(6)}\n`);
  }
}

async function main(): Promise<void> {
  if (canPin) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  process.stdout.write(`bench:serve — ${ARTICLES.toLocaleString('en')} articles, ${CONNECTIONS} connections, ${SECONDS} s per run${canPin ? ', server on core 0, load on core 1' : ' (could not pin cores)'}\n`);
  const store = await buildStore(ARTICLES);
  progress('');
  process.stdout.write(store.reused ? `store: ${store.file} (kept from an earlier run)\n` : `store: built in ${store.buildSeconds.toFixed(0)} s: ${store.file}\n`);
  const shifted = freshen(store.file);
  if (shifted > 0) process.stdout.write(`store: dates moved forward by ${(shifted / 3600).toFixed(1)} h so the newest article is recent again\n`);
  const dbBytes = fs.statSync(store.file).size;

  // Others' work on the machine shows in every figure: recorded beside them.
  const loadBefore = os.loadavg();
  const port = 18_600 + Math.floor(Math.random() * 300);
  const newsroom = await start('newsroom serve', [projectPath('bin/newsroom.js'), 'serve', '--db', store.file, '--port', String(port), '--no-scheduler'], {}, /running at/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-serve-'));
  let staticServer: ChildProcess | null = null;
  try {
    const base = `http://127.0.0.1:${port}`;
    if (ONLY === 'search') {
      const { queries, misses, rows } = await measureSearch(base);
      process.stdout.write(`\nload average of the machine (1 min) before ${loadBefore[0]!.toFixed(1)}, after ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n`);
      printSearch(queries.length, misses, rows);
      const p95 = rows[rows.length - 1]!.p95;
      process.stdout.write(`\ntarget: search p95 < 50 ms ${p95 < TARGETS.searchP95Ms ? 'met' : 'MISSED'}\n`);
      const file = projectPath('bench/results/serve-search.json');
      fs.writeFileSync(file, `${JSON.stringify({
        generatedAt: new Date().toISOString(), command: 'npm run bench:serve -- --only search', node: process.version, cpus: os.cpus().length, pinned: canPin,
        loadAverage: { before: loadBefore.map((l) => Number(l.toFixed(2))), after: os.loadavg().map((l) => Number(l.toFixed(2))) },
        store: { articles: store.articles, bytes: dbBytes }, search: { queries: queries.length, uncached: misses, rows },
        target: { searchP95Ms: TARGETS.searchP95Ms, met: p95 < TARGETS.searchP95Ms },
      }, null, 1)}\n`);
      process.stdout.write(`Written to ${file}\n`);
      return;
    }
    const pages = pickPages(store.file);
    // The bytes of each page as Newsroom serves them (its first answer renders it; the cache keeps it).
    const index: Record<string, { file: string; contentType: string }> = {};
    const captured: Array<{ name: string; path: string; bytes: number; firstRenderMs: number }> = [];
    for (const [i, page] of pages.entries()) {
      const t0 = performance.now();
      const response = await fetch(base + page.path);
      const body = Buffer.from(await response.arrayBuffer());
      const firstRenderMs = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${page.path}: HTTP ${response.status}`);
      fs.writeFileSync(path.join(dir, `page-${i}.html`), body);
      index[page.path] = { file: `page-${i}.html`, contentType: response.headers.get('content-type') ?? 'text/html; charset=utf-8' };
      captured.push({ ...page, bytes: body.length, firstRenderMs });
    }
    fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index));
    const staticPort = port + 1;
    staticServer = await start('static server', [projectPath('dist/bench/serve/static-server.js'), dir, String(staticPort)], {}, /static server on/);
    const staticBase = `http://127.0.0.1:${staticPort}`;

    // The home page as a browser gets it (compressed), and as the bench's load gets it (identity).
    const home = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    const homeEncoding = home.headers.get('content-encoding');
    const homeTransferred = Number(home.headers.get('content-length') ?? 0);
    await home.arrayBuffer();

    const rows = [];
    for (const page of captured) {
      progress(`load: ${page.name}…`);
      await load(base + page.path, WARMUP_SECONDS);
      const ours = await load(base + page.path, SECONDS);
      await load(staticBase + page.path, WARMUP_SECONDS);
      const ceiling = await load(staticBase + page.path, SECONDS);
      rows.push({ ...page, newsroom: ours, static: ceiling, ratio: ours.requestsPerSecond / ceiling.requestsPerSecond });
    }
    // Latency at 200 connections under a paced load: half of what the static server managed on
    // the page at saturation, the same rate for both servers, so the figure is service time
    // plus ordinary queueing rather than the backlog of a saturated closed loop.
    const paced = [];
    for (const page of [rows[0]!, rows[2]!]) {
      const rate = Math.max(1, Math.round(page.static.requestsPerSecond * PACED_SHARE));
      progress(`paced load: ${page.name} at ${rate} req/s…`);
      const ours = await load(base + page.path, SECONDS, rate);
      const ceiling = await load(staticBase + page.path, SECONDS, rate);
      paced.push({ name: page.name, path: page.path, rate, newsroom: ours, static: ceiling });
    }
    progress('');

    const { queries, misses, rows: searchRows } = await measureSearch(base);
    const searchAll = searchRows[searchRows.length - 1]!;

    const met = {
      homeRatio: rows[0]!.ratio >= TARGETS.ratio,
      storyRatio: rows[2]!.ratio >= TARGETS.ratio,
      homeP99: rows[0]!.newsroom.p99 < TARGETS.p99Ms,
      storyP99: rows[2]!.newsroom.p99 < TARGETS.p99Ms,
      homeP99Paced: paced[0]!.newsroom.p99 < TARGETS.p99Ms,
      storyP99Paced: paced[1]!.newsroom.p99 < TARGETS.p99Ms,
      searchP95: searchAll.p95 < TARGETS.searchP95Ms,
      homeTransferred: homeTransferred < TARGETS.homeBytes,
    };

    const pad = (s: string | number, n: number) => String(s).padStart(n);
    const out = process.stdout;
    out.write(`\nload average of the machine (1 min) before ${loadBefore[0]!.toFixed(1)}, after ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n`);
    out.write(`store: ${store.articles.toLocaleString('en')} articles, ${store.stories.toLocaleString('en')} stories, ${store.sources} sources, ${(dbBytes / 1e9).toFixed(2)} GB\n\n`);
    out.write(`${'page'.padEnd(22)}${pad('bytes', 9)}${pad('first ms', 10)}  ${'Newsroom req/s  p50  p97.5  p99'.padEnd(34)}${'static req/s  p50  p97.5  p99'.padEnd(32)}${pad('ratio', 7)}\n`);
    for (const r of rows) {
      const cells = (l: Load) => `${pad(Math.round(l.requestsPerSecond), 12)}${pad(l.p50, 5)}${pad(l.p975, 7)}${pad(l.p99, 5)}`;
      out.write(`${r.name.padEnd(22)}${pad(r.bytes, 9)}${pad(r.firstRenderMs.toFixed(0), 10)}  ${cells(r.newsroom).padEnd(34)}${cells(r.static).padEnd(32)}${pad(`${(r.ratio * 100).toFixed(0)}%`, 7)}\n`);
      if (r.newsroom.errors + r.newsroom.non2xx + r.static.errors + r.static.non2xx > 0) {
        out.write(`  (errors/non-2xx: Newsroom ${r.newsroom.errors}/${r.newsroom.non2xx}, static ${r.static.errors}/${r.static.non2xx})\n`);
      }
    }
    out.write(`\npaced: ${CONNECTIONS} connections sending ${Math.round(PACED_SHARE * 100)}% of the static server's saturated rate, ${SECONDS} s\n`);
    out.write(`${'page'.padEnd(22)}${pad('req/s', 9)}  ${'Newsroom req/s  p50  p97.5  p99'.padEnd(34)}${'static req/s  p50  p97.5  p99'.padEnd(32)}\n`);
    for (const r of paced) {
      const cells = (l: Load) => `${pad(Math.round(l.requestsPerSecond), 12)}${pad(l.p50, 5)}${pad(l.p975, 7)}${pad(l.p99, 5)}`;
      out.write(`${r.name.padEnd(22)}${pad(r.rate, 9)}  ${cells(r.newsroom).padEnd(34)}${cells(r.static).padEnd(32)}\n`);
    }
    printSearch(queries.length, misses, searchRows);
    out.write(`\nhome page: ${rows[0]!.bytes.toLocaleString('en')} bytes, ${homeTransferred.toLocaleString('en')} transferred (${homeEncoding ?? 'identity'})\n`);
    out.write(`\ntargets: home ${met.homeRatio ? 'met' : 'MISSED'} (≥ 25% of static), story ${met.storyRatio ? 'met' : 'MISSED'} (≥ 25%), `
      + `p99 < 20 ms at saturation home ${met.homeP99 ? 'met' : 'MISSED'} / story ${met.storyP99 ? 'met' : 'MISSED'}, `
      + `paced home ${met.homeP99Paced ? 'met' : 'MISSED'} / story ${met.storyP99Paced ? 'met' : 'MISSED'}, search p95 < 50 ms ${met.searchP95 ? 'met' : 'MISSED'}, `
      + `home < 60 KB transferred ${met.homeTransferred ? 'met' : 'MISSED'}\n`);

    const file = projectPath('bench/results/serve.json');
    fs.writeFileSync(file, `${JSON.stringify({
      generatedAt: new Date().toISOString(), command: 'npm run bench:serve', node: process.version, cpus: os.cpus().length, pinned: canPin,
      loadAverage: { before: loadBefore.map((l) => Number(l.toFixed(2))), after: os.loadavg().map((l) => Number(l.toFixed(2))) },
      connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS,
      store: { articles: store.articles, stories: store.stories, sources: store.sources, bytes: dbBytes, buildSeconds: store.buildSeconds, reused: store.reused },
      pages: rows, paced: { share: PACED_SHARE, rows: paced }, search: { queries: queries.length, uncached: misses, rows: searchRows },
      home: { bytes: rows[0]!.bytes, transferred: homeTransferred, encoding: homeEncoding },
      targets: TARGETS, met,
    }, null, 1)}\n`);
    out.write(`Written to ${file}\n`);
  } finally {
    if (staticServer) await stop(staticServer);
    await stop(newsroom);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
