// Article-extraction benchmark: Newsroom's extractor and @mozilla/readability (on linkedom)
// side by side on the extraction-dev dataset (../shared/datasets/extraction-dev, see its
// README): article-text F1/precision/recall and exact-match accuracy on the news pages (and,
// for reference, on Readability's own test pages), title/byline/date accuracy on the
// Readability pages, crashes and empty outputs, and speed on one core. Prints a table on
// stdout and writes bench/results/extract.json.
//
//   npm run bench:extract [-- [DATASET_DIR] [--failures [news|readability]] [--page ID] [--no-speed]]
//
// DATASET_DIR (or env NEWSROOM_EXTRACTION_DEV) overrides the default dataset location.
// --failures lists per-page scores (worst first) and metadata misses, skips the speed runs and
// leaves the JSON alone; --page ID prints both extractors' text for one page next to the
// expected text; --no-speed skips the speed runs (and the JSON).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../src/extract/index.js';
import { parseFeedDate } from '../src/feeds/dates.js';
import { projectPath } from '../src/paths.js';
import { htmlFragmentText, loadNewsPages, loadReadabilityPages, type NewsPage, type ReadabilityPage } from './extract/dataset.js';
import { METADATA_COMPARISON, normaliseByline, strictEqual, titleMatches } from './extract/metadata-compare.js';
import { BYLINE_CORRECTIONS } from './extract/byline-corrections.js';
import { aggregate, scorePage, type Aggregate, type PageScore } from './extract/metric.js';
import { runReadability } from './extract/readability.js';

const require = createRequire(import.meta.url);
const READABILITY_VERSION = (require('@mozilla/readability/package.json') as { version: string }).version;
const LINKEDOM_VERSION = (require('linkedom/package.json') as { version: string }).version;

// ---------------------------------------------------------------------------------------------
// The two extractors, in one shape

interface Output {
  text: string;
  title: string | null;
  byline: string | null;
  published: string | null;
}

interface Run {
  output: Output | null;
  /** Why there is no output: the returned reason or the thrown exception. */
  error: string | null;
  crash: boolean;
}

interface Extractor {
  key: 'newsroom' | 'readability';
  label: string;
  run(html: string, url: string): Run;
  /** The timed work: everything from the HTML string to the article's HTML (and text). */
  timed(html: string, url: string): void;
}

function message(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

const EXTRACTORS: Extractor[] = [
  {
    key: 'newsroom',
    label: 'Newsroom',
    run(html, url) {
      try {
        const result = extractArticle(html, url);
        if (!result.ok) return { output: null, error: `${result.reason}: ${result.detail}`, crash: false };
        const a = result.article;
        return { output: { text: a.text, title: a.title, byline: a.byline, published: a.published }, error: null, crash: false };
      } catch (err) {
        return { output: null, error: message(err), crash: true };
      }
    },
    timed(html, url) {
      extractArticle(html, url);
    },
  },
  {
    key: 'readability',
    label: `Readability ${READABILITY_VERSION}`,
    run(html) {
      try {
        const article = runReadability(html);
        if (!article) return { output: null, error: 'no article', crash: false };
        return {
          output: { text: article.content ? htmlFragmentText(article.content) : '', title: article.title, byline: article.byline, published: article.publishedTime },
          error: null,
          crash: false,
        };
      } catch (err) {
        return { output: null, error: message(err), crash: true };
      }
    },
    timed(html) {
      runReadability(html);
    },
  },
];

type Key = Extractor['key'];
const KEYS: Key[] = EXTRACTORS.map((e) => e.key);
const perExtractor = <T>(f: (key: Key) => T): Record<Key, T> => ({ newsroom: f('newsroom'), readability: f('readability') });

// ---------------------------------------------------------------------------------------------
// Command line

interface Options {
  dataset: string;
  datasetFrom: string;
  failures: 'news' | 'readability' | 'all' | null;
  page: string | null;
  speed: boolean;
  /** Internal: this process only measures speed and prints JSON (run pinned to one core). */
  speedChild: boolean;
}

const DEFAULT_DATASET = path.resolve(projectPath(), '../shared/datasets/extraction-dev');
const USAGE = 'usage: npm run bench:extract -- [DATASET_DIR] [--failures [news|readability]] [--page ID] [--no-speed]';

function usage(problem: string): never {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  let dataset: string | null = null;
  const options: Omit<Options, 'dataset' | 'datasetFrom'> = { failures: null, page: null, speed: true, speedChild: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--failures') {
      const next = argv[i + 1];
      if (next === 'news' || next === 'readability') {
        options.failures = next;
        i++;
      } else options.failures = 'all';
      options.speed = false;
    } else if (arg === '--page') {
      options.page = argv[++i] ?? usage('--page needs a page id');
      options.speed = false;
    } else if (arg === '--no-speed') options.speed = false;
    else if (arg === '--speed-child') options.speedChild = true;
    else if (arg === '--help' || arg === '-h') usage('Article-extraction benchmark (Newsroom vs Readability) on the extraction-dev dataset.');
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (dataset === null) dataset = arg;
    else usage(`unexpected argument ${arg}`);
  }
  const env = process.env.NEWSROOM_EXTRACTION_DEV || null;
  if (dataset !== null) return { dataset: path.resolve(dataset), datasetFrom: 'the command line', ...options };
  if (env !== null) return { dataset: path.resolve(env), datasetFrom: 'NEWSROOM_EXTRACTION_DEV', ...options };
  return { dataset: DEFAULT_DATASET, datasetFrom: 'the default location', ...options };
}

