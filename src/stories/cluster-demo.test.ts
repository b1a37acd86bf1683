// The demo's news (demo/content/news.json: 14 events told by 9 outlets, with syndicated
// copies) through the clusterer, in the orders and shapes a deployment sees them: each event
// must be one story, and no story may hold two events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDemoNews } from '../../demo/content.js';
import { buildArticles, type DemoArticle } from '../../demo/publishers.js';
import { StoryClusterer } from './cluster.js';

const news = loadDemoNews();
const articles = buildArticles(news, new Date('2026-11-29T09:00:00Z'));

/** Feeds that carry only a summary (Atom summaries, the Latin-1 RSS): until the page is extracted, that is the text. */
const summaryFeeds = new Set(news.outlets.filter((o) => o.feedFormat === 'atom' || o.feedFormat === 'rss2-latin1').map((o) => o.slug));

type Text = 'full' | 'summary' | 'as fed';

function textOf(a: DemoArticle, text: Text): string {
  if (text === 'summary' || (text === 'as fed' && summaryFeeds.has(a.outlet.slug))) return a.summary;
  return a.paragraphs.join('\n\n');
}

/** Clusters the articles in the given order; returns, per event, the stories its articles ended in, and per story, its events. */
function cluster(order: readonly DemoArticle[], text: Text): { storiesOf: Map<string, Set<string>>; eventsOf: Map<string, Set<string>> } {
  const clusterer = new StoryClusterer();
  order.forEach((a, i) =>
    clusterer.add({
      id: String(i),
      time: a.published,
      title: a.title,
      text: textOf(a, text),
      source: a.outlet.slug,
      url: `http://127.0.0.1:8101/articles/${a.slug}`,
      lang: 'en',
    }),
  );
  const storiesOf = new Map<string, Set<string>>();
  const eventsOf = new Map<string, Set<string>>();
  order.forEach((a, i) => {
    const story = clusterer.storyOf(String(i));
    assert.ok(story !== null, `article ${a.title} has a story`);
    (storiesOf.get(a.eventId) ?? storiesOf.set(a.eventId, new Set()).get(a.eventId)!).add(story);
    (eventsOf.get(story) ?? eventsOf.set(story, new Set()).get(story)!).add(a.eventId);
  });
  return { storiesOf, eventsOf };
}

function assertOneStoryPerEvent(order: readonly DemoArticle[], text: Text): void {
  const { storiesOf, eventsOf } = cluster(order, text);
  const split = [...storiesOf].filter(([, s]) => s.size > 1).map(([e, s]) => `${e} in ${s.size} stories`);
  const mixed = [...eventsOf].filter(([, e]) => e.size > 1).map(([s, e]) => `story ${s} holds ${[...e].join(' + ')}`);
  assert.deepEqual(split, [], 'no event is split');
  assert.deepEqual(mixed, [], 'no two events are merged');
  assert.equal(eventsOf.size, news.events.length);
}

const byTime = [...articles].sort((a, b) => a.published.getTime() - b.published.getTime());
/** The demo's first fetch: outlet after outlet, each feed newest first. */
const byOutlet = news.outlets.flatMap((o) => articles.filter((a) => a.outlet.slug === o.slug));

/** A small seeded generator (an LCG), so the shuffled streams are the same on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/**
 * Streams as a live deployment sees them: feeds polled in any order, or all at once (articles
 * interleaved), and any outlet's feed with summaries only until its pages are extracted.
 */
function streams(count: number): { order: DemoArticle[]; summaryOnly: Set<string> }[] {
  const out = [];
  for (let seed = 1; seed <= count; seed++) {
    const r = random(seed);
    const outlets = news.outlets.map((o) => o.slug).sort(() => r() - 0.5);
    const summaryOnly = new Set(outlets.filter(() => r() < 0.4));
    const order = seed % 3 === 0 ? outlets.flatMap((o) => articles.filter((a) => a.outlet.slug === o)) : seed % 3 === 1 ? byTime : [...articles].sort(() => r() - 0.5);
    out.push({ order, summaryOnly });
  }
  return out;
}

