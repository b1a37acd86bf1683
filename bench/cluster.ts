// Story-clustering benchmark: Newsroom's online clusterer and the clustering-dev README's
// TF-IDF single-pass baseline side by side on ../shared/datasets/clustering-dev (quality per
// the README protocol: the whole file streamed in order, the story given on arrival is the
// answer, tuned on the first 20 %, reported on the last 80 %), the robustness of Newsroom's
// thresholds (±20 %), and a scale run on a generated stream (throughput, window size and memory
// per 100,000 articles). Prints a table on stdout and writes bench/results/cluster.json.
//
//   npm run bench:cluster [-- [DATASET] [--scale N] [--no-scale]]
//
// DATASET (or env NEWSROOM_CLUSTER_DEV) is the dataset folder or its .jsonl file.
// --scale N sets the scale run's length (default 1,000,000 articles); --no-scale skips it.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CLUSTER_OPTIONS, StoryClusterer, type ClusterOptions } from '../src/stories/cluster.js';
import { projectPath } from '../src/paths.js';
import { TfidfSinglePass } from './cluster/baseline.js';
import { readDataset, type LabelledArticle } from './cluster/dataset.js';
import { runDev, tuneCount, type DevRun } from './cluster/evaluate.js';
import type { Scores } from './cluster/metrics.js';
import { runScale, type ScaleRun } from './cluster/scale.js';

const DATASET_FILE = 'uci-news-6k.shuffled.jsonl';
const DEFAULT_DATASET = path.resolve(projectPath(), '../shared/datasets/clustering-dev');
const RESULTS = projectPath('bench/results/cluster.json');
/** Timing rounds on the dev stream (each a fresh clusterer over all 6,366 articles); the median is reported. */
const SPEED_ROUNDS = 5;

// ---------------------------------------------------------------------------------------------
// Command line

interface Options {
  dataset: string;
  datasetFrom: string;
  scale: number | null;
}

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run bench:cluster -- [DATASET_DIR_OR_FILE] [--scale N] [--no-scale]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  let dataset: string | null = null;
  let scale: number | null = 1_000_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-scale') scale = null;
    else if (arg === '--scale' || arg.startsWith('--scale=')) {
      const value = arg.includes('=') ? arg.slice('--scale='.length) : argv[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) usage(`--scale needs a positive whole number of articles, not ${value ?? 'nothing'}`);
      scale = n;
    } else if (arg === '--help' || arg === '-h') usage('Story-clustering benchmark (Newsroom vs the TF-IDF single-pass baseline).');
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (dataset === null) dataset = arg;
    else usage(`unexpected argument ${arg}`);
  }
  const env = process.env.NEWSROOM_CLUSTER_DEV || null;
  if (dataset !== null) return { dataset: path.resolve(dataset), datasetFrom: 'the command line', scale };
  if (env !== null) return { dataset: path.resolve(env), datasetFrom: 'NEWSROOM_CLUSTER_DEV', scale };
  return { dataset: DEFAULT_DATASET, datasetFrom: 'the default location', scale };
}