function checkDataset(options: Options): void {
  for (const part of ['news-pages/ground-truth.json', 'readability-pages']) {
    const where = path.join(options.dataset, part);
    if (!fs.existsSync(where)) {
      process.stderr.write(
        `bench:extract: the extraction-dev dataset was not found: ${where} does not exist (dataset folder from ${options.datasetFrom}).\n` +
          `Put the dataset at ${DEFAULT_DATASET}, or point to it with NEWSROOM_EXTRACTION_DEV=/path/to/extraction-dev ` +
          `or "npm run bench:extract -- /path/to/extraction-dev".\n`,
      );
      process.exit(2);
    }
  }
}

const progressOn = process.stderr.isTTY === true;
function progress(text: string): void {
  if (progressOn) process.stderr.write(`\r\x1b[2K${text}`);
}
function progressDone(): void {
  if (progressOn) process.stderr.write('\r\x1b[2K');
}

// ---------------------------------------------------------------------------------------------
// Quality

interface PageResult {
  id: string;
  score: PageScore;
  error: string | null;
  crash: boolean;
}

interface TextReport {
  aggregate: Aggregate;
  crashes: number;
  /** Pages with no article at all (an error value or a throw). */
  failed: number;
  pages: PageResult[];
}

function textReport(pages: Array<{ id: string; expectedText: string }>, runs: Run[]): TextReport {
  const results = pages.map((page, i) => {
    const run = runs[i]!;
    return { id: page.id, score: scorePage(page.expectedText, run.output?.text ?? ''), error: run.error, crash: run.crash };
  });
  return {
    aggregate: aggregate(results.map((r) => r.score)),
    crashes: results.filter((r) => r.crash).length,
    failed: results.filter((r) => r.error !== null).length,
    pages: results,
  };
}

/** The UTC calendar day of a date string; zone-less times count as UTC (TZ-independent). */
function utcDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = parseFeedDate(value);
  return date ? date.toISOString().slice(0, 10) : null;
}

interface MetaTally {
  correct: number;
  total: number;
}

interface MetaReport {
  title: MetaTally;
  byline: MetaTally;
  /** Pages with no expected byline where one was returned. */
  spuriousBylines: number;
  date: MetaTally;
  /** The same, under the normalised comparison (bench/extract/metadata-compare.ts). */
  normalised: {
    title: MetaTally;
    /** Over the pages whose expected byline names a person once normalised. */
    byline: MetaTally;
    /** Pages whose expected byline names no person once normalised, and how many of them got one from the extractor. */
    noPersonExpected: { pages: number; bylineReturned: number };
    /** Pages with no expected byline at all where a person was returned. */
    spuriousBylines: number;
  };
  /**
   * Bylines as the normalised comparison counts them, against the expected bylines with the
   * checked corrections of bench/extract/byline-corrections.json (pages where Readability's
   * output names someone other than the article's author).
   */
  corrected: {
    byline: MetaTally;
    noPersonExpected: { pages: number; bylineReturned: number };
  };
  misses: Array<{ id: string; field: string; expected: string | null; got: string | null }>;
}

