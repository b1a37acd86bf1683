// What search must do on every engine, as tests: run by search.test.ts against SQLite and
// PostgreSQL alike — the index following edits and deletions, ranking (title above body,
// freshness), grouping by story, hidden stories, the query language, filters, pages and
// marked snippets.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Article, NewArticle, Source } from '../../model.js';
import { openSearch } from '../../search/open.js';
import { freshnessFactor, MAX_CANDIDATES } from '../../search/ranking.js';
import type { SearchService } from '../../search/service.js';
import type { Repository } from '../repository.js';
import { type EngineUnderTest, reportSkipped } from './engines.js';
import { useRepository } from './repository-contract.js';

export const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A repository with three outlets and a way to publish into it (optionally into a story). */
export async function newsroom(repo: Repository) {
  const herald = await repo.addSource({ feedUrl: 'https://herald.example/feed.xml', name: 'The Harbor Herald', section: 'world' }, 15);
  const courier = await repo.addSource({ feedUrl: 'https://courier.example/feed.xml', name: 'Tessmoor Courier', section: 'business' }, 15);
  const gazette = await repo.addSource({ feedUrl: 'https://gazette.example/feed.xml', name: 'Gazette & <Post>', section: 'world' }, 15);
  let n = 0;
  const publish = async (
    source: Source,
    fields: { title: string; summary?: string | null; ago?: number; story?: number; section?: string | null; url?: string },
  ): Promise<Article> => {
    n += 1;
    const at = new Date(NOW.getTime() - (fields.ago ?? HOUR));
    const article: NewArticle = {
      sourceId: source.id, guid: `g${n}`, url: fields.url ?? `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`,
      title: fields.title, author: null, summary: fields.summary ?? null, contentHtml: null, imageUrl: null,
      section: fields.section === undefined ? source.section : fields.section, categories: [], publishedAt: at, fetchedAt: at,
    };
    const [stored] = await repo.insertArticles([article]);
    if (fields.story !== undefined) {
      await repo.ensureStory(fields.story, NOW);
      await repo.setArticleStory(stored!.id, { storyId: fields.story, originalId: null, fingerprint: null, statedOriginal: null });
    }
    return stored!;
  };
  const page = (articleId: number, text: string | null) =>
    repo.saveArticlePage({
      articleId, status: text ? 'ok' : 'empty', detail: null, httpStatus: 200, contentType: 'text/html', html: null, text,
      cleanHtml: null, byline: null, canonicalUrl: null, imageUrl: null, supportUrl: null, fetchedAt: NOW, extractedAt: NOW,
    });
  return { repo, herald, courier, gazette, publish, page };
}

export const ids = (outcome: { hits: Array<{ article: { id: number } }> }) => outcome.hits.map((h) => h.article.id);

