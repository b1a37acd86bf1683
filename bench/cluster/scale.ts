// The scale run: a generated stream of N articles through one clusterer whose window holds
// ~100,000 articles once full; throughput, window size and memory per 100,000-article segment.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';
import { score, type Scores } from './metrics.js';
import { newsStream, type GeneratedArticle } from './synthetic.js';

export interface ScaleSegment {
  /** Articles streamed at the end of the segment. */
  articles: number;
  /** Per second of CPU time of the process while clustering (robust to other load on the machine). */
  articlesPerSecond: number;
  /** Per second of wall-clock time. */
  articlesPerWallSecond: number;
  activeArticles: number;
  activeStories: number;
  vocabulary: number;
  heapUsedMB: number;
  rssMB: number;
}

export interface ScaleRun {
  articles: number;
  windowHours: number;
  articlesPerHour: number;
  segmentSize: number;
  segments: ScaleSegment[];
  /** Over the whole run, CPU time of clustering only (generation excluded). */
  articlesPerSecond: number;
  articlesPerWallSecond: number;
  /** Steady state: the segments after the window first filled. */
  steadyArticlesPerSecond: number;
  peakRssMB: number;
  /** Quality on the generated stream (gold = the generator's stories), over the whole run. */
  quality: Scores;
  seconds: number;
}

/** A garbage collection before each memory reading, when V8 lets us have one, so readings compare live data. */
function gcFunction(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose_gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

const MB = 1024 * 1024;
const BATCH = 10_000;

export function runScale(
  total: number,
  options: Partial<ClusterOptions>,
  progress: (text: string) => void,
  segmentSize = 100_000,
  activeTarget = 100_000,
): ScaleRun {
  const windowHours = options.windowHours ?? 72;
  const articlesPerHour = Math.round(activeTarget / windowHours);
  const clusterer = new StoryClusterer({ ...options, windowHours });
  const stream = newsStream({ seed: 20240601, articlesPerHour, start: new Date('2024-06-01T00:00:00Z') });
  const gc = gcFunction();
  const segments: ScaleSegment[] = [];
  const predicted = new Int32Array(total);
  const gold = new Int32Array(total);
  let peakRss = 0;
  let done = 0;
  let clusterMs = 0;
  let segmentMs = 0;
  let clusterCpuMs = 0;
  let segmentCpuMs = 0;
  const started = performance.now();
  const batch: GeneratedArticle[] = [];
  while (done < total) {
    batch.length = 0;
    const n = Math.min(BATCH, total - done, segmentSize - (done % segmentSize));
    for (let i = 0; i < n; i++) batch.push(stream.next().value as GeneratedArticle);
    const t = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      // Default story ids are "s1", "s2", …: the number is the label.
      predicted[done + i] = Number(clusterer.add(batch[i]!.article).story.slice(1));
      gold[done + i] = batch[i]!.gold;
    }
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    clusterMs += ms;
    segmentMs += ms;
    clusterCpuMs += cpuMs;
    segmentCpuMs += cpuMs;
    done += n;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    progress(`scale run: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} articles`);
    if (done % segmentSize === 0 || done === total) {
      batch.length = 0;
      gc?.();
      const mem = process.memoryUsage();
      peakRss = Math.max(peakRss, mem.rss);
      const s = clusterer.stats();
      const inSegment = done % segmentSize === 0 ? segmentSize : done % segmentSize;
      segments.push({
        articles: done,
        articlesPerSecond: inSegment / (segmentCpuMs / 1000),
        articlesPerWallSecond: inSegment / (segmentMs / 1000),
        activeArticles: s.activeArticles,
        activeStories: s.activeStories,
        vocabulary: s.vocabulary,
        heapUsedMB: mem.heapUsed / MB,
        rssMB: mem.rss / MB,
      });
      segmentMs = 0;
      segmentCpuMs = 0;
    }
  }
  const steady = segments.filter((s, i) => i > 0 && s.activeArticles >= 0.9 * activeTarget);
  const steadyRate = steady.length > 0 ? steady.reduce((sum, s) => sum + segmentSize / s.articlesPerSecond, 0) : 0;
  return {
    articles: total,
    windowHours,
    articlesPerHour,
    segmentSize,
    segments,
    articlesPerSecond: total / (clusterCpuMs / 1000),
    articlesPerWallSecond: total / (clusterMs / 1000),
    steadyArticlesPerSecond: steady.length > 0 ? (steady.length * segmentSize) / steadyRate : total / (clusterCpuMs / 1000),
    peakRssMB: peakRss / MB,
    quality: score(Array.from(predicted, String), Array.from(gold, String)),
    seconds: (performance.now() - started) / 1000,
  };
}