function metaReport(pages: ReadabilityPage[], runs: Run[]): MetaReport {
  const report: MetaReport = {
    title: { correct: 0, total: 0 },
    byline: { correct: 0, total: 0 },
    spuriousBylines: 0,
    date: { correct: 0, total: 0 },
    normalised: { title: { correct: 0, total: 0 }, byline: { correct: 0, total: 0 }, noPersonExpected: { pages: 0, bylineReturned: 0 }, spuriousBylines: 0 },
    corrected: { byline: { correct: 0, total: 0 }, noPersonExpected: { pages: 0, bylineReturned: 0 } },
    misses: [],
  };
  const count = (tally: MetaTally, same: boolean) => {
    tally.total++;
    if (same) tally.correct++;
  };
  pages.forEach((page, i) => {
    const out = runs[i]!.output;
    const m = page.metadata;
    const check = (field: string, tally: MetaTally, expected: string, got: string | null, same: boolean) => {
      count(tally, same);
      if (!same) report.misses.push({ id: page.id, field, expected, got });
    };
    if (m.title) {
      check('title', report.title, m.title, out?.title ?? null, strictEqual(m.title, out?.title));
      const same = titleMatches(m.title, out?.title);
      count(report.normalised.title, same);
      if (!same) report.misses.push({ id: page.id, field: 'title (normalised)', expected: m.title, got: out?.title ?? null });
    }
    const gotPerson = normaliseByline(out?.byline, m.siteName);
    if (m.byline) {
      check('byline', report.byline, m.byline, out?.byline ?? null, strictEqual(m.byline, out?.byline));
      const expectedPerson = normaliseByline(m.byline, m.siteName);
      if (expectedPerson === null) {
        report.normalised.noPersonExpected.pages++;
        if (gotPerson !== null) report.normalised.noPersonExpected.bylineReturned++;
      } else {
        count(report.normalised.byline, expectedPerson === gotPerson);
        if (expectedPerson !== gotPerson) report.misses.push({ id: page.id, field: 'byline (normalised)', expected: m.byline, got: out?.byline ?? null });
      }
    } else {
      if (strictEqual('', out?.byline) === false) {
        report.spuriousBylines++;
        report.misses.push({ id: page.id, field: 'byline (none expected)', expected: null, got: out?.byline ?? null });
      }
      if (gotPerson !== null) report.normalised.spuriousBylines++;
    }
    if (m.byline) {
      const correction = BYLINE_CORRECTIONS.pages[page.id];
      const people = (correction ? correction.bylines : [m.byline])
        .map((b) => normaliseByline(b, m.siteName))
        .filter((p): p is string => p !== null);
      if (people.length === 0) {
        report.corrected.noPersonExpected.pages++;
        if (gotPerson !== null) report.corrected.noPersonExpected.bylineReturned++;
      } else {
        count(report.corrected.byline, gotPerson !== null && people.includes(gotPerson));
      }
    }
    if (m.publishedTime) {
      const expected = utcDay(m.publishedTime);
      check('date', report.date, m.publishedTime, out?.published ?? null, expected !== null && expected === utcDay(out?.published));
    }
  });
  return report;
}

// ---------------------------------------------------------------------------------------------
// Speed: one core, same pages, the two extractors alternating page by page, after warm-up

interface SpeedResult {
  rounds: number;
  pagesPerSec: number;
  /** Median over pages of each page's median time. */
  medianMs: number;
  msPerRound: number;
}

interface SpeedReport {
  set: string;
  pages: number;
  megabytes: number;
  pinned: string;
  results: Record<Key, SpeedResult>;
}