function datasetFile(options: Options): string {
  const where = options.dataset.endsWith('.jsonl') ? options.dataset : path.join(options.dataset, DATASET_FILE);
  if (!fs.existsSync(where)) {
    process.stderr.write(
      `bench:cluster: the clustering-dev dataset was not found: ${where} does not exist (dataset from ${options.datasetFrom}).\n` +
        `Put the dataset at ${path.join(DEFAULT_DATASET, DATASET_FILE)}, or point to it with ` +
        `NEWSROOM_CLUSTER_DEV=/path/to/clustering-dev or "npm run bench:cluster -- /path/to/clustering-dev".\n`,
    );
    process.exit(2);
  }
  return where;
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
// Runs

interface System {
  key: 'newsroom' | 'baseline';
  label: string;
  /** A fresh instance: article in, cluster label out. */
  make(): (a: LabelledArticle) => string;
}

function newsroom(options: Partial<ClusterOptions> = {}): () => (a: LabelledArticle) => string {
  return () => {
    const c = new StoryClusterer(options);
    return (a) => c.add(a.article).story;
  };
}

const SYSTEMS: System[] = [
  { key: 'newsroom', label: 'Newsroom', make: newsroom() },
  {
    key: 'baseline',
    label: 'TF-IDF single pass',
    make: () => {
      const b = new TfidfSinglePass(0.15);
      return (a) => b.add(a.article.title, a.article.text);
    },
  },
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface DevResult {
  tune: Scores;
  test: Scores;
  articlesPerSecond: number;
}

function evaluate(system: System, data: LabelledArticle[]): DevResult {
  const first: DevRun = runDev(data, system.make());
  const rates = [first.articlesPerSecond];
  for (let r = 1; r < SPEED_ROUNDS; r++) rates.push(runDev(data, system.make()).articlesPerSecond);
  return { tune: first.tune, test: first.test, articlesPerSecond: median(rates) };
}

interface Robustness {
  setting: string;
  options: Partial<ClusterOptions>;
  tuneF1: number;
  testF1: number;
}

/** Newsroom with its two thresholds moved by ±20 %, one at a time. */
function robustness(data: LabelledArticle[]): Robustness[] {
  const d = DEFAULT_CLUSTER_OPTIONS;
  const variants: Array<[string, Partial<ClusterOptions>]> = [
    ['defaults', {}],
    ['threshold −20 %', { threshold: d.threshold * 0.8 }],
    ['threshold +20 %', { threshold: d.threshold * 1.2 }],
    ['storyMergeThreshold −20 %', { storyMergeThreshold: d.storyMergeThreshold * 0.8 }],
    ['storyMergeThreshold +20 %', { storyMergeThreshold: d.storyMergeThreshold * 1.2 }],
    ['both −20 %', { threshold: d.threshold * 0.8, storyMergeThreshold: d.storyMergeThreshold * 0.8 }],
    ['both +20 %', { threshold: d.threshold * 1.2, storyMergeThreshold: d.storyMergeThreshold * 1.2 }],
  ];
  return variants.map(([setting, options]) => {
    const run = runDev(data, newsroom(options)());
    return { setting, options, tuneF1: run.tune.b3.f1, testF1: run.test.b3.f1 };
  });
}

// ---------------------------------------------------------------------------------------------
// Output

function formatTable(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const pct = (x: number): string => (100 * x).toFixed(2);
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const round4 = (x: number): number => Math.round(x * 10000) / 10000;

function scoreCells(s: Scores): string[] {
  return [pct(s.b3.precision), pct(s.b3.recall), pct(s.b3.f1), pct(s.pairwise.precision), pct(s.pairwise.recall), pct(s.pairwise.f1), pct(s.ari), int(s.predictedClusters)];
}

function scoresJson(s: Scores): unknown {
  return {
    articles: s.articles,
    b3: { precision: round4(s.b3.precision), recall: round4(s.b3.recall), f1: round4(s.b3.f1) },
    pairwise: { precision: round4(s.pairwise.precision), recall: round4(s.pairwise.recall), f1: round4(s.pairwise.f1) },
    ari: round4(s.ari),
    predictedClusters: s.predictedClusters,
    goldClusters: s.goldClusters,
  };
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const file = datasetFile(options);
  const data = readDataset(file);
  const cut = tuneCount(data.length);
  const out: string[] = [];
  out.push('Story clustering benchmark: Newsroom vs the TF-IDF single-pass baseline');
  out.push(`dataset ${file}: ${int(data.length)} articles; tuning part positions 0–${cut - 1}, reported part ${cut}–${data.length - 1} (${int(data.length - cut)} articles)`);
  out.push(`node ${process.version}, ${new Date().toISOString()}`);
  out.push('');

  const results = new Map<string, DevResult>();
  for (const system of SYSTEMS) {
    progress(`dev stream: ${system.label}`);
    results.set(system.key, evaluate(system, data));
  }
  progress('dev stream: robustness');
  const robust = robustness(data);
  progressDone();

  const head = ['system', 'part', 'B³ P', 'B³ R', 'B³ F1', 'pair P', 'pair R', 'pair F1', 'ARI', 'clusters', 'articles/s'];
  const rows: string[][] = [head];
  for (const system of SYSTEMS) {
    const r = results.get(system.key)!;
    rows.push([system.label, 'last 80 %', ...scoreCells(r.test), int(r.articlesPerSecond)]);
    rows.push([system.label, 'first 20 %', ...scoreCells(r.tune), '']);
  }
  out.push('Quality on clustering-dev (percent; B³ F1 is the headline number; gold: 87 stories, 86 in the last 80 %)');
  out.push(formatTable(rows, head.map((_, i) => i >= 2)));
  out.push('');
  const rhead = ['Newsroom setting', 'B³ F1 first 20 %', 'B³ F1 last 80 %'];
  out.push(`Robustness: Newsroom's thresholds ±20 % (threshold ${DEFAULT_CLUSTER_OPTIONS.threshold}, storyMergeThreshold ${DEFAULT_CLUSTER_OPTIONS.storyMergeThreshold})`);
  out.push(formatTable([rhead, ...robust.map((r) => [r.setting, pct(r.tuneF1), pct(r.testF1)])], [false, true, true]));

  let scale: ScaleRun | null = null;
  if (options.scale !== null) {
    scale = runScale(options.scale, {}, progress);
    progressDone();
    out.push('');
    out.push(
      `Scale run: ${int(scale.articles)} generated articles (~${int(scale.articlesPerHour)}/hour over ${(scale.articles / scale.articlesPerHour / 24).toFixed(1)} simulated days), windowHours ${scale.windowHours}`,
    );
    const shead = ['articles', 'articles/s (CPU)', 'articles/s (wall)', 'active articles', 'active stories', 'vocabulary', 'heap used MB', 'RSS MB'];
    const srows = scale.segments.map((s) => [int(s.articles), int(s.articlesPerSecond), int(s.articlesPerWallSecond), int(s.activeArticles), int(s.activeStories), int(s.vocabulary), s.heapUsedMB.toFixed(0), s.rssMB.toFixed(0)]);
    out.push(formatTable([shead, ...srows], shead.map(() => true)));
    out.push(
      `whole run: ${int(scale.articlesPerSecond)} articles/s of CPU time (${int(scale.articlesPerWallSecond)} wall), ` +
        `${int(scale.steadyArticlesPerSecond)}/s once the window is full; peak RSS ${scale.peakRssMB.toFixed(0)} MB; ` +
        `B³ F1 against the generator's stories ${pct(scale.quality.b3.f1)} (P ${pct(scale.quality.b3.precision)}, R ${pct(scale.quality.b3.recall)}); ${scale.seconds.toFixed(0)} s in all`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);

  const json = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    dataset: { file: path.basename(file), articles: data.length, tunePart: [0, cut - 1], reportedPart: [cut, data.length - 1] },
    command: 'npm run bench:cluster',
    newsroomOptions: DEFAULT_CLUSTER_OPTIONS,
    dev: Object.fromEntries(
      SYSTEMS.map((s) => {
        const r = results.get(s.key)!;
        return [s.key, { label: s.label, reported: scoresJson(r.test), tuning: scoresJson(r.tune), articlesPerSecond: Math.round(r.articlesPerSecond) }];
      }),
    ),
    robustness: robust.map((r) => ({ setting: r.setting, options: r.options, tuneB3F1: round4(r.tuneF1), reportedB3F1: round4(r.testF1) })),
    scale:
      scale === null
        ? null
        : {
            ...scale,
            segments: scale.segments.map((s) => ({
              ...s,
              articlesPerSecond: Math.round(s.articlesPerSecond),
              articlesPerWallSecond: Math.round(s.articlesPerWallSecond),
              heapUsedMB: Math.round(s.heapUsedMB),
              rssMB: Math.round(s.rssMB),
            })),
            articlesPerSecond: Math.round(scale.articlesPerSecond),
            articlesPerWallSecond: Math.round(scale.articlesPerWallSecond),
            steadyArticlesPerSecond: Math.round(scale.steadyArticlesPerSecond),
            peakRssMB: Math.round(scale.peakRssMB),
            quality: scoresJson(scale.quality),
            seconds: Math.round(scale.seconds),
          },
  };
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
}

main();
