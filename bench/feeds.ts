// Feed-parsing benchmark: Newsroom's parser and feedsmith side by side on the feeds-dev dataset
// (../shared/datasets/feeds-dev, see its README): share of expectations met per category,
// parser failures and crashes, and throughput on the 46 real feeds. Prints a table on stdout
// and writes bench/results/feeds.json.
//
//   npm run bench:feeds [-- [DATASET_DIR] [--failures [CATEGORY]]]
//
// DATASET_DIR (or env NEWSROOM_FEEDS_DEV) overrides the default dataset location.
// --failures [CATEGORY] lists Newsroom's failing checks (all, or those of the categories
// starting with CATEGORY, e.g. "miniflux" or "feedparser/wellformed/atom10"; "real" for the
// real feeds) after the table; it skips the throughput measurement and leaves
// bench/results/feeds.json alone, for a quick edit-and-check loop.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseFeedBytes } from '../src/feeds/parse.js';
import { PROJECT_ROOT, projectPath } from '../src/paths.js';
import { CHECK_TYPES, evaluateCase, type FeedCase } from './feeds/checks.js';
import { feedsmithParse, feedsmithShape } from './feeds/feedsmith-adapter.js';
import { feedShape, type EvalFeed } from './feeds/shape.js';

// ---------------------------------------------------------------------------------------------
// Parsers

interface ParserRun {
  result: EvalFeed | null;
  /** Why there is no result: the returned error, or the thrown exception's message. */
  error: string | null;
  crash: boolean;
}

interface Parser {
  key: 'newsroom' | 'feedsmith';
  label: string;
  /** Parse raw bytes fetched from `url` into the evaluation shape. */
  run(bytes: Uint8Array, url: string | null): ParserRun;
  /** Decode + parse only (no shape conversion), for throughput; true when it produced a feed. */
  raw(bytes: Uint8Array): boolean;
}

