// Real English for the generated archives of bench:search and bench:serve: the
// clustering-dev dataset's real headlines, sentences of the extraction-dev dataset's
// hand-annotated article bodies, and the headlines' words by how often they occur
// (../shared/datasets, see their READMEs; NEWSROOM_DATASETS=DIR reads them elsewhere).
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../src/paths.js';
import { readDataset } from './cluster/dataset.js';

export const DATASETS = process.env.NEWSROOM_DATASETS ?? path.resolve(projectPath(), '../shared/datasets');

export interface RealEnglish {
  headlines: string[];
  sentences: string[];
  /** Headline words of three letters or more: the 20 commonest, middling ones, and those seen once. */
  words: { common: string[]; mid: string[]; rare: string[] };
}

export function realEnglish(): RealEnglish {
  const headlines = readDataset(path.join(DATASETS, 'clustering-dev/uci-news-6k.shuffled.jsonl')).map((r) => r.article.title);
  const bodies = Object.values(
    JSON.parse(fs.readFileSync(path.join(DATASETS, 'extraction-dev/news-pages/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>,
  ).map((v) => v.articleBody);
  const sentences = bodies.flatMap((b) => b.split(/(?<=[.!?])\s+/)).filter((x) => x.split(' ').length >= 5);
  const counts = new Map<string, number>();
  for (const h of headlines) for (const w of h.toLowerCase().match(/\p{L}{3,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return {
    headlines,
    sentences,
    words: { common: byFrequency.slice(0, 20), mid: byFrequency.slice(100, 1500), rare: byFrequency.filter((w) => counts.get(w) === 1) },
  };
}
