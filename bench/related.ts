// Related stories on the clustering dev data (../shared/datasets/clustering-dev): the
// articles are grouped into stories by Newsroom's clusterer, then each story's related
// stories are computed as the story page does. Measured: the share of related links whose
// story has the item's category (target ≥ 90 %), links to the item's own story (target 0),
// links to another fragment of the item's gold story (reported: the clusterer splitting
// one event), and how many stories get any related link. Writes bench/results/related.json.
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../src/paths.js';
import { StoryClusterer } from '../src/stories/cluster.js';
import { DEFAULT_RELATED, relatedStories } from '../src/stories/related.js';
import { readDataset } from './cluster/dataset.js';

const dir = process.env.NEWSROOM_CLUSTER_DEV ?? path.resolve(projectPath(), '../shared/datasets/clustering-dev');
const file = path.join(dir, 'uci-news-6k.shuffled.jsonl');
if (!fs.existsSync(file)) {
  console.error(`bench:related: ${file} not found (set NEWSROOM_CLUSTER_DEV)`);
  process.exit(2);
}
const categories = new Map<string, string>();
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const row = JSON.parse(line) as { id: string; category: string };
  categories.set(row.id, row.category);
}
const OPTIONS = { ...DEFAULT_RELATED, ...(JSON.parse(process.argv[2] ?? '{}') as Partial<typeof DEFAULT_RELATED>) };
const data = readDataset(file);
const clusterer = new StoryClusterer({});
const members = new Map<string, Array<{ title: string; category: string; gold: string }>>();
for (const item of data) {
  const story = clusterer.add(item.article).story;
  const list = members.get(story) ?? [];
  list.push({ title: item.article.title, category: categories.get(item.article.id) ?? '?', gold: item.gold });
  members.set(story, list);
}

const majority = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
};
const ids = [...members.keys()];
const numeric = new Map(ids.map((id, i) => [id, i + 1]));
const candidates = ids.map((id) => ({ id: numeric.get(id)!, text: members.get(id)!.slice(0, 30).map((m) => m.title).join('. ') }));
const info = new Map(ids.map((id) => [numeric.get(id)!, { category: majority(members.get(id)!.map((m) => m.category)), gold: majority(members.get(id)!.map((m) => m.gold)) }]));

let links = 0;
let sameCategory = 0;
let ownStory = 0;
let sameGold = 0;
let withRelated = 0;
const started = performance.now();
for (const c of candidates) {
  const related = relatedStories(c.id, candidates, OPTIONS);
  if (related.length > 0) withRelated++;
  for (const r of related) {
    links++;
    if (r.id === c.id) ownStory++;
    if (info.get(r.id)!.category === info.get(c.id)!.category) sameCategory++;
    if (info.get(r.id)!.gold === info.get(c.id)!.gold) sameGold++;
  }
}
const ms = performance.now() - started;
const result = {
  date: new Date().toISOString(),
  node: process.version,
  stories: candidates.length,
  storiesWithRelated: withRelated,
  links,
  sameCategoryShare: links ? sameCategory / links : null,
  ownStoryLinks: ownStory,
  sameGoldStoryLinks: sameGold,
  msPerStory: ms / candidates.length,
  options: OPTIONS,
};
console.log(`Related stories on clustering-dev (${data.length} articles grouped by Newsroom into ${candidates.length} stories)`);
console.log(`  stories with related links         ${withRelated} / ${candidates.length}`);
console.log(`  related links                      ${links}`);
console.log(`  share in the item's category       ${(100 * (result.sameCategoryShare ?? 0)).toFixed(1)} %   (target ≥ 90 %)`);
console.log(`  links to the item's own story      ${ownStory}   (target 0)`);
console.log(`  links to another fragment of the item's gold story ${sameGold} (the clusterer split that event)`);
console.log(`  time per story                     ${result.msPerStory.toFixed(2)} ms`);
fs.mkdirSync(projectPath('bench/results'), { recursive: true });
fs.writeFileSync(projectPath('bench/results/related.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('results written to bench/results/related.json');