export function describeSearchContract(engine: EngineUnderTest): void {
if (reportSkipped(`Search contract: ${engine.name}`, engine.skip)) return;
describe(`Search contract: ${engine.name}`, () => {
  const { repo } = useRepository(engine);
  let site: Awaited<ReturnType<typeof newsroom>>;
  let search: SearchService;
  const find = (q: string, options: Parameters<SearchService['search']>[1] = {}) => search.search(q, { now: NOW, ...options });

  before(async () => {
    site = await newsroom(repo());
    search = openSearch(site.repo);
  });

  it('indexes new articles, and follows edits and deletions of them', async () => {
    const { repo, publish, herald } = site;
    const a = await publish(herald, { title: 'Heron colony returns to the marshes', summary: 'Birdwatchers counted forty nests.' });
    assert.deepEqual(ids(await find('heron')), [a.id]);
    assert.deepEqual(ids(await find('birdwatchers')), [a.id], 'the summary is in the body');

    await engine.sql(repo, 'UPDATE articles SET title = ?, summary = ? WHERE id = ?', ['Egret colony returns', 'Volunteers counted nests.', a.id]);
    assert.deepEqual(ids(await find('heron')), []);
    assert.deepEqual(ids(await find('birdwatchers')), []);
    assert.deepEqual(ids(await find('egret volunteers')), [a.id]);

    await engine.sql(repo, 'DELETE FROM articles WHERE id = ?', [a.id]);
    assert.deepEqual(ids(await find('egret')), []);
    assert.equal(await engine.searchIndexSize(repo), (await repo.counts()).articles, 'one index entry per article');
  });

  it('adds the page text once extraction saves it, and follows it when extracted again or removed', async () => {
    const { repo, publish, page, courier } = site;
    const a = await publish(courier, { title: 'Quarterly results from Tessmoor Mills', summary: 'Revenue rose.' });
    assert.deepEqual(ids(await find('xylophone')), []);
    await page(a.id, 'The chairman, a keen xylophone player, thanked the staff.');
    const found = await find('xylophone');
    assert.deepEqual(ids(found), [a.id]);
    assert.match(found.hits[0]!.article.snippet, /\u0002xylophone\u0003/);
    assert.deepEqual(ids(await find('revenue')), [a.id], 'the summary stays beside the page text');

    await page(a.id, 'The chairman, a keen accordion player, thanked the staff.');
    assert.deepEqual(ids(await find('xylophone')), []);
    assert.deepEqual(ids(await find('accordion')), [a.id]);

    await engine.sql(repo, 'DELETE FROM article_pages WHERE article_id = ?', [a.id]);
    assert.deepEqual(ids(await find('accordion')), []);
    assert.deepEqual(ids(await find('revenue')), [a.id]);
  });

  it('forgets the articles of a removed source (deleted by cascade), page text and all', async () => {
    const { repo, publish, page } = site;
    const temporary = await repo.addSource({ feedUrl: 'https://gone.example/feed.xml', name: 'Gone Weekly' }, 15);
    const a = await publish(temporary, { title: 'Walrus sighted off Gone Point' });
    await page(a.id, 'A walrus was seen resting on the rocks.');
    assert.deepEqual(ids(await find('walrus')), [a.id]);
    const before = await engine.searchIndexSize(repo);
    await repo.removeSource(temporary.id);
    assert.deepEqual(ids(await find('walrus')), []);
    assert.equal(await engine.searchIndexSize(repo), before - 1, 'its index entry went with it');
  });

  it('ranks a match in the headline above the same match in the body', async () => {
    const { publish, herald, courier } = site;
    const body = await publish(herald, { title: 'Coastal weather service update', summary: 'Zephyr winds are expected along the coast tonight.' });
    const title = await publish(courier, { title: 'Zephyr winds expected along the coast', summary: 'The weather service issued an update tonight.' });
    assert.deepEqual(ids(await find('zephyr')), [title.id, body.id]);
  });

  it('ranks the newer of two equally relevant articles first, by the documented decay', async () => {
    const { publish, herald, courier } = site;
    const text = { title: 'Quokka census counts record numbers', summary: 'Rangers counted the quokkas on the island.' };
    const old = await publish(herald, { ...text, ago: 30 * DAY });
    const fresh = await publish(courier, { ...text, ago: 1 * DAY });
    const found = await find('quokka');
    assert.deepEqual(ids(found), [fresh.id, old.id]);
    const [a, b] = found.hits.map((h) => h.score) as [number, number];
    assert.ok(Math.abs(a / b - freshnessFactor(1) / freshnessFactor(30)) < 1e-6, `${a / b}`);
    assert.ok(freshnessFactor(7) > 0.7 && freshnessFactor(7) < 0.71);
  });

  it('shows one result per story, its best article, with the number of other matching articles', async () => {
    const { publish, herald, courier, gazette } = site;
    const copies = [];
    for (let i = 0; i < 6; i++) {
      copies.push(await publish([herald, courier, gazette][i % 3]!, {
        title: `Portvale dock strike, report ${i}`, summary: 'Dock workers in Portvale stayed out as talks stalled.', story: 101, ago: (i + 2) * HOUR,
      }));
    }
    const best = await publish(herald, { title: 'Portvale strike: Portvale docks shut', summary: 'Portvale port is closed.', story: 101, ago: HOUR });
    await site.repo.renameStory(101, 'Portvale dock strike');
    const other = await publish(courier, { title: 'Ferry timetable changes', summary: 'Ferries to Portvale run late.', story: 102, ago: HOUR });
    const loose = await publish(gazette, { title: 'Letters', summary: 'A reader from Portvale writes.', ago: 2 * HOUR });

    const found = await find('portvale');
    assert.equal(found.total, 3);
    assert.equal(ids(found)[0], best.id, 'the story ranks by its best article');
    assert.deepEqual(new Set(ids(found).slice(1)), new Set([other.id, loose.id]));
    assert.deepEqual(found.hits[0]!.story, { id: 101, title: 'Portvale dock strike' });
    assert.equal(found.hits[0]!.moreInStory, copies.length);
    assert.equal(found.hits.find((h) => h.article.id === other.id)!.moreInStory, 0);
    assert.equal(found.hits.find((h) => h.article.id === loose.id)!.story, null, 'an article not yet in a story stands alone');
  });

  it('leaves out the stories editors hid', async () => {
    const { publish, repo, herald } = site;
    const a = await publish(herald, { title: 'Narwhal rumour denied', story: 103 });
    assert.deepEqual(ids(await find('narwhal')), [a.id]);
    await repo.setStoryFlags(103, { hidden: true });
    assert.deepEqual(ids(await find('narwhal')), []);
  });

  it('finds exact phrases, prefixes, and leaves out exclusions, accents folded', async () => {
    const { publish, herald, courier } = site;
    const phrase = await publish(herald, { title: 'Third day of the lighthouse vigil', summary: 'Keepers held a vigil.' });
    const words = await publish(courier, { title: 'Day three: a third lighthouse closes', summary: 'Budget cuts.' });
    const accent = await publish(courier, { title: 'Lighthouse café reopens in Zürich', summary: 'Coffee again.' });
    assert.deepEqual(ids(await find('"third day" lighthouse')), [phrase.id]);
    assert.deepEqual(new Set(ids(await find('third day lighthouse'))), new Set([phrase.id, words.id]));
    assert.deepEqual(new Set(ids(await find('lightho*'))), new Set([phrase.id, words.id, accent.id]));
    assert.deepEqual(new Set(ids(await find('lighthouse -vigil'))), new Set([words.id, accent.id]));
    assert.deepEqual(new Set(ids(await find('lighthouse -"third lighthouse" -cafe'))), new Set([phrase.id]));
    assert.deepEqual(ids(await find('CAFE zurich')), [accent.id]);
  });

  it('answers hostile and broken queries with results or nothing, never an error', async () => {
    const { publish, herald } = site;
    const a = await publish(herald, { title: 'Title: OR NOT near the AND gate', summary: 'x' });
    for (const q of ['title:x OR', '"unbalanced', 'NEAR(a b)', 'a AND OR NOT', '*', 'col:*', '^x', `'); DROP TABLE articles; --`, '!!!', '"', '-', '- -x']) {
      const found = await find(q);
      assert.ok(Array.isArray(found.hits), q);
    }
    assert.deepEqual(ids(await find('title: or not near and gate')), [a.id]);
    const punctuation = await find('?!.,;:');
    assert.equal(punctuation.searched, false);
    assert.equal(punctuation.total, 0);
    assert.ok((await site.repo.counts()).articles > 0);
  });

  it('filters by section, outlet and date range', async () => {
    const { publish, herald, courier, gazette } = site;
    const h = await publish(herald, { title: 'Meerkat exhibit opens', ago: 5 * DAY });
    const c = await publish(courier, { title: 'Meerkat plush toys sell out', ago: 2 * DAY });
    const g = await publish(gazette, { title: 'Meerkat keeper retires', ago: 12 * HOUR, section: null });
    const all = new Set([h.id, c.id, g.id]);
    assert.deepEqual(new Set(ids(await find('meerkat'))), all);
    assert.deepEqual(ids(await find('meerkat', { filters: { section: 'business' } })), [c.id]);
    assert.deepEqual(ids(await find('meerkat', { filters: { section: 'world' } })), [h.id]);
    assert.deepEqual(ids(await find('meerkat', { filters: { sourceId: gazette.id } })), [g.id]);
    const day = (ago: number) => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()) - ago * DAY);
    assert.deepEqual(new Set(ids(await find('meerkat', { filters: { from: day(2) } }))), new Set([c.id, g.id]));
    assert.deepEqual(ids(await find('meerkat', { filters: { from: day(2), before: day(0) } })), [c.id]);
    assert.deepEqual(ids(await find('meerkat', { filters: { before: day(4) } })), [h.id]);
  });

  it('pages through results, 20 at a time, with the total on every page', async () => {
    const { publish, herald } = site;
    for (let i = 0; i < 45; i++) await publish(herald, { title: `Albatross sighting number ${i}`, ago: (i + 1) * HOUR });
    const pages = await Promise.all([1, 2, 3, 4].map((page) => find('albatross', { page })));
    assert.deepEqual(pages.map((p) => p.hits.length), [20, 20, 5, 0]);
    assert.deepEqual(pages.map((p) => p.total), [45, 45, 45, 45]);
    assert.deepEqual(pages.map((p) => p.hasNext), [true, true, false, false]);
    const seen = pages.flatMap(ids);
    assert.equal(new Set(seen).size, 45, 'no result twice');
    assert.equal(pages[0]!.capped, false);
    assert.ok(MAX_CANDIDATES >= 1000);
  });

  it('marks the matched words in the snippet and the title, with marker characters from the text removed', async () => {
    const { publish, page, gazette } = site;
    const a = await publish(gazette, { title: 'Marmot \u0002escapes\u0003 <zoo>', summary: '<script>alert(1)</script> The marmot & friends.' });
    await page(a.id, 'Keepers say the marmot dug under the fence.');
    const [hit] = (await find('marmot')).hits;
    assert.equal(hit!.article.markedTitle, '\u0002Marmot\u0003  escapes  <zoo>');
    assert.match(hit!.article.snippet, /<script>alert\(1\)<\/script> The \u0002marmot\u0003 & friends\.\s+Keepers say the \u0002marmot\u0003 dug/);
  });
});
}