const WARMUP_ROUNDS = 2;
const MIN_ROUNDS = 5;
const MIN_SECONDS = 4;
const MAX_ROUNDS = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function measureSpeed(set: string, pages: Array<{ html: string; url: string }>): Omit<SpeedReport, 'pinned'> {
  const roundTimes = perExtractor((): number[] => []);
  const pageTimes = perExtractor(() => pages.map((): number[] => []));
  const spent = perExtractor(() => 0);
  // Page by page, both extractors on the same page one after the other, which one goes first
  // alternating by page and by round: drift in machine load, GC and clock speed falls on both.
  const round = (r: number, keep: boolean): void => {
    const totals = perExtractor(() => 0);
    pages.forEach((page, i) => {
      for (const e of (i + r) % 2 === 0 ? EXTRACTORS : [...EXTRACTORS].reverse()) {
        const start = performance.now();
        e.timed(page.html, page.url);
        const ms = performance.now() - start;
        totals[e.key] += ms;
        if (keep) pageTimes[e.key][i]!.push(ms);
      }
    });
    if (!keep) return;
    for (const k of KEYS) {
      roundTimes[k].push(totals[k]);
      spent[k] += totals[k];
    }
  };
  for (let r = 0; r < WARMUP_ROUNDS; r++) round(r, false);
  for (let r = 0; r < MAX_ROUNDS && (r < MIN_ROUNDS || KEYS.some((k) => spent[k] < MIN_SECONDS * 1000)); r++) {
    round(r, true);
    progress(`timing ${set}: round ${r + 1}`);
  }
  progressDone();
  return {
    set,
    pages: pages.length,
    megabytes: pages.reduce((sum, p) => sum + Buffer.byteLength(p.html), 0) / 1e6,
    results: perExtractor((k) => ({
      rounds: roundTimes[k].length,
      pagesPerSec: pages.length / (median(roundTimes[k]) / 1000),
      medianMs: median(pageTimes[k].map(median)),
      msPerRound: median(roundTimes[k]),
    })),
  };
}

/**
 * Runs the speed measurement in a child process pinned to one CPU (taskset) with V8's GC on
 * the main thread, so neither extractor gets help from a second core.
 */
function speedOnOneCore(options: Options): SpeedReport[] {
  const script = process.argv[1]!;
  const nodeArgs = ['--single-threaded-gc', script, options.dataset, '--speed-child'];
  const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const child = hasTaskset
    ? spawnSync('taskset', ['-c', '0', process.execPath, ...nodeArgs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 })
    : spawnSync(process.execPath, nodeArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`speed measurement failed (exit ${child.status})`);
  const reports = JSON.parse(child.stdout) as Array<Omit<SpeedReport, 'pinned'>>;
  const pinned = hasTaskset ? 'taskset -c 0, --single-threaded-gc' : 'not pinned (no taskset), --single-threaded-gc';
  return reports.map((r) => ({ ...r, pinned }));
}

// ---------------------------------------------------------------------------------------------
// Output

