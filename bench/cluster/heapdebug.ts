import v8 from 'node:v8';
import fs from 'node:fs';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { newsStream } from './synthetic.js';
const c = new StoryClusterer({});
const s = newsStream({ seed: 20240601, articlesPerHour: 1389, start: new Date('2024-06-01T00:00:00Z') });
for (let i = 0; i < 30000; i++) c.add(s.next().value!.article);
const file = v8.writeHeapSnapshot('/tmp/h.heapsnapshot');
const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
const f = snap.snapshot.meta.node_fields as string[];
const types = snap.snapshot.meta.node_types[0] as string[];
const N = f.length;
const nodes = snap.nodes as number[];
const strings = snap.strings as string[];
const agg = new Map<string, [number, number]>();
for (let i = 0; i < nodes.length; i += N) {
  const type = types[nodes[i + f.indexOf('type')]!]!;
  const name = strings[nodes[i + f.indexOf('name')]!]!;
  const size = nodes[i + f.indexOf('self_size')]!;
  const k = type === 'object' || type === 'native' ? `${type}:${name}` : type;
  const e = agg.get(k) ?? [0, 0];
  e[0] += size; e[1]++;
  agg.set(k, e);
}
console.log(JSON.stringify(c.stats()));
for (const [k, [sz, n]] of [...agg].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25)) console.log((sz / 1e6).toFixed(1).padStart(7), 'MB', String(n).padStart(8), k);
