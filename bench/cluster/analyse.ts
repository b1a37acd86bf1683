import path from 'node:path';
import { projectPath } from '../../src/paths.js';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { readDataset } from './dataset.js';

const file = path.resolve(projectPath(), '../shared/datasets/clustering-dev/uci-news-6k.shuffled.jsonl');
const data = readDataset(file);
const opts = JSON.parse(process.argv[2] ?? '{}');
const n = new StoryClusterer(opts);
const labels = data.map((d) => n.add(d.article).story);
const cut = Math.round(data.length * 0.2);
const part = process.argv[3] === 'test' ? [cut, data.length] : [0, cut];
const byGold = new Map<string, Map<string, number>>();
const predSize = new Map<string, Map<string, number>>();
const firstTitle = new Map<string, string>();
for (let i = part[0]!; i < part[1]!; i++) {
  const g = data[i]!.gold;
  const p = labels[i]!;
  if (!firstTitle.has(g)) firstTitle.set(g, data[i]!.article.title);
  const m = byGold.get(g) ?? new Map();
  m.set(p, (m.get(p) ?? 0) + 1);
  byGold.set(g, m);
  const q = predSize.get(p) ?? new Map();
  q.set(g, (q.get(g) ?? 0) + 1);
  predSize.set(p, q);
}
const tot = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
for (const [g, m] of [...byGold].sort((a, b) => tot(b[1]) - tot(a[1])).slice(0, 40)) {
  const parts = [...m].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([p, c]) => `${p}:${c}/${tot(predSize.get(p)!)}`);
  console.log(String(tot(m)).padStart(4), firstTitle.get(g)!.slice(0, 50).padEnd(50), parts.join(' '));
}
console.log('--- impure predicted clusters');
const goldTitle = new Map<string, string>();
for (const d of data) if (!goldTitle.has(d.gold)) goldTitle.set(d.gold, d.article.title.slice(0, 30));
for (const [p, m] of [...predSize].sort((a, b) => tot(b[1]) - tot(a[1])).slice(0, 30)) {
  const parts = [...m].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([g, c]) => `${c}:${goldTitle.get(g)}`);
  console.log(p.padEnd(5), String(tot(m)).padStart(4), parts.join(' | '));
}