function formatTable(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const f3 = (x: number) => x.toFixed(3);
const tally = (t: MetaTally) => `${t.correct}/${t.total} (${t.total ? ((100 * t.correct) / t.total).toFixed(1) : '–'} %)`;

function printTable(
  news: Record<Key, TextReport>,
  readability: Record<Key, TextReport>,
  meta: Record<Key, MetaReport>,
  speed: SpeedReport[] | null,
): string {
  const [nr, rd] = EXTRACTORS as [Extractor, Extractor];
  const rows: string[][] = [['', nr.label, `${rd.label} on linkedom ${LINKEDOM_VERSION}`]];
  const both = (f: (k: Key) => string) => KEYS.map(f);
  for (const [name, set] of [['news-pages', news], ['readability-pages', readability]] as const) {
    const n = set.newsroom.aggregate.pages;
    rows.push([`${name} (${n} pages)`, '', '']);
    rows.push(['  F1', ...both((k) => f3(set[k].aggregate.f1))]);
    rows.push(['  precision', ...both((k) => f3(set[k].aggregate.precision))]);
    rows.push(['  recall', ...both((k) => f3(set[k].aggregate.recall))]);
    rows.push(['  exact-match accuracy', ...both((k) => f3(set[k].aggregate.accuracy))]);
    rows.push(['  crashes', ...both((k) => String(set[k].crashes))]);
    rows.push(['  no article / empty output', ...both((k) => `${set[k].failed} / ${set[k].aggregate.empty}`)]);
  }
  rows.push(['metadata on readability-pages', '', '']);
  rows.push(['  title exact', ...both((k) => tally(meta[k].title))]);
  rows.push(['  byline exact', ...both((k) => tally(meta[k].byline))]);
  rows.push(['  byline where none expected', ...both((k) => String(meta[k].spuriousBylines))]);
  rows.push(['  published (UTC day)', ...both((k) => tally(meta[k].date))]);
  rows.push(['  title normalised', ...both((k) => tally(meta[k].normalised.title))]);
  rows.push(['  byline normalised (a person expected)', ...both((k) => tally(meta[k].normalised.byline))]);
  rows.push(['  byline normalised, checked labels', ...both((k) => tally(meta[k].corrected.byline))]);
  rows.push(['  no person expected: pages / byline given', ...both((k) => `${meta[k].normalised.noPersonExpected.pages} / ${meta[k].normalised.noPersonExpected.bylineReturned}`)]);
  rows.push(['  person where no byline expected', ...both((k) => String(meta[k].normalised.spuriousBylines))]);
  for (const s of speed ?? []) {
    rows.push([`speed, ${s.set} (${s.pages} pages, ${s.megabytes.toFixed(1)} MB), one core`, '', '']);
    rows.push(['  pages/s', ...both((k) => s.results[k].pagesPerSec.toFixed(1))]);
    rows.push(['  median ms/page', ...both((k) => s.results[k].medianMs.toFixed(2))]);
    rows.push(['  rounds', ...both((k) => String(s.results[k].rounds))]);
    rows.push(['  speed ratio Newsroom/Readability', `${(s.results.newsroom.pagesPerSec / s.results.readability.pagesPerSec).toFixed(2)}×`, '']);
  }
  const out = [
    `Article extraction benchmark: ${nr.label} vs ${rd.label} (linkedom ${LINKEDOM_VERSION})`,
    `node ${process.version}, ${new Date().toISOString()}`,
    '',
    formatTable(rows, [false, true, true]),
  ];
  if (speed?.length) out.push(`speed: parse + extract from the HTML string, ${speed[0]!.pinned}; both extractors on each page in turn (first one alternating), ${WARMUP_ROUNDS} warm-up rounds, pages/s from the median round`);
  return out.join('\n');
}

function printFailures(which: Options['failures'], news: Record<Key, TextReport>, readability: Record<Key, TextReport>, meta: Record<Key, MetaReport>): string {
  const out: string[] = [];
  const sets = which === 'all' ? ([['news-pages', news], ['readability-pages', readability]] as const) : which === 'news' ? ([['news-pages', news]] as const) : ([['readability-pages', readability]] as const);
  for (const [name, set] of sets) {
    out.push('', `${name}: per page, Newsroom P/R vs Readability P/R (worst Newsroom F1 first)`);
    const f1 = (s: PageScore) => (s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0);
    const rows = set.newsroom.pages.map((p, i) => ({ p, r: set.readability.pages[i]! })).sort((a, b) => f1(a.p.score) - f1(b.p.score));
    for (const { p, r } of rows) {
      const s = p.score;
      if (s.precision === 1 && s.recall === 1 && !p.error) continue;
      out.push(
        `${p.id.slice(0, 24).padEnd(24)}  P ${f3(s.precision)} R ${f3(s.recall)}  | P ${f3(r.score.precision)} R ${f3(r.score.recall)}${p.error ? `  (${p.error})` : ''}`,
      );
    }
  }
  if (which !== 'news') {
    out.push('', 'metadata misses (Newsroom):');
    for (const m of meta.newsroom.misses) out.push(`${m.id.padEnd(28)} ${m.field.padEnd(22)} expected ${JSON.stringify(m.expected)}  got ${JSON.stringify(m.got)}`);
    out.push('', `metadata misses (${EXTRACTORS[1]!.label}):`);
    for (const m of meta.readability.misses) out.push(`${m.id.padEnd(28)} ${m.field.padEnd(22)} expected ${JSON.stringify(m.expected)}  got ${JSON.stringify(m.got)}`);
  }
  return out.join('\n');
}

function printPage(id: string, pages: Array<NewsPage | ReadabilityPage>): string {
  const page = pages.find((p) => p.id === id || p.id.startsWith(id));
  if (!page) usage(`no page ${id}`);
  const out = [`page ${page.id} ${page.url}`, '', '=== expected', page.expectedText];
  for (const e of EXTRACTORS) {
    const run = e.run(page.html, page.url);
    const s = scorePage(page.expectedText, run.output?.text ?? '');
    out.push('', `=== ${e.label}: P ${f3(s.precision)} R ${f3(s.recall)}${run.error ? ` (${run.error})` : ''}`);
    if (run.output) out.push(`title ${JSON.stringify(run.output.title)} byline ${JSON.stringify(run.output.byline)} published ${JSON.stringify(run.output.published)}`, '', run.output.text);
  }
  return out.join('\n');
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function writeJson(file: string, options: Options, news: Record<Key, TextReport>, readability: Record<Key, TextReport>, meta: Record<Key, MetaReport>, speed: SpeedReport[]): void {
  const text = (r: TextReport) => ({
    f1: round4(r.aggregate.f1),
    precision: round4(r.aggregate.precision),
    recall: round4(r.aggregate.recall),
    accuracy: round4(r.aggregate.accuracy),
    crashes: r.crashes,
    noArticle: r.failed,
    emptyOutput: r.aggregate.empty,
    pages: r.pages.map((p) => ({ id: p.id, precision: round4(p.score.precision), recall: round4(p.score.recall), exact: p.score.exact, ...(p.error ? { error: p.error } : {}) })),
  });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    dataset: options.dataset,
    extractors: perExtractor((k) => (k === 'readability' ? `${EXTRACTORS[1]!.label} on linkedom ${LINKEDOM_VERSION}` : EXTRACTORS[0]!.label)),
    metric: '4-gram shingle multisets of \\w+ tokens; precision averaged over pages with output, recall over all pages, F1 of the means (dataset README)',
    newsPages: perExtractor((k) => text(news[k])),
    readabilityPages: perExtractor((k) => text(readability[k])),
    metadata: {
      comparison: METADATA_COMPARISON.strict,
      ...perExtractor((k) => ({ title: meta[k].title, byline: meta[k].byline, spuriousBylines: meta[k].spuriousBylines, published: meta[k].date })),
    },
    metadataComparison: METADATA_COMPARISON,
    metadataNormalised: perExtractor((k) => meta[k].normalised),
    bylineCorrections: BYLINE_CORRECTIONS.about,
    metadataCorrected: perExtractor((k) => meta[k].corrected),
    readabilityMetadataMisses: meta.readability.misses,
    speed: speed.map((s) => ({
      set: s.set,
      pages: s.pages,
      megabytes: round4(s.megabytes),
      method: `parse + extract from the HTML string; ${s.pinned}; both extractors on each page in turn, the first alternating, after ${WARMUP_ROUNDS} warm-up rounds; pages/s from the median round`,
      ...perExtractor((k) => ({ pagesPerSec: round4(s.results[k].pagesPerSec), medianMsPerPage: round4(s.results[k].medianMs), rounds: s.results[k].rounds })),
      ratioNewsroomToReadability: round4(s.results.newsroom.pagesPerSec / s.results.readability.pagesPerSec),
    })),
    newsroomMetadataMisses: meta.newsroom.misses,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  checkDataset(options);
  const newsPages = loadNewsPages(options.dataset);
  const readabilityPages = loadReadabilityPages(options.dataset);

  if (options.speedChild) {
    const reports = [measureSpeed('news-pages', newsPages), measureSpeed('readability-pages', readabilityPages)];
    process.stdout.write(JSON.stringify(reports));
    return;
  }
  if (options.page !== null) {
    process.stdout.write(`${printPage(options.page, [...newsPages, ...readabilityPages])}\n`);
    return;
  }

  const runAll = <P extends { id: string; html: string; url: string }>(label: string, pages: P[]) =>
    perExtractor((k) => {
      const extractor = EXTRACTORS.find((e) => e.key === k)!;
      return pages.map((p, i) => {
        progress(`${extractor.label} on ${label}: ${i + 1}/${pages.length}`);
        return extractor.run(p.html, p.url);
      });
    });
  const newsRuns = runAll('news-pages', newsPages);
  const readabilityRuns = runAll('readability-pages', readabilityPages);
  progressDone();
  const news = perExtractor((k) => textReport(newsPages, newsRuns[k]));
  const readability = perExtractor((k) => textReport(readabilityPages, readabilityRuns[k]));
  const meta = perExtractor((k) => metaReport(readabilityPages, readabilityRuns[k]));

  const speed = options.speed ? speedOnOneCore(options) : null;
  process.stdout.write(`${printTable(news, readability, meta, speed)}\n`);
  if (options.failures) process.stdout.write(`${printFailures(options.failures, news, readability, meta)}\n`);
  if (speed) {
    const file = projectPath('bench/results/extract.json');
    writeJson(file, options, news, readability, meta, speed);
    process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file) || file}\n`);
  } else {
    process.stdout.write('\n(speed not measured; bench/results/extract.json not written)\n');
  }
}

main();
