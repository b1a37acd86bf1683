// The demo's news through the whole stories stage and into the store, as cluster-demo.test.ts
// puts it through the clusterer alone: what the store holds must be what the clusterer
// decided. When an article shows two young stories to be one, the clusterer merges them in
// memory — and the articles the store already holds under the smaller one must follow
// (StoryDecisions.merges), or the event stays split on the site. A stage restarted half way
// (a new stories holder after a crash) loads its window from the store and carries on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoStream, type DemoStream } from '../../bench/cluster/demo-streams.js';
import type { NewArticle, Source } from '../model.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { StoryClusterer } from './cluster.js';
import { storyOutline } from './outline.js';
import { DEFAULT_STORIES_OPTIONS, StoriesService } from './service.js';

const STREAMS = 24;
const textOf = (stream: DemoStream, a: DemoStream['order'][number]) => (stream.summaryOnly.has(a.outlet.slug) ? a.summary : a.paragraphs.join('\n\n'));

/** How many times the clusterer alone merges two stories in a stream: the case the store must follow. */
function clustererMerges(stream: DemoStream): number {
  const clusterer = new StoryClusterer({ windowHours: DEFAULT_STORIES_OPTIONS.windowHours });
  let merges = 0;
  stream.order.forEach((a, i) => {
    const d = clusterer.add({ id: String(i), time: a.published, title: a.title, text: textOf(stream, a), source: a.outlet.slug, url: `https://${a.outlet.slug}.example/${a.slug}` });
    merges += d.merged?.length ?? 0;
  });
  return merges;
}

type Mode = 'stored, then processed' | 'ingested in one write' | 'ingested, decided on a thread';

/**
 * Runs a stream through the stage, `batch` articles at a time (as polls hand them over;
 * several in one batch may start, join and merge stories among themselves), restarted before
 * the batch holding article `restartAt`; returns the stories each event's articles are stored under.
 */
async function storeStream(stream: DemoStream, mode: Mode, restartAt: number, batch: number): Promise<Map<string, Set<number>>> {
  const repo = SqliteRepository.open(':memory:');
  const sources = new Map<string, Source>();
  for (const a of stream.order) {
    if (!sources.has(a.outlet.slug)) sources.set(a.outlet.slug, await repo.addSource({ feedUrl: `https://${a.outlet.slug}.example/feed`, name: a.outlet.name, section: 'world' }, 15));
  }
  const now = new Date(Math.max(...stream.order.map((a) => a.published.getTime())) + 60_000);
  const open = async () => {
    const stage = new StoriesService(repo, { ...DEFAULT_STORIES_OPTIONS, thread: mode === 'ingested, decided on a thread' });
    await stage.start(now);
    return stage;
  };
  let stage = await open();
  const eventOf = new Map<number, string>();
  // The local angle (cluster-demo.test.ts) may stand alone: not counted.
  const counted = (a: DemoStream['order'][number]) => !(a.eventId === 'port-strike-portvale' && a.outlet.slug === 'tessmoor-courier');
  try {
    for (let start = 0; start < stream.order.length; start += batch) {
      const articles = stream.order.slice(start, start + batch);
      if (start <= restartAt && restartAt < start + batch && start > 0) {
        await stage.settled();
        await stage.close();
        stage = await open();
      }
      const fresh = articles.map((a): NewArticle => {
        const summaryOnly = stream.summaryOnly.has(a.outlet.slug);
        return {
          sourceId: sources.get(a.outlet.slug)!.id, guid: a.slug, url: `https://${a.outlet.slug}.example/${a.slug}`, canonicalUrl: `https://${a.outlet.slug}.example/${a.slug}`,
          title: a.title, author: null, summary: a.summary, contentHtml: summaryOnly ? null : a.paragraphs.map((p) => `<p>${p}</p>`).join(''),
          imageUrl: null, section: 'world', categories: [], publishedAt: a.published, fetchedAt: now,
        };
      });
      const stored = mode === 'stored, then processed' ? await repo.insertArticles(fresh) : await stage.ingest(fresh, now);
      assert.equal(stored.length, articles.length, 'every article stored');
      for (const [k, a] of articles.entries()) if (counted(a)) eventOf.set(stored[k]!.id, a.eventId);
      if (mode === 'stored, then processed') await stage.process(stored, now);
    }
    await stage.settled();
    const storiesOf = new Map<string, Set<number>>();
    for (const [id, event] of eventOf) {
      const storyId = (await repo.getArticle(id))!.storyId;
      assert.notEqual(storyId, null, `article ${id} has a story`);
      (storiesOf.get(event) ?? storiesOf.set(event, new Set()).get(event)!).add(storyId!);
    }
    // Every story left has its articles, counted in its outline: a merged-away one is gone, not an empty shell.
    for (const story of await repo.latestStories({ limit: 1000 })) {
      const articles = await repo.storyArticles(story.id);
      assert.ok(articles.length > 0, `story ${story.id} has articles`);
      const outline = storyOutline(story.id, articles, () => 1);
      assert.deepEqual([story.articleCount, story.outletCount], [outline.articleCount, outline.outletCount], `story ${story.id}'s outline counts its articles`);
    }
    return storiesOf;
  } finally {
    await stage.close();
    await repo.close();
  }
}

describe('the stories stage on the demo news: one story per event in the store', () => {
  const streams = Array.from({ length: STREAMS }, (_, i) => ({ seed: i + 1, stream: demoStream(i + 1) }));
  const merging = streams.filter((s) => clustererMerges(s.stream) > 0);

  it('has streams where the clusterer merges two stories', () => {
    assert.ok(merging.length >= 2, 'the tests below would not see a merge');
  });

  // Every stream stored then processed (the roles' path); the ingest paths, which wait a
  // little for each batch and each refresh, take the streams with merges.
  for (const mode of ['stored, then processed', 'ingested in one write', 'ingested, decided on a thread'] as const) {
    for (const batch of [1, 9]) it(`stores each event as one story, merges followed and a restart half way (${mode}, ${batch} at a time)`, async () => {
      const split: string[] = [];
      const mixed: string[] = [];
      for (const { seed, stream } of mode === 'stored, then processed' ? streams : merging) {
        const storiesOf = await storeStream(stream, mode, 1 + ((seed * 7) % (stream.order.length - 1)), batch);
        for (const [event, stories] of storiesOf) if (stories.size > 1) split.push(`stream ${seed}: ${event} in ${stories.size} stories`);
        const events = [...storiesOf].flatMap(([event, stories]) => [...stories].map((story) => ({ event, story })));
        for (const { event, story } of events) if (events.some((o) => o.story === story && o.event < event)) mixed.push(`stream ${seed}: story ${story} holds ${event} and another`);
      }
      assert.deepEqual(split, [], 'no event split');
      assert.deepEqual(mixed, [], 'no two events in one story');
    });
  }
});
