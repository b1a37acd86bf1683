import path from 'node:path';
import { projectPath } from '../../src/paths.js';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { TfidfSinglePass } from './baseline.js';
import { readDataset } from './dataset.js';
import { runDev } from './evaluate.js';

const file = path.resolve(projectPath(), '../shared/datasets/clustering-dev/uci-news-6k.shuffled.jsonl');
const data = readDataset(file);
const fmt = (s: { b3: { precision: number; recall: number; f1: number }; pairwise: { f1: number }; predictedClusters: number }) =>
  `B3 ${(100 * s.b3.precision).toFixed(1)}/${(100 * s.b3.recall).toFixed(1)}/${(100 * s.b3.f1).toFixed(2)} pw ${(100 * s.pairwise.f1).toFixed(1)} k=${s.predictedClusters}`;
const b = new TfidfSinglePass(0.15);
const rb = runDev(data, (d) => b.add(d.article.title, d.article.text));
console.log('baseline  tune', fmt(rb.tune), '| test', fmt(rb.test));
const opts = JSON.parse(process.argv[2] ?? '{}');
const grid: Record<string, unknown[]> = JSON.parse(process.argv[3] ?? '{}');
const keys = Object.keys(grid);
const combos: Record<string, unknown>[] = [{}];
for (const k of keys) {
  const next: Record<string, unknown>[] = [];
  for (const c of combos) for (const v of grid[k]!) next.push({ ...c, [k]: v });
  combos.splice(0, combos.length, ...next);
}
for (const c of combos) {
  const n = new StoryClusterer({ ...opts, ...c });
  const r = runDev(data, (d) => n.add(d.article).story);
  console.log(JSON.stringify(c), 'tune', fmt(r.tune), '| test', fmt(r.test), `${Math.round(r.articlesPerSecond)}/s`);
}
