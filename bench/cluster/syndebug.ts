import { StoryClusterer } from '../../src/stories/cluster.js';
import { newsStream } from './synthetic.js';
const c = new StoryClusterer(JSON.parse(process.argv[2] ?? '{}'));
const s = newsStream({ seed: 20240601, articlesPerHour: 1389, start: new Date('2024-06-01T00:00:00Z') });
const first = new Map<string, { gold: number; title: string }>();
let wrong = 0;
for (let i = 0; i < 8000; i++) {
  const g = s.next().value!;
  const d = c.add(g.article);
  if (d.isNew) first.set(d.story, { gold: g.gold, title: g.article.title });
  else {
    const f = first.get(d.story)!;
    if (f.gold !== g.gold && wrong++ < 12) console.log(d.similarity.toFixed(3), '|', g.article.title, '| JOINED |', f.title);
  }
}
console.log('wrong', wrong);
