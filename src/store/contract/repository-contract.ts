// What every storage engine must do, as tests: run by repository.test.ts against SQLite and
// PostgreSQL alike. Engine-specific checks (SQLite's WAL file, say) stay beside the engine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NewArticle } from '../../model.js';
import { DuplicateSourceError, type Repository, StageLostError } from '../repository.js';
import { portableQuery } from '../portable.js';
import { StoryViews } from '../../web/popular/views.js';
import { type EngineUnderTest, reportSkipped, type TestDatabase } from './engines.js';

export function article(sourceId: number, n: number, overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    sourceId, guid: `g${n}`, url: `https://a.example/${n}`, canonicalUrl: `https://a.example/${n}`, title: `Article ${n}`,
    author: null, summary: `Summary ${n}`, contentHtml: null, imageUrl: null, section: 'world', categories: ['World'],
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, n)), fetchedAt: new Date(), ...overrides,
  };
}

/** Opens a fresh database of the engine before the suite and removes it after. */
export function useRepository(engine: EngineUnderTest): { repo: () => Repository; database: () => TestDatabase } {
  let db: TestDatabase;
  let repo: Repository;
  before(async () => {
    db = await engine.create();
    repo = await engine.open(db.address);
  });
  after(async () => {
    await repo?.close();
    await db?.drop();
  });
  return { repo: () => repo, database: () => db };
}

