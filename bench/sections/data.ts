// The labelled headlines the section classifier is trained and measured on: the UCI News
// Aggregator headlines of ../shared/datasets/clustering-dev (its README), whose categories are
// b business, t science and technology, e entertainment, m health. The split is by story (the
// dataset's `cluster`), not by headline: one story's fifty near-identical headlines would
// otherwise sit on both sides and flatter the figure. A story is held out when the FNV-1a hash
// of its id is 0 mod 5 — about a fifth, fixed, the same for the trainer and the benchmark.
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../src/paths.js';

export interface LabelledHeadline {
  id: string;
  title: string;
  /** The dataset's category letter. */
  category: 'b' | 't' | 'e' | 'm';
  /** The story it belongs to. */
  story: string;
}

/** Our section for each of the dataset's categories. */
export const SECTION_OF_CATEGORY: Record<LabelledHeadline['category'], string> = { b: 'business', t: 'technology', e: 'entertainment', m: 'health' };
/** Sections that count as right for a category ("science and technology" is one category there). */
export const ACCEPTED_FOR_CATEGORY: Record<LabelledHeadline['category'], readonly string[]> = {
  b: ['business'],
  t: ['technology', 'science'],
  e: ['entertainment'],
  m: ['health'],
};

export const DEFAULT_UCI = path.resolve(projectPath(), '../shared/datasets/clustering-dev/uci-news-6k.shuffled.jsonl');
export const SPLIT_RULE = 'held out: the stories whose id has an FNV-1a 32-bit hash ≡ 0 (mod 5); trained on all other stories';

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function isHeldOut(story: string): boolean {
  return fnv1a(story) % 5 === 0;
}

export function loadUci(file = process.env.NEWSROOM_CLUSTERING_DEV ? path.join(process.env.NEWSROOM_CLUSTERING_DEV, 'uci-news-6k.shuffled.jsonl') : DEFAULT_UCI): LabelledHeadline[] {
  if (!fs.existsSync(file)) {
    throw new Error(`the labelled headlines were not found at ${file}; put clustering-dev there or set NEWSROOM_CLUSTERING_DEV=/path/to/clustering-dev`);
  }
  const out: LabelledHeadline[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; title: string; category: string; cluster: string };
    if (row.category === 'b' || row.category === 't' || row.category === 'e' || row.category === 'm') {
      out.push({ id: row.id, title: row.title, category: row.category, story: row.cluster });
    }
  }
  return out;
}
