// The demo's news (demo/content/news.json) as a deployment receives it: feeds polled in any
// order or all at once (articles interleaved), and any outlet's feed with summaries only until
// its pages are extracted. Used by src/stories/cluster-demo.test.ts, and run on its own to
// count split and merged events over many streams:
//
//   npx tsc -p tsconfig.json && node dist/bench/cluster/demo-streams.js [STREAMS] ['{"bridgeThreshold":1}']
import { pathToFileURL } from 'node:url';
import { loadDemoNews } from '../../demo/content.js';
import { buildArticles, type DemoArticle } from '../../demo/publishers.js';
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';

const news = loadDemoNews();
export const demoNews = news;
export const demoArticles: readonly DemoArticle[] = buildArticles(news, new Date('2026-11-29T09:00:00Z'));

export interface DemoStream {
  order: DemoArticle[];
  /** Outlets whose articles are read from their summary only. */
  summaryOnly: Set<string>;
}

/** A small seeded generator (an LCG), so the streams are the same on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** Stream `seed` (1, 2, …): by turns feed after feed, in time order, and interleaved at random. */
export function demoStream(seed: number): DemoStream {
  const r = random(seed);
  const outlets = news.outlets.map((o) => o.slug).sort(() => r() - 0.5);
  const summaryOnly = new Set(outlets.filter(() => r() < 0.4));
  const byTime = [...demoArticles].sort((a, b) => a.published.getTime() - b.published.getTime());
  const order =
    seed % 3 === 0 ? outlets.flatMap((o) => demoArticles.filter((a) => a.outlet.slug === o)) : seed % 3 === 1 ? byTime : [...demoArticles].sort(() => r() - 0.5);
  return { order, summaryOnly };
}

export interface StreamResult {
  /** Per event, the stories its articles ended in. */
  storiesOf: Map<string, Set<string>>;
  /** Per story, the events of its articles. */
  eventsOf: Map<string, Set<string>>;
  /** The story of each article, in stream order. */
  storyOfArticle: string[];
}

/** Clusters a stream with a fresh clusterer; `skip` leaves an article out of the tallies (not out of the stream). */
export function clusterStream(stream: DemoStream, options: Partial<ClusterOptions> = {}, skip?: DemoArticle): StreamResult {
  const clusterer = new StoryClusterer(options);
  stream.order.forEach((a, i) =>
    clusterer.add({
      id: String(i),
      time: a.published,
      title: a.title,
      text: stream.summaryOnly.has(a.outlet.slug) ? a.summary : a.paragraphs.join('\n\n'),
      source: a.outlet.slug,
      url: `http://127.0.0.1:8101/articles/${a.slug}`,
      lang: 'en',
    }),
  );
  const storiesOf = new Map<string, Set<string>>();
  const eventsOf = new Map<string, Set<string>>();
  const storyOfArticle = stream.order.map((a, i) => {
    const story = clusterer.storyOf(String(i));
    if (story === null) throw new Error(`article ${a.title} has no story`);
    if (a !== skip) {
      (storiesOf.get(a.eventId) ?? storiesOf.set(a.eventId, new Set()).get(a.eventId)!).add(story);
      (eventsOf.get(story) ?? eventsOf.set(story, new Set()).get(story)!).add(a.eventId);
    }
    return story;
  });
  return { storiesOf, eventsOf, storyOfArticle };
}

export function splitEvents(result: StreamResult): string[] {
  return [...result.storiesOf].filter(([, s]) => s.size > 1).map(([e]) => e);
}

export function mixedStories(result: StreamResult): string[][] {
  return [...result.eventsOf].filter(([, e]) => e.size > 1).map(([, e]) => [...e].sort());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 200);
  const options = JSON.parse(process.argv[3] ?? '{}') as Partial<ClusterOptions>;
  const split = new Map<string, number>();
  const mixed = new Map<string, number>();
  for (let seed = 1; seed <= count; seed++) {
    const result = clusterStream(demoStream(seed), options);
    for (const e of splitEvents(result)) split.set(e, (split.get(e) ?? 0) + 1);
    for (const m of mixedStories(result)) mixed.set(m.join(' + '), (mixed.get(m.join(' + ')) ?? 0) + 1);
  }
  const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  console.log(`${count} demo streams, options ${JSON.stringify(options)}`);
  console.log(`split events: ${total(split)}${split.size ? ` (${[...split].map(([e, n]) => `${e} ${n}`).join(', ')})` : ''}`);
  console.log(`stories holding two events: ${total(mixed)}${mixed.size ? ` (${[...mixed].map(([e, n]) => `${e} ${n}`).join(', ')})` : ''}`);
}
