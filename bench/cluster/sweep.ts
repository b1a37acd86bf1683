// Tuning aid: Newsroom's B-cubed scores on the tuning part of clustering-dev (the first 20 %,
// the only part the README lets us tune on) for every combination of the options given.
//
//   npx tsc -p tsconfig.json && node dist/bench/cluster/sweep.js '{"threshold":[0.16,0.2,0.24]}' ['{"entityWeight":0.5}']
//
// The first argument is a grid (option → values); the second, options held fixed. --reported also
// prints the last 80 % (to check a choice made on the first 20 %, never to make it).
import path from 'node:path';
import { projectPath } from '../../src/paths.js';
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';
import { readDataset } from './dataset.js';
import { runDev } from './evaluate.js';

const file = process.env.NEWSROOM_CLUSTER_DEV
  ? path.resolve(process.env.NEWSROOM_CLUSTER_DEV, process.env.NEWSROOM_CLUSTER_DEV.endsWith('.jsonl') ? '' : 'uci-news-6k.shuffled.jsonl')
  : path.resolve(projectPath(), '../shared/datasets/clustering-dev/uci-news-6k.shuffled.jsonl');
const data = readDataset(file);
const grid = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown[]>;
const fixed = JSON.parse(process.argv[3] ?? '{}') as Partial<ClusterOptions>;
let combos: Record<string, unknown>[] = [{}];
for (const [key, values] of Object.entries(grid)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
const pct = (x: number): string => (100 * x).toFixed(2);
for (const c of combos) {
  const clusterer = new StoryClusterer({ ...fixed, ...c });
  const { tune, test } = runDev(data, (d) => clusterer.add(d.article).story);
  // The last 80 % is printed to check that a choice made on the first 20 % holds up, not to choose by.
  console.log(
    `${JSON.stringify(c)}  first 20 %: B³ P ${pct(tune.b3.precision)} R ${pct(tune.b3.recall)} F1 ${pct(tune.b3.f1)}, clusters ${tune.predictedClusters}` +
      (process.argv.includes('--reported') ? `  | last 80 %: B³ F1 ${pct(test.b3.f1)}, pair F1 ${pct(test.pairwise.f1)}` : ''),
  );
}