function splitEvents(clusterer: StoryClusterer, order: readonly DemoArticle[], summaryOnly: ReadonlySet<string>): number {
  order.forEach((a, i) =>
    clusterer.add({ id: String(i), time: a.published, title: a.title, text: summaryOnly.has(a.outlet.slug) ? a.summary : a.paragraphs.join('\n\n'), source: a.outlet.slug, url: `http://127.0.0.1:8101/articles/${a.slug}`, lang: 'en' }),
  );
  const stories = new Map<string, Set<string>>();
  order.forEach((a, i) => (stories.get(a.eventId) ?? stories.set(a.eventId, new Set()).get(a.eventId)!).add(clusterer.storyOf(String(i))!));
  return [...stories.values()].filter((s) => s.size > 1).length;
}

describe('clustering the demo news', () => {
  it('has the events, copies and outlets the test relies on', () => {
    assert.equal(news.events.length, 14);
    assert.ok(articles.some((a) => a.original !== null), 'syndicated copies are part of the stream');
    assert.ok(summaryFeeds.size >= 2);
  });

  it('makes each event one story, in time order with full texts', () => {
    assertOneStoryPerEvent(byTime, 'full');
  });

  it('makes each event one story when the articles come feed by feed, some with summaries only', () => {
    assertOneStoryPerEvent(byOutlet, 'as fed');
    assertOneStoryPerEvent([...byOutlet].reverse(), 'as fed');
  });

  it('makes each event one story from titles and summaries alone', () => {
    assertOneStoryPerEvent(byTime, 'summary');
    assertOneStoryPerEvent(byOutlet, 'summary');
  });

  it('makes each event one story in streams interleaved and shortened at random', () => {
    // One article is allowed to stand alone: the Courier's local angle on the dock strike
    // ("Valley growers fear for apple exports…"), read from its summary only and arriving before
    // the rest of the event, resembles the strike reports at 0.22 at best — below both the join
    // and the bridge threshold. It is a borderline piece, not a second event.
    const localAngle = articles.find((a) => a.eventId === 'port-strike-portvale' && a.outlet.slug === 'tessmoor-courier')!;
    let alone = 0;
    for (const [i, { order, summaryOnly }] of streams(40).entries()) {
      const text = (a: DemoArticle): string => (summaryOnly.has(a.outlet.slug) ? a.summary : a.paragraphs.join('\n\n'));
      const clusterer = new StoryClusterer();
      order.forEach((a, n) => clusterer.add({ id: String(n), time: a.published, title: a.title, text: text(a), source: a.outlet.slug, url: `http://127.0.0.1:8101/articles/${a.slug}`, lang: 'en' }));
      const events = new Map<string, Set<string>>();
      const stories = new Map<string, Set<string>>();
      order.forEach((a, n) => {
        if (a === localAngle) return;
        const s = clusterer.storyOf(String(n))!;
        (events.get(a.eventId) ?? events.set(a.eventId, new Set()).get(a.eventId)!).add(s);
        (stories.get(s) ?? stories.set(s, new Set()).get(s)!).add(a.eventId);
      });
      const angleStory = clusterer.storyOf(String(order.indexOf(localAngle)))!;
      if (!events.get('port-strike-portvale')!.has(angleStory)) {
        alone++;
        assert.ok(!stories.has(angleStory), `stream ${i + 1}: the local angle stands alone rather than in another event`);
      }
      assert.deepEqual([...events].filter(([, s]) => s.size > 1).map(([e]) => e), [], `stream ${i + 1}: no event split`);
      assert.deepEqual([...stories].filter(([, e]) => e.size > 1).map(([s]) => s), [], `stream ${i + 1}: no events merged`);
    }
    assert.ok(alone <= 2, `the local angle stood alone in ${alone} of 40 streams`);
  });

  it('would split events without bridging young fragments and weighing names in leads', () => {
    // The same streams with the runner-up bridge off and names weighed as in headline-only
    // data: events end in pieces, which is what the test above guards against.
    const splits = streams(40).map(({ order, summaryOnly }) => splitEvents(new StoryClusterer({ bridgeThreshold: 1, entityWeightWithBody: 0.25 }), order, summaryOnly));
    assert.ok(splits.reduce((a, b) => a + b, 0) >= 5, `splits per stream: ${splits.join(', ')}`);
  });
});
