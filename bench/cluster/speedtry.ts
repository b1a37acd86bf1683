import { StoryClusterer } from '../../src/stories/cluster.js';
import { newsStream, type GeneratedArticle } from './synthetic.js';
const s = newsStream({ seed: 20240601, articlesPerHour: 1389, start: new Date('2024-06-01T00:00:00Z') });
const all: GeneratedArticle[] = [];
for (let i = 0; i < 125000; i++) all.push(s.next().value!);
for (const o of process.argv.slice(2)) {
  const c = new StoryClusterer(JSON.parse(o));
  for (let i = 0; i < 100000; i++) c.add(all[i]!.article);
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 100000; i < 125000; i++) c.add(all[i]!.article);
  const u = process.cpuUsage(cpu);
  console.log(o, 'cpu/s', Math.round(25000 / ((u.user + u.system) / 1e6)), 'wall/s', Math.round(25000 / ((performance.now() - t) / 1000)), JSON.stringify(c.stats()));
}
