import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Article, NewArticle, Source } from '../model.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { logger, setLogLevel } from '../ops/logger.js';
import { prepareText } from './article-text.js';
import { storyOutline } from './outline.js';
import { DEFAULT_STORIES_OPTIONS, OUTLINE_BIG_STORY, OUTLINE_REFRESH_MS, StoriesService } from './service.js';

const FLOOD =
  'Three people have died and about 4,000 have been evacuated after the River Ambry burst its banks in the town of ' +
  'Kesselford, authorities said, as the river reached a record 6.8 metres following 140 millimetres of rain in 36 hours.';
const BANK =
  'The Estravian central bank raised its key interest rate to 4.75 per cent on Thursday in a split vote, governor Ilse ' +
  'Varnholt said, warning that inflation in services remains too high and that further rises cannot be ruled out.';

const T0 = Date.UTC(2026, 10, 28, 8, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

// Every way articles reach the stage: stored and then processed (the worker roles), stored
// with their decisions in one write (ingest), and so with the decisions made on the
// decider's thread (ingest in the all-in-one, decision 21); the same outcomes.
for (const mode of ['stored, then processed', 'ingested in one write', 'ingested, decided on a thread'] as const)
describe(`StoriesService (${mode})`, () => {
  let repo: SqliteRepository;
  let stories: StoriesService;
  let sources: Record<string, Source>;
  let n = 0;

  async function publish(source: string, title: string, text: string, minutes: number, extra: Partial<NewArticle> = {}): Promise<Article> {
    n++;
    const fresh: NewArticle = {
      sourceId: sources[source]!.id, guid: `g${n}`, url: `https://${source}.example/a/${n}`, canonicalUrl: `https://${source}.example/a/${n}`,
      title, author: null, summary: text, contentHtml: null, imageUrl: null, section: 'world', categories: [],
      publishedAt: at(minutes), fetchedAt: at(minutes), ...extra,
    };
    if (mode !== 'stored, then processed') {
      const [article] = await stories.ingest([fresh], at(minutes));
      await stories.settled();
      return (await repo.getArticle(article!.id))!;
    }
    const [article] = await repo.insertArticles([fresh]);
    await stories.process([article!], at(minutes));
    return (await repo.getArticle(article!.id))!;
  }

  beforeEach(async () => {
    repo = SqliteRepository.open(':memory:');
    sources = {};
    for (const name of ['wire', 'herald', 'courier', 'ledger']) {
      sources[name] = await repo.addSource({ feedUrl: `https://${name}.example/feed`, name: { wire: 'Meridian Wire', herald: 'The Harbor Herald', courier: 'Tessmoor Courier', ledger: 'Daily Ledger' }[name]!, section: 'world' }, 15);
    }
    stories = new StoriesService(repo, { ...DEFAULT_STORIES_OPTIONS, thread: mode === 'ingested, decided on a thread' });
    assert.equal(stories.decidesOnThread, mode === 'ingested, decided on a thread');
    await stories.start(at(0));
  });

  afterEach(() => stories.close());

  it("keeps every story's outline equal to one made from the store's articles, as stories grow and copies arrive first", async () => {
    const outlineFromStore = async (storyId: number) => storyOutline(storyId, await repo.storyOutlineArticles(storyId));
    const check = async () => {
      for (const story of await repo.latestStories({ limit: 100 })) {
        const expected = await outlineFromStore(story.id);
        assert.deepEqual(
          [story.autoTitle, story.summary, story.leadArticleId, story.firstArticleId, story.firstReportedAt, story.lastReportedAt, story.articleCount, story.outletCount],
          [expected.autoTitle, expected.summary, expected.leadArticleId, expected.firstArticleId, expected.firstReportedAt, expected.lastReportedAt, expected.articleCount, expected.outletCount],
          `story ${story.id}`,
        );
      }
    };
    await publish('herald', 'Estravia raises rates to 4.75%', BANK, 90, { imageUrl: 'https://herald.example/bank.jpg' });
    await publish('wire', 'Three dead as River Ambry floods Kesselford', FLOOD, 10);
    await check();
    // The original after its copy (the copy's row changes), more coverage, an earlier report, a copy.
    await publish('wire', 'Estravia raises rates to 4.75%', BANK, 30);
    await publish('ledger', 'Estravian central bank lifts key rate to 4.75% in split vote', `${BANK} Markets fell on the news.`, 95);
    await publish('courier', 'Kesselford under water as River Ambry hits record 6.8 metres', 'Around 4,000 people have been evacuated and three have died after the River Ambry rose to a record 6.8 metres in Kesselford.', 5);
    await publish('herald', 'Three dead as River Ambry floods Kesselford', `${FLOOD} Read the original article on Meridian Wire.`, 50);
    await check();
    assert.ok((await repo.latestStories({ limit: 100 })).some((s) => s.articleCount >= 2), 'stories that grew');
  });

  it('folds a republished copy under its original, credit line and dateline notwithstanding', async () => {
    const original = await publish('wire', 'Three dead as River Ambry floods Kesselford', FLOOD, 0);
    const copy = await publish('herald', 'Three dead as River Ambry floods Kesselford', `KESSELFORD, Tuesday — ${FLOOD} Read the original article on Meridian Wire.`, 45);
    assert.equal(copy.originalId, original.id);
    assert.equal(copy.statedOriginal, 'Meridian Wire');
    assert.equal(copy.storyId, original.storyId);
    const story = (await repo.getStory(original.storyId!))!;
    assert.equal(story.outletCount, 1, 'a copy is not coverage of its own');
    assert.equal(story.firstArticleId, original.id);
  });

  it('takes the earlier article as the original when the copy is fetched first, keeping the credit the copy gives', async () => {
    const copy = await publish('herald', 'Estravia raises rates to 4.75%', `${BANK} Read the original article on Meridian Wire.`, 90);
    assert.equal(copy.statedOriginal, 'Meridian Wire');
    const original = await publish('wire', 'Estravia raises rates to 4.75%', BANK, 30);
    const stored = (await repo.getArticle(copy.id))!;
    assert.equal(stored.originalId, original.id);
    assert.equal(original.originalId, null);
    assert.equal(stored.storyId, original.storyId);
    assert.equal(stored.statedOriginal, 'Meridian Wire', 'what its text says is not lost');
  });

  it('gives a copy stored without a story the story of its original when the original comes after it', async () => {
    // A stage taking over (a new stories holder) learns the window with articles not decided yet.
    const [copy] = await repo.insertArticles([{
      sourceId: sources.herald!.id, guid: 'undecided', url: 'https://herald.example/undecided', canonicalUrl: 'https://herald.example/undecided',
      title: 'Estravia raises rates to 4.75%', author: null, summary: BANK, contentHtml: null, imageUrl: null, section: 'world', categories: [],
      publishedAt: at(90), fetchedAt: at(90),
    }]);
    await stories.close();
    stories = new StoriesService(repo, { ...DEFAULT_STORIES_OPTIONS, thread: mode === 'ingested, decided on a thread' });
    await stories.start(at(90));
    const original = await publish('wire', 'Estravia raises rates to 4.75%', BANK, 30);
    const stored = (await repo.getArticle(copy!.id))!;
    assert.deepEqual([stored.originalId, stored.storyId], [original.id, original.storyId]);
    assert.notEqual(original.storyId, null);
  });

  it('prefers the outlet a copy credits over the earliest of several identical texts', async () => {
    const credited = await publish('courier', 'Estravia raises rates to 4.75%', BANK, 20);
    await publish('ledger', 'Estravia raises rates to 4.75%', BANK, 10);
    const copy = await publish('herald', 'Estravia raises rates to 4.75%', `${BANK} This article first appeared in Tessmoor Courier.`, 60);
    assert.equal(copy.originalId, credited.id);
  });

  it('puts different outlets reporting one event in one story, and an unrelated event apart', async () => {
    const a = await publish('wire', 'Three dead, 4,000 evacuated as River Ambry floods Kesselford', FLOOD, 0);
    const b = await publish(
      'courier',
      'Kesselford under water as River Ambry hits record 6.8 metres',
      'Around 4,000 people have been evacuated and three have died after the River Ambry rose to a record 6.8 metres in Kesselford, with soldiers helping rescue teams.',
      40,
    );
    const c = await publish('ledger', 'Estravian central bank lifts key rate to 4.75% in split vote', BANK, 50);
    assert.equal(b.storyId, a.storyId);
    assert.notEqual(c.storyId, a.storyId);
    const story = (await repo.getStory(a.storyId!))!;
    assert.equal(story.outletCount, 2);
    assert.equal(story.firstArticleId, a.id, 'first reported by the earliest outlet');
  });

  it("records the outlets an article cites, other than its own", async () => {
    const a = await publish(
      'herald',
      'Kesselford flood: defences overwhelmed',
      `${FLOOD} The agency's figures were first reported by Meridian Wire, and officials told the Northgate Times that the defences failed.`,
      0,
    );
    const cited = (await repo.storyCitations(a.storyId!)).map((c) => c.outlet).sort();
    assert.deepEqual(cited, ['Meridian Wire', 'The Northgate Times']);
  });

  it("keeps editors' merges, splits and renames across re-clustering", async () => {
    const flood = await publish('wire', 'Three dead as River Ambry floods Kesselford', FLOOD, 0);
    const bank = await publish('ledger', 'Estravian central bank lifts key rate to 4.75% in split vote', BANK, 10);
    const flood2 = await publish('courier', 'Kesselford under water as River Ambry hits record 6.8 metres', `Soldiers joined rescue teams in Kesselford. ${FLOOD}`, 20);
    assert.equal(flood2.storyId, flood.storyId);

    await stories.rename(flood.storyId!, 'Kesselford floods');
    const newStory = await stories.split(flood2.id);
    assert.notEqual(newStory, flood.storyId);
    await stories.merge(bank.storyId!, flood.storyId!); // an editor's (odd) call: kept all the same
    assert.equal((await repo.getArticle(bank.id))!.storyId, flood.storyId);

    const floodBefore = flood.storyId!;
    await stories.recluster();
    const [f, b, f2] = await Promise.all([repo.getArticle(flood.id), repo.getArticle(bank.id), repo.getArticle(flood2.id)]);
    assert.equal(b!.storyId, f!.storyId, 'merge replayed');
    assert.notEqual(f2!.storyId, f!.storyId, 'split replayed');
    assert.equal((await repo.getStory(f!.storyId!))!.title, 'Kesselford floods', 'rename replayed');
    // New ids for every story; the old addresses lead to where their first articles went.
    assert.equal(await repo.getStory(floodBefore), null);
    assert.deepEqual([await repo.storyRedirect(floodBefore), await repo.storyRedirect(newStory)], [f!.storyId, f2!.storyId]);
    assert.equal(await repo.storyRedirect(bank.storyId!), f!.storyId, 'through the merge before, to the same story');
  });

  it('outlines every story of batches processed at once, and empties no story by merging', async () => {
    // Several polls hand their articles over together: one outline refresh serves them all,
    // and each caller resolves only once its stories are outlined.
    const texts: Array<[string, string, string]> = [
      ['wire', 'Three dead as River Ambry floods Kesselford', FLOOD],
      ['ledger', 'Estravian central bank lifts key rate to 4.75% in split vote', BANK],
      ['courier', 'Kesselford under water as River Ambry hits record 6.8 metres', 'Around 4,000 people have been evacuated and three have died after the River Ambry rose to a record 6.8 metres in Kesselford, with soldiers helping rescue teams.'],
    ];
    const inserted = await Promise.all(
      texts.map(async ([source, title, text], i) => {
        n++;
        const [a] = await repo.insertArticles([{
          sourceId: sources[source]!.id, guid: `batch${n}`, url: `https://${source}.example/b/${n}`, canonicalUrl: `https://${source}.example/b/${n}`,
          title, author: null, summary: text, contentHtml: null, imageUrl: null, section: 'world', categories: [], publishedAt: at(i * 10), fetchedAt: at(i * 10),
        }]);
        return a!;
      }),
    );
    await Promise.all(inserted.map((a, i) => stories.process([a], at(i * 10))));
    const stored = await Promise.all(inserted.map((a) => repo.getArticle(a.id)));
    assert.equal(stored[2]!.storyId, stored[0]!.storyId);
    assert.notEqual(stored[1]!.storyId, stored[0]!.storyId);
    const flood = (await repo.getStory(stored[0]!.storyId!))!;
    assert.equal(flood.articleCount, 2);
    assert.equal(flood.outletCount, 2);
    assert.equal((await repo.getStory(stored[1]!.storyId!))!.articleCount, 1);

    await stories.merge(stored[1]!.storyId!, flood.id);
    assert.equal(await repo.getStory(stored[1]!.storyId!), null, 'the merged-away story is deleted');
    assert.equal((await repo.getStory(flood.id))!.articleCount, 3);
  });

  it('forgets articles that leave the window: an old identical text is no longer an original', async () => {
    const old = await publish('wire', 'Estravia raises rates to 4.75%', BANK, 0);
    // 73 hours later (the window is 72) the window has moved on; the same text from another
    // outlet is then an article of its own.
    await publish('ledger', 'Three dead as River Ambry floods Kesselford', FLOOD, 73 * 60);
    const later = await publish('herald', 'Estravia raises rates to 4.75%', BANK, 73 * 60 + 10);
    assert.equal(later.originalId, null);
    assert.notEqual(later.storyId, null);
    // Within the window it would have been a copy.
    const copy = await publish('courier', 'Estravia raises rates to 4.75%', BANK, 73 * 60 + 30);
    assert.equal(copy.originalId, later.id);
    assert.notEqual(copy.originalId, old.id);
  });
});

describe('StoriesService.ingest', () => {
  /** A store with two outlets, and the stage started on it (deciding on a thread of its own with `thread`). */
  async function twoOutlets(thread = false) {
    const repo = SqliteRepository.open(':memory:');
    const wire = await repo.addSource({ feedUrl: 'https://wire.example/feed', name: 'Meridian Wire' }, 15);
    const ledger = await repo.addSource({ feedUrl: 'https://ledger.example/feed', name: 'Daily Ledger' }, 15);
    const stories = new StoriesService(repo, { ...DEFAULT_STORIES_OPTIONS, thread });
    await stories.start(at(0));
    return { repo, wire, ledger, stories };
  }

  const item = (sourceId: number, slug: string, title: string, text: string, minutes: number): NewArticle => ({
    sourceId, guid: slug, url: `https://x.example/${slug}`, canonicalUrl: `https://x.example/${slug}`, title, author: null,
    summary: text, contentHtml: null, imageUrl: null, section: null, categories: [], publishedAt: at(minutes), fetchedAt: at(minutes),
  });
  const FLOOD_TITLE = 'Three dead as River Ambry floods Kesselford';

  it('decides on its own thread and stores the batches in the order they came, copies with their originals', async () => {
    const { repo, wire, ledger, stories } = await twoOutlets(true);
    const calls: string[] = [];
    const [reserve, insert] = [repo.reserveArticles.bind(repo), repo.insertReserved.bind(repo)];
    repo.reserveArticles = (articles) => {
      const reserved = reserve(articles);
      calls.push(`reserve ${reserved.map((a) => a.id).join(',')}`);
      return reserved;
    };
    repo.insertReserved = (articles, decisions) => {
      calls.push(`insert ${articles.map((a) => a.id).join(',')}`);
      return insert(articles, decisions);
    };
    // Batches one after another, each while the one before may still be on the thread.
    const batches: Array<Promise<Article[]>> = [];
    for (let i = 0; i < 6; i++) {
      batches.push(stories.ingest([item(i % 2 ? ledger.id : wire.id, `flood-${i}`, FLOOD_TITLE, `${FLOOD} (${i})`, i)], at(10)));
      await new Promise((resolve) => setTimeout(resolve, 12));
    }
    const stored = (await Promise.all(batches)).flat();
    await stories.settled();
    assert.deepEqual(stored.map((a) => a.guid), ['flood-0', 'flood-1', 'flood-2', 'flood-3', 'flood-4', 'flood-5']);
    const ids = stored.map((a) => a.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ids given in the order the batches came');
    assert.deepEqual(calls.filter((c) => c.startsWith('insert')), ids.map((id) => `insert ${id}`), 'stored in that order');
    const rows = await Promise.all(ids.map((id) => repo.getArticle(id)));
    assert.equal(new Set(rows.map((a) => a!.storyId)).size, 1, 'one story');
    assert.ok(rows.slice(1).every((a) => a!.originalId === ids[0]), 'the copies credit the first');
    assert.equal((await repo.storyArticles(rows[0]!.storyId!)).length, 6);
    assert.deepEqual((await repo.getStory(rows[0]!.storyId!))!.lastReportedAt, at(5), 'outlined once settled');
    await stories.close();
    await repo.close();
  });

  /** The failures below are logged for the operator; not into the tests' output. */
  async function quietly(test: () => Promise<void>): Promise<void> {
    const level = logger.level;
    setLogLevel('silent');
    try {
      await test();
    } finally {
      setLogLevel(level);
    }
  }

  it('fails a batch its thread cannot decide, storing none of it, and the process goes on', () => quietly(async () => {
    const { repo, wire, stories } = await twoOutlets(true);
    const [first] = await stories.ingest([item(wire.id, 'bank', 'Estravian central bank lifts key rate', BANK, 0)], at(1));
    assert.ok(first);
    // The thread gone (as when it dies, or at shutdown): the next batch's decision fails at once.
    await stories.close();
    await assert.rejects(stories.ingest([item(wire.id, 'flood', FLOOD_TITLE, FLOOD, 5)], at(6)), /closed/);
    assert.equal((await repo.counts()).articles, 1, 'none of the failed batch stored');
    assert.equal(repo.reserveArticles([item(wire.id, 'flood', FLOOD_TITLE, FLOOD, 5)]).length, 1, 'its articles given back');
    await repo.close();
  }));

  it('stores none of a batch the store refuses, nor of those decided after it, and decides the next on what is stored', () => quietly(async () => {
    const { repo, wire, ledger, stories } = await twoOutlets(true);
    const insert = repo.insertReserved.bind(repo);
    let refuse = true;
    repo.insertReserved = (articles, decisions) => {
      if (refuse) {
        refuse = false;
        throw new Error('disk full');
      }
      return insert(articles, decisions);
    };
    const original = item(wire.id, 'flood', FLOOD_TITLE, FLOOD, 0);
    await assert.rejects(stories.ingest([original], at(1)), /disk full/);
    // A copy from another outlet: had the refused original stayed in the window, it would be credited.
    const [copy] = await stories.ingest([item(ledger.id, 'flood-copy', FLOOD_TITLE, FLOOD, 30)], at(31));
    assert.ok(copy, 'stored');
    assert.equal(copy.originalId, null, 'no original: the refused one was never stored');
    assert.equal(await repo.getArticle(copy.id - 1), null);
    // The original comes again with the next poll: now stored, and the earlier, so the original.
    const [again] = await stories.ingest([original], at(32));
    await stories.settled();
    assert.ok(again);
    assert.equal((await repo.getArticle(copy.id))!.originalId, again.id);
    assert.equal((await repo.getArticle(copy.id))!.storyId, again.storyId);
    await stories.close();
    await repo.close();
  }));

  it("assigns stored articles a batch ahead of the store's writes, written in the order decided", async () => {
    const { repo, wire, ledger, stories } = await twoOutlets();
    const writes: number[][] = [];
    const save = repo.saveStoryDecisions.bind(repo);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    repo.saveStoryDecisions = async (decided, now, fence) => {
      await gate;
      writes.push(decided.decisions.map((d) => d.articleId));
      return save(decided, now, fence);
    };
    const [original] = await repo.insertArticles([item(wire.id, 'flood', FLOOD_TITLE, FLOOD, 0)]);
    const [copy] = await repo.insertArticles([item(ledger.id, 'flood-copy', FLOOD_TITLE, FLOOD, 5)]);
    // The second batch is decided while the first one's write waits: on the first one's decisions.
    const first = await stories.assign([original!], at(1));
    const second = await stories.assign([copy!], at(6));
    assert.deepEqual(writes, [], 'decided, nothing written yet');
    open();
    await Promise.all([first.saved, second.saved]);
    assert.deepEqual(writes, [[original!.id], [copy!.id]]);
    const [a, b] = [(await repo.getArticle(original!.id))!, (await repo.getArticle(copy!.id))!];
    assert.equal(b.originalId, a.id);
    assert.equal(b.storyId, a.storyId);
    await Promise.all([first.outlined, second.outlined]);
    await stories.settled();
    assert.deepEqual((await repo.getStory(a.storyId!))!.lastReportedAt, at(5), 'outlined with both batches');
    await stories.close();
    await repo.close();
  });

  it("decides the next batch while the outlines of the one before are being written, and an editor's merge waits for them", async () => {
    const { repo, wire, ledger, stories } = await twoOutlets();
    const saveOutlines = repo.saveStoryOutlines.bind(repo);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const calls: string[] = [];
    repo.saveStoryOutlines = async (outlines, now) => {
      calls.push('outlines');
      await gate;
      return saveOutlines(outlines, now);
    };
    const moveArticles = repo.moveStoryArticles.bind(repo);
    repo.moveStoryArticles = async (from, into) => {
      calls.push('merge');
      return moveArticles(from, into);
    };
    const [flood] = await repo.insertArticles([item(wire.id, 'flood', FLOOD_TITLE, FLOOD, 0)]);
    const [bank] = await repo.insertArticles([item(ledger.id, 'bank', 'Estravian central bank lifts key rate', BANK, 5)]);
    const first = await stories.assign([flood!], at(1));
    await first.saved;
    // Its outline refresh is under way (held at the write); the next batch is decided and written meanwhile.
    while (!calls.includes('outlines')) await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await stories.assign([bank!], at(6));
    await second.saved;
    const [a, b] = [(await repo.getArticle(flood!.id))!, (await repo.getArticle(bank!.id))!];
    assert.notEqual(b.storyId, null);
    assert.notEqual(a.storyId, b.storyId);
    // An editor's merge runs alone: not before the refresh under way has ended.
    const merged = stories.merge(b.storyId!, a.storyId!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(calls, ['outlines'], 'the merge waits');
    open();
    await merged;
    await stories.settled();
    assert.equal(calls[1], 'merge');
    assert.deepEqual((await repo.storyArticles(a.storyId!)).map((x) => x.id), [flood!.id, bank!.id]);
    assert.deepEqual((await repo.getStory(a.storyId!))!.lastReportedAt, at(5), 'outlined after the merge');
    await stories.close();
    await repo.close();
  });

  it('writes none of the batches decided after one the store refuses, and decides them again on what is stored', () => quietly(async () => {
    const { repo, wire, ledger, stories } = await twoOutlets();
    const save = repo.saveStoryDecisions.bind(repo);
    let refuse = true;
    repo.saveStoryDecisions = async (decided, now, fence) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (refuse) {
        refuse = false;
        throw new Error('disk full');
      }
      return save(decided, now, fence);
    };
    const [original] = await repo.insertArticles([item(wire.id, 'flood', FLOOD_TITLE, FLOOD, 0)]);
    const [copy] = await repo.insertArticles([item(ledger.id, 'flood-copy', FLOOD_TITLE, FLOOD, 30)]);
    const first = await stories.assign([original!], at(1));
    const second = await stories.assign([copy!], at(31));
    await assert.rejects(first.saved, /disk full/);
    await assert.rejects(second.saved, /decided after a batch that failed/);
    assert.equal((await repo.articlesWithoutStory(10)).length, 2, 'both still without a story');
    // Swept again, on a window loaded again from the store: the original is the original once more.
    await (await stories.assign(await repo.articlesWithoutStory(10), at(32))).saved;
    const [a, b] = [(await repo.getArticle(original!.id))!, (await repo.getArticle(copy!.id))!];
    assert.ok(a.storyId !== null);
    assert.equal(b.originalId, a.id);
    assert.equal(b.storyId, a.storyId);
    await stories.close();
    await repo.close();
  }));

  it('stores the articles of polls that arrive together in one insert, and hands each its own', async () => {
    const { repo, wire, ledger, stories } = await twoOutlets();
    let inserts = 0;
    const insert = repo.insertArticles.bind(repo);
    repo.insertArticles = (articles, decide) => {
      inserts++;
      return insert(articles, decide);
    };
    const withReading = (a: NewArticle): NewArticle => ({ ...a, prepared: prepareText(a) });
    const [fromWire, fromLedger, again] = await Promise.all([
      // This one comes with the stories stage's reading of its text, as from a poll's worker thread.
      stories.ingest([withReading(item(wire.id, 'flood', 'Three dead as River Ambry floods Kesselford', FLOOD, 0))], at(1)),
      stories.ingest([item(ledger.id, 'bank', 'Estravian central bank lifts key rate to 4.75% in split vote', BANK, 5), item(ledger.id, 'flood-2', 'Kesselford under water as River Ambry hits record 6.8 metres', 'Around 4,000 people have been evacuated and three have died after the River Ambry rose to a record 6.8 metres in Kesselford, with soldiers helping rescue teams.', 6)], at(7)),
      // A poll that brings an article another poll of the same moment already brought.
      stories.ingest([item(wire.id, 'flood', 'Three dead as River Ambry floods Kesselford', FLOOD, 0)], at(8)),
    ]);
    assert.equal(inserts, 1, 'one insert for the three polls');
    assert.deepEqual(fromWire!.map((a) => a.guid), ['flood']);
    assert.deepEqual(fromLedger!.map((a) => a.guid), ['bank', 'flood-2']);
    assert.deepEqual(again, [], 'stored once, given to the first');
    assert.ok(fromWire!.every((a) => !('prepared' in a)), 'the text reading is not handed back');
    assert.equal(fromLedger![1]!.storyId, fromWire![0]!.storyId, 'decided in the same write');
    await stories.settled();
    const story = (await repo.getStory(fromWire![0]!.storyId!))!;
    assert.deepEqual([story.articleCount, story.outletCount], [2, 2], 'outlined once settled');
    assert.equal((await repo.getArticle(fromLedger![0]!.id))!.storyId, fromLedger![0]!.storyId);
    await repo.close();
  });

  it('outlines a big story at most every few seconds while it grows, and at once when settled', async () => {
    const { repo, wire, ledger, stories } = await twoOutlets();
    const copy = (i: number): NewArticle => ({
      sourceId: i % 2 ? ledger.id : wire.id, guid: `c${i}`, url: `https://x.example/c${i}`, canonicalUrl: `https://x.example/c${i}`,
      title: 'Three dead as River Ambry floods Kesselford', author: null, summary: FLOOD, contentHtml: null, imageUrl: null,
      section: null, categories: [], publishedAt: at(i / 10), fetchedAt: at(i / 10),
    });
    // 3 × OUTLINE_BIG_STORY articles: outlined again at most every 3 s while it grows.
    const first = await stories.ingest(Array.from({ length: 3 * OUTLINE_BIG_STORY }, (_, i) => copy(i)), at(60));
    await stories.settled();
    const storyId = first[0]!.storyId!;
    assert.ok(first.every((a) => a.storyId === storyId), 'one story');
    const outlined: number[][] = [];
    const save = repo.saveStoryOutlines.bind(repo);
    repo.saveStoryOutlines = (outlines, now) => {
      outlined.push(outlines.map((o) => o.id));
      return save(outlines, now);
    };
    const started = Date.now();
    await stories.ingest([copy(1000)], at(61));
    await new Promise((resolve) => setTimeout(resolve, OUTLINE_REFRESH_MS + 150));
    if (Date.now() - started < 2500) assert.ok(!outlined.flat().includes(storyId), 'not outlined again so soon');
    await stories.settled();
    assert.ok(outlined.flat().includes(storyId), 'outlined once settled');
    assert.equal((await repo.storyArticles(storyId)).length, 3 * OUTLINE_BIG_STORY + 1);
    await repo.close();
  });

  for (const thread of [false, true]) {
    it(`outlines a story it started from the articles it stored, without reading them back${thread ? ' (decided on a thread)' : ''}`, async () => {
      const { repo, wire, ledger, stories } = await twoOutlets(thread);
      const read: number[] = [];
      const outlineArticlesOf = repo.outlineArticlesOf.bind(repo);
      repo.outlineArticlesOf = (ids) => {
        read.push(...ids);
        return outlineArticlesOf(ids);
      };
      const [first] = await stories.ingest([item(wire.id, 'flood', 'Three dead as River Ambry floods Kesselford', FLOOD, 0)], at(1));
      await stories.settled();
      const storyId = first!.storyId!;
      assert.deepEqual(read, [], 'a story this batch started has no other articles: not read');
      assert.equal((await repo.getStory(storyId))!.articleCount, 1);
      const [second] = await stories.ingest([item(ledger.id, 'flood-2', 'Kesselford under water as River Ambry hits record 6.8 metres', 'Around 4,000 people have been evacuated and three have died after the River Ambry rose to a record 6.8 metres in Kesselford, with soldiers helping rescue teams.', 6)], at(7));
      await stories.settled();
      assert.equal(second!.storyId, storyId, 'the same story');
      assert.deepEqual(read, [], 'nor when it grows');
      const story = (await repo.getStory(storyId))!;
      assert.deepEqual([story.articleCount, story.outletCount, story.lastReportedAt], [2, 2, at(6)], 'outlined with the article it stored');
      // Asked from outside (an editor, a source removed): read afresh.
      await stories.refreshOutlines([storyId]);
      assert.deepEqual(read, [storyId]);
      await stories.close();
      await repo.close();
    });
  }
});
