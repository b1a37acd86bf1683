// A generated news stream for the clustering scale run: a vocabulary of ~50,000 words with
// Zipfian frequencies, people/organisation/place names, stories of realistic sizes (a few large,
// many small) arriving over simulated weeks with real timestamps, titles of 8–14 words and
// leads of ~40 words, a few syndicated copies. Articles come in time order from a heap of
// running stories, so generating an endless stream holds only the stories still running.
import type { ClusterArticle } from '../../src/stories/cluster.js';
import { MinHeap } from '../../src/collections/min-heap.js';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'sh', 'sl', 'st', 'str', 'th', 'tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'io', 'ou', 'oa'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'rt', 'st', 'ck', 'ng'];
/** Function words, so texts read like sentences (the clusterer drops them). */
const FUNCTION_WORDS = ['the', 'of', 'to', 'in', 'on', 'for', 'after', 'with', 'as', 'at', 'by', 'and', 'a', 'from', 'over', 'says', 'new'];

function makeWords(count: number, random: () => number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const syllables = 1 + Math.floor(random() * 2) + (random() < 0.2 ? 1 : 0);
    let w = '';
    for (let s = 0; s < syllables; s++) {
      w += ONSETS[Math.floor(random() * ONSETS.length)]! + VOWELS[Math.floor(random() * VOWELS.length)]!;
      if (s === syllables - 1) w += CODAS[Math.floor(random() * CODAS.length)]!;
    }
    if (w.length < 3 || taken.has(w)) continue;
    taken.add(w);
    out.push(w);
  }
  return out;
}

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1+q)^s (Zipf–Mandelbrot). */
class Zipf {
  private readonly cdf: Float64Array;
  constructor(n: number, s: number, private readonly random: () => number, q = 0) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) this.cdf[i] = sum += 1 / Math.pow(i + 1 + q, s);
    for (let i = 0; i < n; i++) this.cdf[i]! /= sum;
  }
  sample(): number {
    const x = this.random();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface StreamOptions {
  seed: number;
  /** Articles per simulated hour. */
  articlesPerHour: number;
  start: Date;
}

interface RunningStory {
  id: number;
  keywords: string[];
  names: string[];
  remaining: number;
  next: number;
  /** Mean hours between its articles. */
  spacing: number;
  last: { title: string; text: string } | null;
}

export interface GeneratedArticle {
  article: ClusterArticle;
  gold: number;
}

/**
 * An endless stream of articles in time order. Story sizes follow a power law (P(k) ∝ k^-2.1,
 * 1–3,000 articles: most stories are one or two articles, a few run to thousands); a story's
 * articles are spread over hours to days; new stories start as a Poisson process at the rate
 * that gives `articlesPerHour`.
 */
export function* newsStream(options: StreamOptions): Generator<GeneratedArticle> {
  const random = rng(options.seed);
  const taken = new Set<string>(FUNCTION_WORDS);
  const words = makeWords(50_000, random, taken);
  const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  const givenNames = makeWords(5_000, random, taken).map(cap);
  const familyNames = makeWords(30_000, random, taken).map(cap);
  const placeNames = makeWords(5_000, random, taken).map(cap);
  const outlets = makeWords(600, random, taken);
  const givenZipf = new Zipf(givenNames.length, 0.7, random);
  // Content words only (function words are added apart): the commonest is ~0.3 % of words,
  // as the commonest non-stop word is in news text.
  const wordZipf = new Zipf(words.length, 1.0, random, 50);
  const familyZipf = new Zipf(familyNames.length, 0.6, random);
  const placeZipf = new Zipf(placeNames.length, 0.7, random);
  const sizeCdf: number[] = [];
  {
    let sum = 0;
    for (let k = 1; k <= 3000; k++) sizeCdf.push((sum += Math.pow(k, -2.1)));
    for (let i = 0; i < sizeCdf.length; i++) sizeCdf[i]! /= sum;
  }
  const meanSize = sizeCdf.reduce((m, c, i) => m + (i + 1) * (c - (i > 0 ? sizeCdf[i - 1]! : 0)), 0);
  const storiesPerHour = options.articlesPerHour / meanSize;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const exp = (mean: number): number => -Math.log(1 - random()) * mean;
  const general = (): string => words[wordZipf.sample()]!;

  // Running stories by the time of their next article.
  const heap = new MinHeap<RunningStory>((s) => s.next);
  let nextStoryId = 0;
  let clock = 0;
  let nextStoryStart = exp(1 / storiesPerHour);
  let article = 0;
  const t0 = options.start.getTime();

  const newStory = (at: number): RunningStory => {
    const x = random();
    let size = 1;
    while (size < sizeCdf.length && sizeCdf[size - 1]! < x) size++;
    // Story words: ranks 100–50,000, log-uniform (neither the commonest words nor only rare ones).
    const keywords = Array.from({ length: 4 + Math.floor(random() * 5) }, () => words[Math.floor(100 * Math.pow(500, random())) - 1]!);
    const names: string[] = [];
    names.push(`${givenNames[givenZipf.sample()]!} ${familyNames[familyZipf.sample()]!}`);
    if (random() < 0.7) names.push(placeNames[placeZipf.sample()]!);
    if (random() < 0.5) names.push(`${familyNames[familyZipf.sample()]!} ${pick(['Group', 'Bank', 'Party', 'Council', 'Motors', 'Labs'])}`);
    // Big stories run longer; articles come every few minutes to hours.
    const durationHours = 2 + exp(6 * Math.log2(size + 1));
    return { id: nextStoryId++, keywords, names, remaining: size, next: at, spacing: durationHours / size, last: null };
  };

  /** Some of the story's names and key words among common words, in a random order. */
  const sentence = (s: RunningStory, length: number, names: number, keywords: number): string[] => {
    const phrases: string[][] = [];
    for (let i = 0; i < names; i++) phrases.push(pick(s.names).split(' '));
    const keys = [...s.keywords].sort(() => random() - 0.5).slice(0, keywords);
    for (const k of keys) phrases.push([k]);
    let words = phrases.reduce((n, p) => n + p.length, 0);
    while (words < length) {
      phrases.push([random() < 0.35 ? pick(FUNCTION_WORDS) : general()]);
      words++;
    }
    for (let i = phrases.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [phrases[i], phrases[j]] = [phrases[j]!, phrases[i]!];
    }
    return phrases.flat();
  };

  for (;;) {
    // Start the stories due before the next article.
    while (heap.size === 0 || nextStoryStart <= heap.peek()!.next) {
      heap.push(newStory(nextStoryStart));
      nextStoryStart += exp(1 / storiesPerHour);
    }
    const s = heap.pop()!;
    clock = s.next;
    let title: string;
    let text: string;
    if (s.last !== null && random() < 0.05) {
      // A syndicated copy: another outlet runs the same piece.
      ({ title, text } = s.last);
    } else {
      const t = sentence(s, 8 + Math.floor(random() * 7), random() < 0.6 ? 1 : 2, 2 + Math.floor(random() * 3));
      t[0] = cap(t[0]!);
      title = t.join(' ');
      const lead = sentence(s, 34 + Math.floor(random() * 13), 2 + Math.floor(random() * 3), 3 + Math.floor(random() * 4));
      lead[0] = cap(lead[0]!);
      text = `${lead.join(' ')}.`;
    }
    s.last = { title, text };
    const outlet = pick(outlets);
    const id = `g${article++}`;
    yield {
      article: {
        id,
        time: new Date(t0 + clock * 3_600_000),
        title,
        text,
        source: outlet,
        url: `https://${outlet}.example/news/${title.toLowerCase().split(' ').slice(0, 8).join('-')}-${id}`,
        lang: 'en',
      },
      gold: s.id,
    };
    if (--s.remaining > 0) {
      s.next = clock + exp(s.spacing);
      heap.push(s);
    }
  }
}