export function describeRepositoryContract(engine: EngineUnderTest): void {
  if (reportSkipped(`Repository contract: ${engine.name}`, engine.skip)) return;
  describe(`Repository contract: ${engine.name}`, () => {
    const { repo: r, database } = useRepository(engine);

    it('re-opening runs no migration twice and keeps the data', async () => {
      const source = await r().addSource({ feedUrl: 'https://keep.example/feed', name: 'Keep' }, 15);
      const again = await engine.open(database().address);
      try {
        assert.equal((await again.getSource(source.id))?.name, 'Keep');
        assert.equal((await again.listSections()).filter((s) => s.slug === 'world').length, 1, 'seed rows inserted once');
      } finally {
        await again.close();
      }
    });

    it('two processes opening a new database at once both get the whole schema', async () => {
      const fresh = await engine.create();
      try {
        const both = await Promise.all([engine.open(fresh.address), engine.open(fresh.address)]);
        for (const repo of both) assert.equal((await repo.listSections()).length, 8);
        await Promise.all(both.map((repo) => repo.close()));
      } finally {
        await fresh.drop();
      }
    });

    it('refuses a second source with the same feed URL', async () => {
      await r().addSource({ feedUrl: 'https://dup.example/feed', name: 'Dup' }, 15);
      await assert.rejects(r().addSource({ feedUrl: 'https://dup.example/feed', name: 'Dup 2' }, 15), DuplicateSourceError);
    });

    it('stores articles idempotently by canonical URL and by (source, guid)', async () => {
      const source = await r().addSource({ feedUrl: 'https://idem.example/feed', name: 'Idem' }, 15);
      const first = await r().insertArticles([article(source.id, 1), article(source.id, 2)]);
      assert.equal(first.length, 2);
      assert.deepEqual(first[0]!.categories, ['World']);
      assert.equal(first[0]!.publishedAt.toISOString(), '2026-01-01T00:01:00.000Z');
      const again = await r().insertArticles([
        article(source.id, 1),
        article(source.id, 2, { guid: 'other-guid' }), // same canonical URL
        article(source.id, 3, { guid: 'g1', canonicalUrl: 'https://a.example/other' }), // same guid
      ]);
      assert.equal(again.length, 0);
      const latest = await r().latestArticles({ sourceId: source.id, limit: 10 });
      assert.deepEqual(latest.map((a) => a.title), ['Article 2', 'Article 1']);
      assert.equal(latest[0]!.sourceName, 'Idem');
    });

    it('stores the first of two new items with one key in one batch, and skips the other', async () => {
      const source = await r().addSource({ feedUrl: 'https://within.example/feed', name: 'Within' }, 15);
      const within = await r().insertArticles([
        article(source.id, 5, { guid: 'g5', canonicalUrl: 'https://within.example/5' }),
        article(source.id, 6, { guid: 'g6', canonicalUrl: 'https://within.example/5' }), // same canonical URL
        article(source.id, 7, { guid: 'g5', canonicalUrl: 'https://within.example/7' }), // same guid
        article(source.id, 8, { guid: 'g8', canonicalUrl: 'https://within.example/8' }),
      ]);
      const expected = [['Article 5', 'g5', 'https://within.example/5'], ['Article 8', 'g8', 'https://within.example/8']];
      assert.deepEqual(within.map((a) => [a.title, a.guid, a.canonicalUrl]), expected);
      const stored = await r().latestArticles({ sourceId: source.id, limit: 10 });
      assert.deepEqual(stored.map((a) => [a.title, a.guid, a.canonicalUrl]).reverse(), expected);
    });

    it('tells which feed items are stored by the same keys the insert skips on', async () => {
      const source = await r().addSource({ feedUrl: 'https://keys.example/feed', name: 'Keys' }, 15);
      const other = await r().addSource({ feedUrl: 'https://keys-other.example/feed', name: 'Keys other' }, 15);
      await r().insertArticles([article(source.id, 60, { canonicalUrl: 'https://keys.example/60' })]);
      const keys = [
        { guid: 'g60', canonicalUrl: 'https://keys.example/60' }, // stored
        { guid: 'new-guid', canonicalUrl: 'https://keys.example/60' }, // same canonical URL
        { guid: 'g60', canonicalUrl: 'https://keys.example/moved' }, // same guid, same source
        { guid: 'g61', canonicalUrl: 'https://keys.example/61' }, // new
      ];
      assert.deepEqual(await r().storedArticleKeys(source.id, keys), [true, true, true, false]);
      // A guid is a source's own: another source's item with that guid is new unless its URL is known.
      assert.deepEqual(await r().storedArticleKeys(other.id, keys), [true, true, false, false]);
      assert.deepEqual(await r().storedArticleKeys(source.id, []), []);
      // Exactly what the insert does with the same items.
      const inserted = await r().insertArticles(keys.map((k, i) => article(source.id, 70 + i, { guid: k.guid, canonicalUrl: k.canonicalUrl })));
      assert.deepEqual(inserted.map((a) => a.canonicalUrl), ['https://keys.example/61']);
    });

    it('concurrent inserts of the same articles store each once', async () => {
      const source = await r().addSource({ feedUrl: 'https://race.example/feed', name: 'Race' }, 15);
      const batch = [50, 51, 52, 53].map((n) => article(source.id, n, { canonicalUrl: `https://race.example/${n}` }));
      const results = await Promise.all([r().insertArticles(batch), r().insertArticles([...batch].reverse()), r().insertArticles(batch)]);
      assert.equal(results.reduce((n, inserted) => n + inserted.length, 0), 4);
      assert.equal((await r().latestArticles({ sourceId: source.id, limit: 10 })).length, 4);
    });

    it('pages through articles newest first with a keyset cursor', async () => {
      const source = await r().addSource({ feedUrl: 'https://page.example/feed', name: 'Pages' }, 15);
      await r().insertArticles([10, 11, 12, 13, 14].map((n) => article(source.id, n, { canonicalUrl: `https://page.example/${n}`, section: 'science' })));
      const page1 = await r().latestArticles({ section: 'science', limit: 2 });
      const last = page1[page1.length - 1]!;
      const page2 = await r().latestArticles({ section: 'science', limit: 2, before: { publishedAt: last.publishedAt, id: last.id } });
      assert.deepEqual([...page1, ...page2].map((a) => a.title), ['Article 14', 'Article 13', 'Article 12', 'Article 11']);
      const ordered = await r().articlesInOrder({ publishedAt: page2[1]!.publishedAt, id: page2[1]!.id }, 2);
      assert.deepEqual(ordered.map((a) => a.title), ['Article 12', 'Article 13']);
    });

    it('finds due sources, skips paused ones and records fetch state', async () => {
      const source = await r().addSource({ feedUrl: 'https://due.example/feed', name: 'Due' }, 15);
      const due = await r().dueSources(new Date(Date.now() + 1000), 100);
      assert.ok(due.some((s) => s.id === source.id), 'a new source is due at once');
      const slots = await r().dueSourceSlots(new Date(Date.now() + 1000), 100);
      assert.deepEqual(slots, due.map((s) => ({ id: s.id, nextFetchAt: s.nextFetchAt })), 'the slots are the due sources, in the same order');
      const next = new Date(Date.now() + 3600_000);
      await r().recordFetch(source.id, {
        etag: '"abc"', lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT', lastFetchAt: new Date(), lastOutcome: 'error',
        lastHttpStatus: 500, lastError: 'HTTP 500', errorCount: 3, nextFetchAt: next, siteUrl: 'https://due.example/',
      });
      const stored = (await r().getSource(source.id))!;
      assert.equal(stored.lastError, 'HTTP 500');
      assert.equal(stored.errorCount, 3);
      assert.equal(stored.etag, '"abc"');
      assert.equal(stored.lastHttpStatus, 500);
      assert.equal(stored.siteUrl, 'https://due.example/');
      assert.equal(stored.nextFetchAt.toISOString(), next.toISOString());
      assert.ok(!(await r().dueSources(new Date(), 100)).some((s) => s.id === source.id));
      assert.ok(!(await r().dueSourceSlots(new Date(), 100)).some((s) => s.id === source.id));
      const paused = await r().addSource({ feedUrl: 'https://paused.example/feed', name: 'Paused' }, 15);
      const updated = await r().updateSource(paused.id, { paused: true, weight: 2.5, name: 'Paused outlet', section: 'science' });
      assert.equal(updated?.paused, true);
      assert.equal(updated?.weight, 2.5);
      assert.equal(updated?.section, 'science');
      assert.ok(!(await r().dueSources(new Date(Date.now() + 1000), 100)).some((s) => s.id === paused.id));
      assert.ok(!(await r().dueSourceSlots(new Date(Date.now() + 1000), 100)).some((s) => s.id === paused.id));
      assert.equal(await r().updateSource(999_999, { name: 'x' }), null);
      assert.equal((await r().findSourceByFeedUrl('https://paused.example/feed'))?.name, 'Paused outlet');
    });

    it('creates a section on demand and finds existing ones by name or slug', async () => {
      assert.equal((await r().ensureSection('World')).slug, 'world');
      assert.equal((await r().ensureSection('technology')).name, 'Technology');
      const climate = await r().ensureSection('Climate & Energy');
      assert.equal(climate.slug, 'climate-energy');
      assert.equal(climate.position, 9);
      assert.ok((await r().listSections()).some((s) => s.slug === 'climate-energy'));
      await assert.rejects(r().ensureSection('!!!'), /not a usable section name/);
    });

    it('removing a source removes its articles', async () => {
      const source = await r().addSource({ feedUrl: 'https://gone.example/feed', name: 'Gone' }, 15);
      await r().insertArticles([article(source.id, 40, { canonicalUrl: 'https://gone.example/40' })]);
      assert.equal(await r().removeSource(source.id), true);
      assert.equal((await r().latestArticles({ sourceId: source.id, limit: 5 })).length, 0);
      assert.equal(await r().removeSource(source.id), false);
    });

    it('keeps stories: outlines, flags, merges, citations, editor actions and ranking rows', async () => {
      const a = await r().addSource({ feedUrl: 'https://st-a.example/feed', name: 'Alpha' }, 15);
      const b = await r().addSource({ feedUrl: 'https://st-b.example/feed', name: 'Beta' }, 15);
      await r().updateSource(b.id, { weight: 2 });
      const now = new Date();
      const [a1, a2] = await r().insertArticles([
        article(a.id, 60, { canonicalUrl: 'https://st-a.example/60', publishedAt: new Date(now.getTime() - 3600_000) }),
        article(b.id, 61, { canonicalUrl: 'https://st-b.example/61', publishedAt: new Date(now.getTime() - 600_000) }),
      ]);
      const base = (await r().maxStoryId()) + 1;
      await r().ensureStory(base, now);
      await r().ensureStory(base, now); // twice: still one
      await r().ensureStory(base + 1, now);
      await r().setArticleStory(a1!.id, { storyId: base, originalId: null, fingerprint: 'f1', statedOriginal: null });
      await r().setArticleStory(a2!.id, { storyId: base + 1, originalId: null, fingerprint: null, statedOriginal: 'Alpha' });
      await r().moveStoryArticles(base + 1, base);
      assert.equal(await r().deleteEmptyStories(), 1);
      assert.equal(await r().getStory(base + 1), null);
      await r().saveStoryOutline({
        id: base, autoTitle: 'Outlined', summary: 'Sum', imageUrl: null, section: 'world', leadArticleId: a2!.id, firstArticleId: a1!.id,
        firstReportedAt: a1!.publishedAt, lastReportedAt: a2!.publishedAt, articleCount: 2, outletCount: 2,
      }, now);
      assert.equal(await r().renameStory(base, 'Editor title'), true);
      assert.equal(await r().renameStory(999_999, 'x'), false);
      const story = (await r().getStory(base))!;
      assert.equal(story.title, 'Editor title');
      assert.equal(story.autoTitle, 'Outlined');
      assert.equal(story.lastReportedAt?.toISOString(), a2!.publishedAt.toISOString());
      assert.deepEqual((await r().storyArticles(base)).map((x) => x.id), [a1!.id, a2!.id]);
      assert.equal((await r().getArticle(a2!.id))?.statedOriginal, 'Alpha');

      await r().replaceCitations(a2!.id, [{ outlet: 'Alpha', phrase: 'as Alpha reported' }, { outlet: 'Alpha', phrase: 'dup' }]);
      await r().replaceCitations(a2!.id, [{ outlet: 'Alpha', phrase: 'as first reported by Alpha' }]);
      assert.deepEqual(await r().storyCitations(base), [{ articleId: a2!.id, outlet: 'Alpha', phrase: 'as first reported by Alpha', citingOutlet: 'Beta' }]);

      const action = await r().addEditorAction({ kind: 'rename', storyId: base, intoStoryId: null, articleId: a1!.id, intoArticleId: null, title: 'Editor title' }, now);
      assert.equal(action.kind, 'rename');
      assert.ok((await r().editorActions()).some((x) => x.id === action.id && x.articleId === a1!.id));

      const rows = await r().rankingCandidates({ since: new Date(now.getTime() - 86_400_000), velocitySince: new Date(now.getTime() - 1800_000), limit: 50 });
      const row = rows.find((x) => x.story.id === base)!;
      assert.equal(row.coverage, 3, 'weights of the distinct outlets summed');
      assert.equal(row.recentOutlets, 1, 'one outlet joined in the last half hour');
      assert.equal(row.firstOutlet, 'Alpha');
      assert.ok((await r().latestStories({ limit: 50, minOutlets: 2 })).some((s) => s.id === base));

      assert.equal(await r().setStoryFlags(base, { hidden: true, commentsClosed: true }), true);
      const hidden = (await r().getStory(base))!;
      assert.equal(hidden.hidden, true);
      assert.equal(hidden.commentsClosed, true);
      assert.equal(hidden.pinned, false);
      assert.ok(!(await r().latestStories({ limit: 50 })).some((s) => s.id === base), 'hidden stories are left out');
      assert.equal(await r().setStoryFlags(999_999, { pinned: true }), false);
    });

    it('gives the sweep the articles without a story, oldest first, leaving out the ones asked', async () => {
      const src = await r().addSource({ feedUrl: 'https://sweep.example/feed', name: 'Sweep' }, 15);
      // Published in another order than stored; one stored with its text's reading (a worker role's insert).
      const stored = await r().insertArticles([
        article(src.id, 903, { canonicalUrl: 'https://sweep.example/3', publishedAt: new Date(Date.UTC(2020, 0, 1, 0, 3)) }),
        article(src.id, 901, { canonicalUrl: 'https://sweep.example/1', publishedAt: new Date(Date.UTC(2020, 0, 1, 0, 1)), fingerprint: 'f901', statedOriginal: 'Alpha' }),
        article(src.id, 902, { canonicalUrl: 'https://sweep.example/2', publishedAt: new Date(Date.UTC(2020, 0, 1, 0, 2)) }),
      ]);
      const [a3, a1, a2] = stored.map((a) => a.id);
      const ours = async (except?: number[]) => (await r().articlesWithoutStory(10_000, except)).filter((a) => a.sourceId === src.id);
      assert.deepEqual((await ours()).map((a) => a.id), [a1, a2, a3]);
      assert.deepEqual((await ours()).map((a) => [a.fingerprint, a.statedOriginal]), [['f901', 'Alpha'], [null, null], [null, null]]);
      assert.deepEqual((await ours([a1!, a3!])).map((a) => a.id), [a2]);
      assert.deepEqual((await ours([])).map((a) => a.id), [a1, a2, a3]);
      const story = (await r().maxStoryId()) + 1;
      await r().ensureStory(story, new Date());
      await r().setArticleStory(a2!, { storyId: story, originalId: null, fingerprint: null, statedOriginal: null });
      assert.deepEqual((await ours()).map((a) => a.id), [a1, a3]);
    });

    it('stores new articles with the decisions made while they are inserted, each new one given once', async () => {
      const source = await r().addSource({ feedUrl: 'https://decide.example/feed', name: 'Decide' }, 15);
      const [older] = await r().insertArticles([article(source.id, 80, { canonicalUrl: 'https://decide.example/80' })]);
      const base = (await r().maxStoryId()) + 1;
      const seen: number[][] = [];
      const stored = await r().insertArticles(
        [
          article(source.id, 80, { canonicalUrl: 'https://decide.example/80' }), // stored already
          article(source.id, 81, { canonicalUrl: 'https://decide.example/81' }),
          article(source.id, 82, { canonicalUrl: 'https://decide.example/82' }),
          article(source.id, 83, { canonicalUrl: 'https://decide.example/81' }), // the same URL again in the batch
        ],
        (articles) => {
          seen.push(articles.map((a) => a.id));
          const [x, y] = articles;
          return {
            decisions: [
              { articleId: x!.id, storyId: base, originalId: null, fingerprint: 'fx', statedOriginal: null, citations: [{ outlet: 'Reuters', phrase: 'told Reuters' }] },
              // A copy of the other new article, and the older article turned out a copy of this one.
              { articleId: y!.id, storyId: base, originalId: x!.id, fingerprint: 'fy', statedOriginal: 'Decide', citations: [] },
              { articleId: older!.id, storyId: base, originalId: y!.id, fingerprint: null, statedOriginal: null },
            ],
            merges: [],
          };
        },
      );
      assert.equal(seen.length, 1, 'decide is called once');
      assert.equal(seen[0]!.length, 2, 'only the articles that will be stored');
      assert.ok(seen[0]!.every((id) => id > older!.id), 'with the ids they get');
      assert.deepEqual(stored.map((a) => [a.id, a.title, a.storyId, a.originalId, a.fingerprint]), [
        [seen[0]![0], 'Article 81', base, null, 'fx'],
        [seen[0]![1], 'Article 82', base, seen[0]![0], 'fy'],
      ]);
      const [x, y, o] = [(await r().getArticle(seen[0]![0]!))!, (await r().getArticle(seen[0]![1]!))!, (await r().getArticle(older!.id))!];
      assert.deepEqual([x.storyId, x.fingerprint, y.storyId, y.originalId, y.statedOriginal], [base, 'fx', base, x.id, 'Decide']);
      assert.deepEqual([o.storyId, o.originalId], [base, y.id]);
      assert.ok(await r().getStory(base), 'the story row exists');
      assert.deepEqual((await r().storyCitations(base)).map((c) => [c.articleId, c.outlet]), [[x.id, 'Reuters']]);
      assert.equal((await r().insertArticles([article(source.id, 81, { canonicalUrl: 'https://decide.example/81' })], () => assert.fail('nothing new to decide'))).length, 0);
    });

    it('moves the articles of stories the stage merged, after its decisions and in order, in both writes', async () => {
      const source = await r().addSource({ feedUrl: 'https://merge.example/feed', name: 'Merge' }, 15);
      const [a, b, c] = await r().insertArticles([60, 61, 62].map((n) => article(source.id, n, { canonicalUrl: `https://merge.example/${n}` })));
      const now = new Date(Date.UTC(2026, 0, 2));
      const base = (await r().maxStoryId()) + 1;
      const decision = (articleId: number, storyId: number) => ({ articleId, storyId, originalId: null, fingerprint: null, statedOriginal: null });
      await r().saveStoryDecisions({ decisions: [decision(a!.id, base), decision(b!.id, base + 1)], merges: [] }, now);
      // c joins base + 2; base + 1 turns out one with it, and then base + 2 with base.
      await r().saveStoryDecisions({ decisions: [decision(c!.id, base + 2)], merges: [{ from: base + 1, into: base + 2 }, { from: base + 2, into: base }] }, now);
      assert.deepEqual((await r().storyArticles(base)).map((x) => x.id).sort((x, y) => x - y), [a!.id, b!.id, c!.id]);
      assert.deepEqual([(await r().storyArticles(base + 1)).length, (await r().storyArticles(base + 2)).length], [0, 0]);
      // While inserting: a new article's story absorbs another one.
      await r().saveStoryDecisions({ decisions: [decision(c!.id, base + 3)], merges: [] }, now);
      const [d] = await r().insertArticles([article(source.id, 63, { canonicalUrl: 'https://merge.example/63' })], ([fresh]) => ({
        decisions: [decision(fresh!.id, base)],
        merges: [{ from: base + 3, into: base }],
      }));
      assert.equal(d!.storyId, base);
      assert.deepEqual((await r().storyArticles(base)).map((x) => x.id).sort((x, y) => x - y), [a!.id, b!.id, c!.id, d!.id]);
      assert.equal((await r().storyArticles(base + 3)).length, 0);
      // Each merged story leads on, through the chain, once it is gone.
      assert.equal(await r().storyRedirect(base + 1), null, 'not while the emptied story is still there');
      assert.equal(await r().deleteEmptyStories([base + 1, base + 2, base + 3]), 3);
      assert.deepEqual(
        [await r().storyRedirect(base + 1), await r().storyRedirect(base + 2), await r().storyRedirect(base + 3), await r().storyRedirect(base), await r().storyRedirect(base + 99)],
        [base, base, base, null, null],
      );
      // An editor's merge too; the merged story's readers count for the other, each once.
      await r().saveStoryDecisions({ decisions: [decision(d!.id, base + 4)], merges: [] }, now);
      const views = new StoryViews(portableQuery(r()));
      const reader = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';
      for (const [story, address] of [[base, '192.0.2.1'], [base + 4, '192.0.2.1'], [base + 4, '192.0.2.2']] as const) assert.ok(await views.record(story, address, reader));
      await r().moveStoryArticles(base + 4, base);
      await r().deleteEmptyStories([base + 4]);
      assert.equal(await r().storyRedirect(base + 4), base);
      assert.deepEqual((await views.popular(24, 10)).filter((p) => p.storyId === base || p.storyId === base + 4).map((p) => [p.storyId, p.views]), [[base, 2]]);
      // Re-clustered: the old story leads to where its first article went (not to itself, nor anywhere for an article without a story).
      await r().saveStoryDecisions({ decisions: [decision(a!.id, base + 5), decision(b!.id, base + 5), decision(c!.id, base + 5), decision(d!.id, base + 5)], merges: [] }, now);
      await r().deleteEmptyStories([base]);
      await r().redirectStories([{ storyId: base, articleId: a!.id }, { storyId: base + 5, articleId: a!.id }, { storyId: base + 98, articleId: 999_999 }], now);
      assert.deepEqual([await r().storyRedirect(base), await r().storyRedirect(base + 4), await r().storyRedirect(base + 98)], [base + 5, base + 5, null]);
    });

    it("refuses a deposed stage holder's decisions whole, once another took the stage over", async () => {
      const source = await r().addSource({ feedUrl: 'https://fence.example/feed', name: 'Fence' }, 15);
      const [a, b] = await r().insertArticles([70, 71].map((n) => article(source.id, n, { canonicalUrl: `https://fence.example/${n}` })));
      const now = new Date(Date.UTC(2026, 0, 2));
      const base = (await r().maxStoryId()) + 1;
      const decision = (articleId: number, storyId: number) => ({ articleId, storyId, originalId: null, fingerprint: null, statedOriginal: null });
      const first = await r().claimStage('stories-fence-test');
      await r().saveStoryDecisions({ decisions: [decision(a!.id, base)], merges: [] }, now, first);
      const second = await r().claimStage('stories-fence-test');
      assert.equal(second.epoch, first.epoch + 1);
      await assert.rejects(
        r().saveStoryDecisions({ decisions: [decision(b!.id, base + 1)], merges: [{ from: base, into: base + 1 }] }, now, first),
        (err: Error) => err instanceof StageLostError && /taken over/.test(err.message),
      );
      // Nothing of the refused batch was written: no story, no decision, no merge.
      assert.deepEqual([(await r().getArticle(a!.id))!.storyId, (await r().getArticle(b!.id))!.storyId, await r().getStory(base + 1)], [base, null, null]);
      await r().saveStoryDecisions({ decisions: [decision(b!.id, base)], merges: [] }, now, second);
      assert.equal((await r().getArticle(b!.id))!.storyId, base);
      // Another stage's epochs are its own.
      assert.equal((await r().claimStage('other-fence-test')).epoch, 1);
    });

    it('stores a batch of story decisions, citations and outlines, and deletes only candidate stories left empty', async () => {
      const source = await r().addSource({ feedUrl: 'https://batch.example/feed', name: 'Batch' }, 15);
      const [a, b, c] = await r().insertArticles([50, 51, 52].map((n) => article(source.id, n, { canonicalUrl: `https://batch.example/${n}` })));
      const now = new Date(Date.UTC(2026, 0, 2));
      const base = (await r().maxStoryId()) + 1;
      await r().saveStoryDecisions(
        {
          decisions: [
            { articleId: a!.id, storyId: base, originalId: null, fingerprint: 'f1', statedOriginal: null, citations: [{ outlet: 'Reuters', phrase: 'told Reuters' }] },
            { articleId: b!.id, storyId: base, originalId: a!.id, fingerprint: 'f2', statedOriginal: 'Batch', citations: [] },
            { articleId: c!.id, storyId: base + 1, originalId: null, fingerprint: null, statedOriginal: null },
            // A later decision about the same article wins; without citations they are left alone.
            { articleId: a!.id, storyId: base, originalId: null, fingerprint: 'f1b', statedOriginal: null },
          ],
          merges: [],
        },
        now,
      );
      const [sa, sb] = [(await r().getArticle(a!.id))!, (await r().getArticle(b!.id))!];
      assert.deepEqual([sa.storyId, sa.fingerprint, sb.storyId, sb.originalId, sb.statedOriginal], [base, 'f1b', base, a!.id, 'Batch']);
      assert.deepEqual((await r().storyCitations(base)).map((x) => [x.articleId, x.outlet]), [[a!.id, 'Reuters']]);
      assert.ok(await r().getStory(base + 1));

      const outline = await r().storyOutlineArticles(base);
      assert.deepEqual(outline.map((x) => [x.id, x.title, x.originalId]), [[a!.id, 'Article 50', null], [b!.id, 'Article 51', a!.id]]);
      assert.deepEqual(outline.map((x) => x.id), (await r().storyArticles(base)).map((x) => x.id));
      const both = await r().outlineArticlesOf([base + 1, base, base, 999_999]);
      assert.deepEqual([...both.keys()].sort((x, y) => x - y), [base, base + 1], 'a story without articles has no entry');
      assert.deepEqual(both.get(base), outline);
      assert.deepEqual(both.get(base + 1)!.map((x) => x.id), [c!.id]);

      await r().saveStoryOutlines(
        [base, base + 1].map((id) => ({
          id, autoTitle: `Story ${id}`, summary: null, imageUrl: null, section: 'world', leadArticleId: null, firstArticleId: null,
          firstReportedAt: null, lastReportedAt: now, articleCount: 1, outletCount: 1,
        })),
        now,
      );
      assert.equal((await r().getStory(base + 1))!.title, `Story ${base + 1}`);

      // Story base+1 loses its article: only a check among candidates that include it deletes it.
      await r().setArticleStory(c!.id, { storyId: base, originalId: null, fingerprint: null, statedOriginal: null });
      assert.equal(await r().deleteEmptyStories([base]), 0);
      assert.ok(await r().getStory(base + 1));
      assert.equal(await r().deleteEmptyStories([base, base + 1]), 1);
      assert.equal(await r().getStory(base + 1), null);
      assert.ok(await r().getStory(base));
    });

    it('prunes old bodies in bounded batches, keeping the articles', async () => {
      const source = await r().addSource({ feedUrl: 'https://prune.example/feed', name: 'Prune' }, 15);
      const old = new Date(Date.UTC(2020, 0, 1));
      const [a, b] = await r().insertArticles([
        article(source.id, 80, { canonicalUrl: 'https://prune.example/80', contentHtml: '<p>Full</p>', fetchedAt: old }),
        article(source.id, 81, { canonicalUrl: 'https://prune.example/81', contentHtml: '<p>New</p>' }),
      ]);
      await r().saveArticlePage({
        articleId: a!.id, status: 'ok', detail: null, httpStatus: 200, contentType: 'text/html', html: Buffer.from('<html></html>'), text: 'Body',
        cleanHtml: '<p>Body</p>', byline: null, canonicalUrl: null, imageUrl: null, supportUrl: null, fetchedAt: old, extractedAt: old,
      });
      const before = new Date(Date.UTC(2021, 0, 1));
      const dry = await r().pruneBodies({ before, afterId: a!.id - 1, limit: 10, dryRun: true });
      assert.deepEqual(dry, { lastId: a!.id, scanned: 1, pruned: 1, done: true });
      assert.equal((await r().getArticle(a!.id))?.contentHtml, '<p>Full</p>', 'a dry run changes nothing');
      const done = await r().pruneBodies({ before, afterId: a!.id - 1, limit: 10 });
      assert.equal(done.pruned, 1);
      const kept = (await r().getArticle(a!.id))!;
      assert.equal(kept.contentHtml, null);
      assert.equal(kept.title, 'Article 80');
      const page = (await r().getArticlePage(a!.id))!;
      assert.deepEqual([page.status, page.html, page.text, page.cleanHtml], ['ok', null, null, null]);
      assert.equal((await r().getArticle(b!.id))?.contentHtml, '<p>New</p>', 'recent articles keep theirs');
    });

    it('stores article pages, their gzipped HTML and extraction stats', async () => {
      const source = await r().addSource({ feedUrl: 'https://pages.example/feed', name: 'Pages outlet' }, 15);
      const [x, y] = await r().insertArticles([
        article(source.id, 70, { canonicalUrl: 'https://pages.example/70' }),
        article(source.id, 71, { canonicalUrl: 'https://pages.example/71' }),
      ]);
      assert.ok((await r().articlesWithoutPage(1000)).some((a) => a.id === x!.id));
      const html = Buffer.from('<html><body><p>Hello</p></body></html>');
      const fetchedAt = new Date();
      await r().saveArticlePage({
        articleId: x!.id, status: 'ok', detail: null, httpStatus: 200, contentType: 'text/html', html, text: 'Hello', cleanHtml: '<p>Hello</p>',
        byline: 'A. Writer', canonicalUrl: null, imageUrl: null, supportUrl: null, fetchedAt, extractedAt: fetchedAt,
      });
      await r().saveArticlePage({
        articleId: y!.id, status: 'bot-wall', detail: 'challenge', httpStatus: 403, contentType: 'text/html', html: null, text: null,
        cleanHtml: null, byline: null, canonicalUrl: null, imageUrl: null, supportUrl: null, fetchedAt, extractedAt: null,
      });
      const stored = (await r().getArticlePage(x!.id))!;
      assert.equal(stored.html?.toString(), html.toString());
      assert.equal(stored.byline, 'A. Writer');
      assert.equal(stored.fetchedAt.toISOString(), fetchedAt.toISOString());
      // Extracting again without the HTML keeps the stored page.
      await r().saveArticlePage({ ...stored, html: null, text: 'Hello again' });
      assert.equal((await r().getArticlePage(x!.id))?.html?.toString(), html.toString());
      assert.deepEqual((await r().storedPages({ sourceId: source.id, afterId: 0, limit: 10 })).map((p) => p.articleId), [x!.id]);
      assert.ok(!(await r().articlesWithoutPage(1000)).some((a) => a.id === x!.id));
      const stats = (await r().extractionStats(1)).get(source.id)!;
      assert.deepEqual(stats, { fetched: 2, failed: 1, lastFailure: 'bot-wall: challenge' });
      const counts = await r().counts();
      assert.ok(counts.articles >= 2 && counts.sources >= 1);
    });
  });
}
