import path from 'node:path';
import { projectPath } from '../../src/paths.js';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { readDataset } from './dataset.js';

const file = path.resolve(projectPath(), '../shared/datasets/clustering-dev/uci-news-6k.shuffled.jsonl');
const data = readDataset(file);
const n = new StoryClusterer(JSON.parse(process.argv[2] ?? '{}'));
const limit = Number(process.argv[3] ?? 1273);
const seen = new Map<string, number>();
for (let i = 0; i < limit; i++) {
  const d = data[i]!;
  const dec = n.add(d.article);
  const c = seen.get(d.gold) ?? 0;
  seen.set(d.gold, c + 1);
  if (dec.isNew && c >= 3) console.log(i, c, dec.similarity.toFixed(3), d.gold.slice(0, 6), d.article.title);
}