function message(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

const require = createRequire(import.meta.url);
const FEEDSMITH_VERSION = (require('feedsmith/package.json') as { version: string }).version;

const PARSERS: Parser[] = [
  {
    key: 'newsroom',
    label: 'Newsroom',
    run(bytes, url) {
      try {
        const parsed = parseFeedBytes(bytes, { url });
        if ('error' in parsed) return { result: null, error: parsed.error, crash: false };
        return { result: feedShape(parsed.feed), error: null, crash: false };
      } catch (err) {
        return { result: null, error: message(err), crash: true };
      }
    },
    raw(bytes) {
      try {
        return !('error' in parseFeedBytes(bytes, { url: null }));
      } catch {
        return false;
      }
    },
  },
  {
    key: 'feedsmith',
    label: `feedsmith ${FEEDSMITH_VERSION}`,
    run(bytes, url) {
      try {
        return { result: feedsmithShape(feedsmithParse(bytes), url), error: null, crash: false };
      } catch (err) {
        return { result: null, error: message(err), crash: true };
      }
    },
    raw(bytes) {
      try {
        feedsmithParse(bytes);
        return true;
      } catch {
        return false;
      }
    },
  },
];

type Key = Parser['key'];

// ---------------------------------------------------------------------------------------------
// Command line and dataset

interface Options {
  dataset: string;
  /** Where the dataset path came from, for the error message. */
  datasetFrom: string;
  failures: { category: string | null } | null;
}

const DEFAULT_DATASET = path.resolve(PROJECT_ROOT, '../shared/datasets/feeds-dev');

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run bench:feeds -- [DATASET_DIR] [--failures [CATEGORY]]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  let dataset: string | null = null;
  let failures: Options['failures'] = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--failures') {
      const next = argv[i + 1];
      failures = { category: next !== undefined && !next.startsWith('--') ? next : null };
      if (failures.category !== null) i++;
    } else if (arg.startsWith('--failures=')) {
      failures = { category: arg.slice('--failures='.length) || null };
    } else if (arg === '--help' || arg === '-h') {
      usage('Feed-parsing benchmark (Newsroom vs feedsmith) on the feeds-dev dataset.');
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else if (dataset === null) {
      dataset = arg;
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  const env = process.env.NEWSROOM_FEEDS_DEV || null;
  if (dataset !== null) return { dataset: path.resolve(dataset), datasetFrom: 'the command line', failures };
  if (env !== null) return { dataset: path.resolve(env), datasetFrom: 'NEWSROOM_FEEDS_DEV', failures };
  return { dataset: DEFAULT_DATASET, datasetFrom: 'the default location', failures };
}

function readManifest(options: Options, file: string): FeedCase[] {
  const where = path.join(options.dataset, file);
  if (!fs.existsSync(where)) {
    process.stderr.write(
      `bench:feeds: the feeds-dev dataset was not found: ${where} does not exist (dataset folder from ${options.datasetFrom}).\n` +
        `Put the dataset at ${DEFAULT_DATASET}, ` +
        `or point to it with NEWSROOM_FEEDS_DEV=/path/to/feeds-dev or "npm run bench:feeds -- /path/to/feeds-dev".\n`,
    );
    process.exit(2);
  }
  const cases = JSON.parse(fs.readFileSync(where, 'utf8')) as FeedCase[];
  if (!Array.isArray(cases)) throw new Error(`${where}: expected an array of case objects`);
  return cases;
}

function readBytes(dataset: string, file: string): Uint8Array {
  try {
    return fs.readFileSync(path.join(dataset, file));
  } catch (err) {
    throw new Error(`feeds-dev dataset is incomplete: cannot read ${file} (${message(err)})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Progress (stderr, only on a terminal)

const progressOn = process.stderr.isTTY === true;
function progress(text: string): void {
  if (progressOn) process.stderr.write(`\r\x1b[2K${text}`);
}
function progressDone(): void {
  if (progressOn) process.stderr.write('\r\x1b[2K');
}

// ---------------------------------------------------------------------------------------------
// Accuracy

interface Tally {
  checksPassed: number;
  checks: number;
  casesPassed: number;
  cases: number;
  /** Cases where the parser produced no result (returned an error or threw). */
  failedCases: number;
  crashes: number;
}

function emptyTally(): Tally {
  return { checksPassed: 0, checks: 0, casesPassed: 0, cases: 0, failedCases: 0, crashes: 0 };
}

interface Failure {
  case: string;
  category: string;
  check: string;
  index?: number;
  expected: unknown;
  got: unknown;
}

const MAX_VALUE_CHARS = 400;

function clip(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clip(v)]));
  }
  return value;
}

interface AccuracyReport {
  byCategory: Map<string, Record<Key, Tally>>;
  byCheckType: Map<string, Record<Key, { passed: number; total: number }>>;
  totals: Record<Key, Tally>;
  real: Record<Key, Tally & { failedFeeds: Array<{ id: string; got: unknown }> }>;
  failures: Failure[];
}

function record(tally: Tally, outcome: ReturnType<typeof evaluateCase>, run: ParserRun): void {
  tally.checks += outcome.total;
  tally.checksPassed += outcome.passed;
  tally.cases += 1;
  if (outcome.ok) tally.casesPassed += 1;
  if (run.result === null) tally.failedCases += 1;
  if (run.crash) tally.crashes += 1;
}

function evaluateAll(dataset: string, cases: FeedCase[], realFeeds: FeedCase[]): AccuracyReport {
  const byCategory = new Map<string, Record<Key, Tally>>();
  const byCheckType = new Map<string, Record<Key, { passed: number; total: number }>>();
  for (const type of CHECK_TYPES) byCheckType.set(type, { newsroom: { passed: 0, total: 0 }, feedsmith: { passed: 0, total: 0 } });
  const totals: Record<Key, Tally> = { newsroom: emptyTally(), feedsmith: emptyTally() };
  const real: AccuracyReport['real'] = {
    newsroom: { ...emptyTally(), failedFeeds: [] },
    feedsmith: { ...emptyTally(), failedFeeds: [] },
  };
  const failures: Failure[] = [];

  const all = [...cases.map((c) => ({ c, isReal: false })), ...realFeeds.map((c) => ({ c, isReal: true }))];
  all.forEach(({ c, isReal }, n) => {
    progress(`checking ${n + 1}/${all.length} ${c.id}`);
    const bytes = readBytes(dataset, c.file);
    const category = isReal ? 'real' : (c.category ?? 'uncategorised');
    let tallies = byCategory.get(category);
    if (!isReal && !tallies) byCategory.set(category, (tallies = { newsroom: emptyTally(), feedsmith: emptyTally() }));
    for (const parser of PARSERS) {
      const run = parser.run(bytes, c.url ?? null);
      const outcome = evaluateCase(c.checks, run.result);
      if (isReal) {
        record(real[parser.key], outcome, run);
        if (!outcome.ok) {
          real[parser.key].failedFeeds.push({ id: c.id, got: run.result ? `${run.result.entries.length} entries` : `${run.crash ? 'crash' : 'error'}: ${run.error}` });
        }
      } else {
        record(tallies![parser.key], outcome, run);
        record(totals[parser.key], outcome, run);
        for (const { check, outcome: o } of outcome.checks) {
          const t = byCheckType.get(check.type)![parser.key];
          t.total += 1;
          if (o.pass) t.passed += 1;
        }
      }
      if (parser.key !== 'newsroom') continue;
      for (const { check, outcome: o } of outcome.checks) {
        if (o.pass) continue;
        failures.push({
          case: c.id,
          category,
          check: check.type,
          ...(check.index !== undefined ? { index: check.index } : {}),
          expected: check.expected ?? (check.type === 'parses' ? 'a parsed feed' : undefined),
          got: clip(run.result === null ? `${run.crash ? 'crash' : 'error'}: ${run.error}` : o.got),
        });
      }
    }
  });
  progressDone();
  return { byCategory, byCheckType, totals, real, failures };
}

// ---------------------------------------------------------------------------------------------
// Throughput

interface SpeedResult {
  rounds: number;
  /** Median over rounds. */
  mbPerSec: number;
  feedsPerSec: number;
  msPerRound: number;
  /** Feeds that produced a result in a round (sanity: matches the accuracy run). */
  parsedPerRound: number;
}

const MIN_SECONDS = 3;
const MIN_ROUNDS = 5;
const WARMUP_SECONDS = 1;
const WARMUP_ROUNDS = 2;
const MAX_ROUNDS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function measureThroughput(feeds: Uint8Array[]): Record<Key, SpeedResult> {
  const totalBytes = feeds.reduce((sum, b) => sum + b.length, 0);
  const round = (parser: Parser): { ms: number; parsed: number } => {
    let parsed = 0;
    const start = performance.now();
    for (const bytes of feeds) if (parser.raw(bytes)) parsed++;
    return { ms: performance.now() - start, parsed };
  };
  const times: Record<Key, number[]> = { newsroom: [], feedsmith: [] };
  const parsed: Record<Key, number> = { newsroom: 0, feedsmith: 0 };

  // Alternate parsers round by round (and which goes first in each pair) so drift in machine
  // load, GC and CPU frequency falls on both alike.
  const alternate = (seconds: number, minRounds: number, keep: boolean, label: string): void => {
    const spent: Record<Key, number> = { newsroom: 0, feedsmith: 0 };
    let pairs = 0;
    while (pairs < MAX_ROUNDS && (pairs < minRounds || PARSERS.some((p) => spent[p.key] < seconds * 1000))) {
      const order = pairs % 2 === 0 ? PARSERS : [...PARSERS].reverse();
      for (const parser of order) {
        const r = round(parser);
        spent[parser.key] += r.ms;
        if (keep) {
          times[parser.key].push(r.ms);
          parsed[parser.key] = r.parsed;
        }
      }
      pairs++;
      progress(`${label}: round ${pairs}`);
    }
  };
  alternate(WARMUP_SECONDS, WARMUP_ROUNDS, false, 'warming up');
  alternate(MIN_SECONDS, MIN_ROUNDS, true, 'timing');
  progressDone();

  const result = {} as Record<Key, SpeedResult>;
  for (const parser of PARSERS) {
    const ms = times[parser.key];
    result[parser.key] = {
      rounds: ms.length,
      mbPerSec: median(ms.map((t) => totalBytes / 1e6 / (t / 1000))),
      feedsPerSec: median(ms.map((t) => feeds.length / (t / 1000))),
      msPerRound: median(ms),
      parsedPerRound: parsed[parser.key],
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Output

function pct(passed: number, total: number): string {
  return total === 0 ? '–' : `${((100 * passed) / total).toFixed(1)} %`;
}

function share(passed: number, total: number): number | null {
  return total === 0 ? null : Math.round((10000 * passed) / total) / 10000;
}

function formatTable(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function tallyCells(t: Tally): string[] {
  return [`${t.checksPassed}/${t.checks}`, pct(t.checksPassed, t.checks), String(t.failedCases)];
}

function printReport(
  dataset: string,
  cases: FeedCase[],
  realFeeds: FeedCase[],
  realBytes: number,
  acc: AccuracyReport,
  speed: Record<Key, SpeedResult> | null,
): void {
  const [nr, fs_] = PARSERS as [Parser, Parser];
  const out: string[] = [];
  out.push(`Feed parsing benchmark: ${nr.label} vs ${fs_.label}`);
  out.push(`dataset ${dataset}: ${cases.length} cases, ${acc.totals.newsroom.checks} checks; ${realFeeds.length} real feeds (${(realBytes / 1e6).toFixed(2)} MB)`);
  out.push(`node ${process.version}, ${new Date().toISOString()}`);
  out.push('');

  const head = ['category', 'cases', `${nr.label} checks`, 'share', 'failed', `${fs_.label} checks`, 'share', 'failed'];
  const rows: string[][] = [head];
  for (const category of [...acc.byCategory.keys()].sort()) {
    const t = acc.byCategory.get(category)!;
    rows.push([category, String(t.newsroom.cases), ...tallyCells(t.newsroom), ...tallyCells(t.feedsmith)]);
  }
  const rule = head.map((h, i) => '-'.repeat(Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  rows.push(rule);
  const T = acc.totals;
  rows.push(['all checks', String(T.newsroom.cases), ...tallyCells(T.newsroom), ...tallyCells(T.feedsmith)]);
  rows.push([
    'cases with every check met',
    '',
    `${T.newsroom.casesPassed}/${T.newsroom.cases}`,
    pct(T.newsroom.casesPassed, T.newsroom.cases),
    '',
    `${T.feedsmith.casesPassed}/${T.feedsmith.cases}`,
    pct(T.feedsmith.casesPassed, T.feedsmith.cases),
    '',
  ]);
  rows.push(['crashes (thrown exceptions)', '', String(T.newsroom.crashes), '', '', String(T.feedsmith.crashes), '', '']);
  const R = acc.real;
  rows.push([
    'real feeds parsed with >= min entries',
    String(realFeeds.length),
    `${R.newsroom.casesPassed}/${R.newsroom.cases}`,
    pct(R.newsroom.casesPassed, R.newsroom.cases),
    String(R.newsroom.failedCases),
    `${R.feedsmith.casesPassed}/${R.feedsmith.cases}`,
    pct(R.feedsmith.casesPassed, R.feedsmith.cases),
    String(R.feedsmith.failedCases),
  ]);
  rows.push(['real feeds crashes', '', String(R.newsroom.crashes), '', '', String(R.feedsmith.crashes), '', '']);
  out.push(formatTable(rows, [false, true, true, true, true, true, true, true]));
  out.push('"failed" = cases where the parser gave no result (returned an error or threw); feedsmith reports every failure by throwing.');

  if (speed) {
    out.push('');
    out.push(
      `Throughput on the ${realFeeds.length} real feeds (${(realBytes / 1e6).toFixed(2)} MB), decode + parse, median over rounds (parsers alternated, after warm-up):`,
    );
    const speedRows = [['parser', 'MB/s', 'feeds/s', 'ms/round', 'rounds']];
    for (const p of PARSERS) {
      const s = speed[p.key];
      speedRows.push([p.label, s.mbPerSec.toFixed(1), s.feedsPerSec.toFixed(0), s.msPerRound.toFixed(1), String(s.rounds)]);
    }
    out.push(formatTable(speedRows, [false, true, true, true, true]));
    out.push(`speed ratio ${nr.label}/${fs_.label}: ${(speed.newsroom.mbPerSec / speed.feedsmith.mbPerSec).toFixed(2)}×`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function printFailures(failures: Failure[], category: string | null): void {
  const matches = (c: string): boolean => category === null || c === category || c.startsWith(category.endsWith('/') ? category : `${category}/`);
  const chosen = failures.filter((f) => matches(f.category));
  const out: string[] = ['', `Newsroom failing checks${category ? ` in ${category}` : ''}: ${chosen.length}`];
  const show = (v: unknown): string => {
    const text = v === undefined ? '(none)' : JSON.stringify(v);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  };
  for (const f of chosen) {
    out.push(`${f.case}  ${f.check}${f.index !== undefined ? `[${f.index}]` : ''}`);
    out.push(`    expected: ${show(f.expected)}`);
    out.push(`    got:      ${show(f.got)}`);
  }
  if (chosen.length === 0 && category !== null && !failures.some((f) => matches(f.category))) {
    out.push(`(no failing checks in a category matching "${category}")`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function tallyJson(t: Tally): Record<string, unknown> {
  return { ...t, share: share(t.checksPassed, t.checks) };
}

function writeJson(
  file: string,
  dataset: string,
  cases: FeedCase[],
  realFeeds: FeedCase[],
  realBytes: number,
  acc: AccuracyReport,
  speed: Record<Key, SpeedResult>,
): void {
  const perParser = <T>(f: (key: Key) => T): Record<Key, T> => ({ newsroom: f('newsroom'), feedsmith: f('feedsmith') });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    dataset,
    parsers: perParser((k) => PARSERS.find((p) => p.key === k)!.label),
    cases: cases.length,
    checks: acc.totals.newsroom.checks,
    categories: [...acc.byCategory.keys()].sort().map((category) => {
      const t = acc.byCategory.get(category)!;
      return { category, cases: t.newsroom.cases, ...perParser((k) => tallyJson(t[k])) };
    }),
    checkTypes: [...acc.byCheckType.entries()]
      .filter(([, t]) => t.newsroom.total > 0)
      .map(([type, t]) => ({ type, total: t.newsroom.total, ...perParser((k) => ({ passed: t[k].passed, share: share(t[k].passed, t[k].total) })) })),
    totals: perParser((k) => tallyJson(acc.totals[k])),
    real: {
      feeds: realFeeds.length,
      bytes: realBytes,
      ...perParser((k) => {
        const r = acc.real[k];
        return { parsedWithMinEntries: r.casesPassed, failedCases: r.failedCases, crashes: r.crashes, failing: r.failedFeeds };
      }),
    },
    speed: {
      method: 'decode + parse of all real feeds per round; parsers alternated round by round after warm-up; median over rounds; MB = 10^6 bytes',
      ...perParser((k) => ({
        mbPerSec: Math.round(speed[k].mbPerSec * 100) / 100,
        feedsPerSec: Math.round(speed[k].feedsPerSec * 10) / 10,
        msPerRound: Math.round(speed[k].msPerRound * 100) / 100,
        rounds: speed[k].rounds,
      })),
      ratioNewsroomToFeedsmith: Math.round((speed.newsroom.mbPerSec / speed.feedsmith.mbPerSec) * 1000) / 1000,
    },
    newsroomFailures: acc.failures.map((f) => ({ id: `${f.case}#${f.check}${f.index !== undefined ? `[${f.index}]` : ''}`, ...f })),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const cases = readManifest(options, 'manifest.json');
  const realFeeds = readManifest(options, 'real/manifest.json');
  const realBytesList = realFeeds.map((c) => readBytes(options.dataset, c.file));
  const realBytes = realBytesList.reduce((sum, b) => sum + b.length, 0);

  const acc = evaluateAll(options.dataset, cases, realFeeds);
  const speed = options.failures ? null : measureThroughput(realBytesList);
  printReport(options.dataset, cases, realFeeds, realBytes, acc, speed);

  if (options.failures) {
    printFailures(acc.failures, options.failures.category);
    process.stdout.write('\n(--failures: throughput not measured, bench/results/feeds.json not written)\n');
    return;
  }
  const file = projectPath('bench/results/feeds.json');
  writeJson(file, options.dataset, cases, realFeeds, realBytes, acc, speed!);
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file) || file}\n`);
}

main();
