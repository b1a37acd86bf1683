// The smaller stores beside the Repository on every engine: the JSON API's pages and Most
// Popular's view counts (both written once in portable SQL, store/portable.ts). Run by
// features.test.ts against SQLite and PostgreSQL alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiStoreFor } from '../api-store.js';
import { portableQuery } from '../portable.js';
import { StoryViews } from '../../web/popular/views.js';
import { type EngineUnderTest, reportSkipped } from './engines.js';
import { article, useRepository } from './repository-contract.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

export function describeFeatureStoresContract(engine: EngineUnderTest): void {
  if (reportSkipped(`API and Most Popular stores contract: ${engine.name}`, engine.skip)) return;
  describe(`API and Most Popular stores contract: ${engine.name}`, () => {
    const { repo } = useRepository(engine);

    /** Three stories of one article each, an hour apart; the middle one hidden. */
    async function threeStories(host: string, firstId: number) {
      const source = await repo().addSource({ feedUrl: `https://${host}/feed`, name: host }, 15);
      const base = new Date('2026-11-20T12:00:00Z').getTime();
      const articles = await repo().insertArticles([0, 1, 2].map((i) =>
        article(source.id, i, { guid: `${host}-${i}`, canonicalUrl: `https://${host}/${i}`, publishedAt: new Date(base + i * 3600_000) })));
      for (const [i, a] of articles.entries()) {
        const id = firstId + i;
        await repo().ensureStory(id, a.publishedAt);
        await repo().setArticleStory(a.id, { storyId: id, originalId: null, fingerprint: null, statedOriginal: null });
        await repo().saveStoryOutline({
          id, autoTitle: `Story ${id}`, summary: null, imageUrl: null, section: 'world', leadArticleId: a.id, firstArticleId: a.id,
          firstReportedAt: a.publishedAt, lastReportedAt: a.publishedAt, articleCount: 1, outletCount: 1,
        }, a.publishedAt);
      }
      await repo().setStoryFlags(firstId + 1, { hidden: true });
      return { source, articles };
    }

    it('pages stories and articles newest first, without hidden stories, and names first outlets', async () => {
      const { source, articles } = await threeStories('api.example', 9001);
      const api = apiStoreFor(repo());
      const stories = await api.stories({ limit: 1 });
      assert.deepEqual(stories.map((s) => s.id), [9003]);
      const next = await api.stories({ limit: 5, before: { time: stories[0]!.lastReportedAt!, id: 9003 } });
      assert.deepEqual(next.map((s) => s.id).filter((id) => id > 9000), [9001], 'the hidden story is left out');
      const listed = await api.articles({ sourceId: source.id, limit: 5 });
      assert.deepEqual(listed.map((a) => a.id), [articles[2]!.id, articles[0]!.id]);
      const older = await api.articles({ sourceId: source.id, limit: 5, before: { time: articles[2]!.publishedAt, id: articles[2]!.id } });
      assert.deepEqual(older.map((a) => a.id), [articles[0]!.id]);
      const outlets = await api.firstOutlets([9001, 9003, 424242]);
      assert.deepEqual([...outlets.keys()].sort(), [9001, 9003]);
      assert.deepEqual(outlets.get(9001), { sourceId: source.id, name: 'api.example', feedUrl: 'https://api.example/feed', siteUrl: null });
    });

    it('counts a reader once a day per story and ranks stories by readers, hidden ones left out', async () => {
      await threeStories('views.example', 9101);
      let now = new Date('2026-11-21T09:00:00Z');
      const views = new StoryViews(portableQuery(repo()), () => now);
      assert.equal(await views.record(9101, '203.0.113.7', BROWSER), true);
      assert.equal(await views.record(9101, '203.0.113.7', BROWSER), false, 'the same reader again that day');
      assert.equal(await views.record(9101, '198.51.100.9', BROWSER), true);
      assert.equal(await views.record(9103, '198.51.100.9', BROWSER), true);
      assert.equal(await views.record(9102, '198.51.100.9', BROWSER), true);
      assert.equal(await views.record(9103, '66.249.66.1', 'Googlebot/2.1'), false, 'crawlers are not readers');
      assert.equal(await views.record(424242, '198.51.100.9', BROWSER), false, 'no such story');
      assert.deepEqual(await views.popular(24, 10), [
        { storyId: 9101, title: 'Story 9101', views: 2 },
        { storyId: 9103, title: 'Story 9103', views: 1 },
      ]);
      now = new Date('2026-11-22T09:00:00Z');
      assert.equal(await views.record(9101, '203.0.113.7', BROWSER), true, 'a new day, a new count');
      assert.deepEqual((await views.popular(12, 10)).map((s) => [s.storyId, s.views]), [[9101, 1]]);
      now = new Date('2026-12-05T09:00:00Z');
      await views.record(9103, '203.0.113.7', BROWSER);
      assert.deepEqual((await views.popular(24 * 30, 10)).map((s) => [s.storyId, s.views]), [[9103, 1]], 'views past the longest window are pruned');
    });
  });
}
