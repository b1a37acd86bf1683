import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { NewArticle } from '../../model.js';
import { DuplicateSourceError } from '../repository.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteRepository } from './sqlite-repository.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function article(sourceId: number, n: number, overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    sourceId, guid: `g${n}`, url: `https://a.example/${n}`, canonicalUrl: `https://a.example/${n}`, title: `Article ${n}`,
    author: null, summary: `Summary ${n}`, contentHtml: null, imageUrl: null, section: 'world', categories: ['World'],
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, n)), fetchedAt: new Date(), ...overrides,
  };
}

describe('SqliteRepository', () => {
  let repo: SqliteRepository;
  const file = path.join(dir, 'sub', 'newsroom.db');
  before(() => {
    repo = SqliteRepository.open(file);
  });
  after(() => repo.close());

  it('creates the file in WAL mode with every migration applied', () => {
    assert.ok(fs.existsSync(file));
    assert.equal(repo.schemaVersion(), MIGRATIONS[MIGRATIONS.length - 1]!.version);
    const raw = new Database(file, { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
      for (const t of ['sources', 'articles', 'stories', 'sections']) assert.ok(tables.includes(t), `table ${t}`);
    } finally {
      raw.close();
    }
  });

  it('re-opening runs no migration twice and keeps the data', async () => {
    const source = await repo.addSource({ feedUrl: 'https://keep.example/feed', name: 'Keep' }, 15);
    const again = SqliteRepository.open(file);
    try {
      assert.equal((await again.getSource(source.id))?.name, 'Keep');
      assert.equal(again.schemaVersion(), repo.schemaVersion());
    } finally {
      await again.close();
    }
  });

  it('refuses a second source with the same feed URL', async () => {
    await repo.addSource({ feedUrl: 'https://dup.example/feed', name: 'Dup' }, 15);
    await assert.rejects(repo.addSource({ feedUrl: 'https://dup.example/feed', name: 'Dup 2' }, 15), DuplicateSourceError);
  });

  it('stores articles idempotently by canonical URL and by (source, guid)', async () => {
    const source = await repo.addSource({ feedUrl: 'https://idem.example/feed', name: 'Idem' }, 15);
    const first = await repo.insertArticles([article(source.id, 1), article(source.id, 2)]);
    assert.equal(first.length, 2);
    const again = await repo.insertArticles([
      article(source.id, 1),
      article(source.id, 2, { guid: 'other-guid' }), // same canonical URL
      article(source.id, 3, { guid: 'g1', canonicalUrl: 'https://a.example/other' }), // same guid
    ]);
    assert.equal(again.length, 0);
    const latest = await repo.latestArticles({ sourceId: source.id, limit: 10 });
    assert.deepEqual(latest.map((a) => a.title), ['Article 2', 'Article 1']);
    assert.equal(latest[0]!.sourceName, 'Idem');
  });

  it('tells which feed items are stored by the same keys the insert skips on', async () => {
    const source = await repo.addSource({ feedUrl: 'https://keys.example/feed', name: 'Keys' }, 15);
    const other = await repo.addSource({ feedUrl: 'https://keys-other.example/feed', name: 'Keys other' }, 15);
    await repo.insertArticles([article(source.id, 60, { canonicalUrl: 'https://keys.example/60' })]);
    const keys = [
      { guid: 'g60', canonicalUrl: 'https://keys.example/60' }, // stored
      { guid: 'new-guid', canonicalUrl: 'https://keys.example/60' }, // same canonical URL
      { guid: 'g60', canonicalUrl: 'https://keys.example/moved' }, // same guid, same source
      { guid: 'g61', canonicalUrl: 'https://keys.example/61' }, // new
    ];
    assert.deepEqual(await repo.storedArticleKeys(source.id, keys), [true, true, true, false]);
    // A guid is a source's own: another source's item with that guid is new unless its URL is known.
    assert.deepEqual(await repo.storedArticleKeys(other.id, keys), [true, true, false, false]);
    // Exactly what the insert does with the same items.
    const inserted = await repo.insertArticles(
      keys.map((k, i) => article(source.id, 70 + i, { guid: k.guid, canonicalUrl: k.canonicalUrl })),
    );
    assert.deepEqual(inserted.map((a) => a.canonicalUrl), ['https://keys.example/61']);
  });

  it("reads a story's articles in date order from an index, without sorting them", () => {
    const raw = new Database(file, { readonly: true });
    try {
      const plan = raw
        .prepare('EXPLAIN QUERY PLAN SELECT id, title FROM articles WHERE story_id = ? ORDER BY published_at, id LIMIT 2000')
        .all(1)
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
      assert.match(plan, /articles_story_order/);
      assert.doesNotMatch(plan, /TEMP B-TREE/);
    } finally {
      raw.close();
    }
  });

  it('pages through articles newest first with a keyset cursor', async () => {
    const source = await repo.addSource({ feedUrl: 'https://page.example/feed', name: 'Pages' }, 15);
    await repo.insertArticles([10, 11, 12, 13, 14].map((n) => article(source.id, n, { canonicalUrl: `https://page.example/${n}`, section: 'science' })));
    const page1 = await repo.latestArticles({ section: 'science', limit: 2 });
    const last = page1[page1.length - 1]!;
    const page2 = await repo.latestArticles({ section: 'science', limit: 2, before: { publishedAt: last.publishedAt, id: last.id } });
    assert.deepEqual([...page1, ...page2].map((a) => a.title), ['Article 14', 'Article 13', 'Article 12', 'Article 11']);
  });

  it('finds due sources and records fetch state', async () => {
    const source = await repo.addSource({ feedUrl: 'https://due.example/feed', name: 'Due' }, 15);
    const due = await repo.dueSources(new Date(Date.now() + 1000), 100);
    assert.ok(due.some((s) => s.id === source.id), 'a new source is due at once');
    const next = new Date(Date.now() + 3600_000);
    await repo.recordFetch(source.id, {
      etag: '"abc"', lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT', lastFetchAt: new Date(), lastOutcome: 'error',
      lastHttpStatus: 500, lastError: 'HTTP 500', errorCount: 3, nextFetchAt: next,
    });
    const stored = (await repo.getSource(source.id))!;
    assert.equal(stored.lastError, 'HTTP 500');
    assert.equal(stored.errorCount, 3);
    assert.equal(stored.etag, '"abc"');
    assert.equal(stored.nextFetchAt.toISOString(), next.toISOString());
    assert.ok(!(await repo.dueSources(new Date(), 100)).some((s) => s.id === source.id));
  });

  it('creates a section on demand and finds existing ones by name or slug', async () => {
    assert.equal((await repo.ensureSection('World')).slug, 'world');
    assert.equal((await repo.ensureSection('technology')).name, 'Technology');
    const climate = await repo.ensureSection('Climate & Energy');
    assert.equal(climate.slug, 'climate-energy');
    assert.ok((await repo.listSections()).some((s) => s.slug === 'climate-energy'));
  });

  it('removing a source removes its articles', async () => {
    const source = await repo.addSource({ feedUrl: 'https://gone.example/feed', name: 'Gone' }, 15);
    await repo.insertArticles([article(source.id, 40, { canonicalUrl: 'https://gone.example/40' })]);
    assert.equal(await repo.removeSource(source.id), true);
    assert.equal((await repo.latestArticles({ sourceId: source.id, limit: 5 })).length, 0);
    assert.equal(await repo.removeSource(source.id), false);
  });

  it('stores a batch of story decisions, citations and outlines, and deletes only candidate stories left empty', async () => {
    const source = await repo.addSource({ feedUrl: 'https://batch.example/feed', name: 'Batch' }, 15);
    const [a, b, c] = await repo.insertArticles([50, 51, 52].map((n) => article(source.id, n, { canonicalUrl: `https://batch.example/${n}` })));
    const now = new Date(Date.UTC(2026, 0, 2));
    const base = (await repo.maxStoryId()) + 1;
    await repo.saveStoryDecisions(
      [
        { articleId: a!.id, storyId: base, originalId: null, fingerprint: 'f1', statedOriginal: null, citations: [{ outlet: 'Reuters', phrase: 'told Reuters' }] },
        { articleId: b!.id, storyId: base, originalId: a!.id, fingerprint: 'f2', statedOriginal: 'Batch', citations: [] },
        { articleId: c!.id, storyId: base + 1, originalId: null, fingerprint: null, statedOriginal: null },
        // A later decision about the same article wins; without citations they are left alone.
        { articleId: a!.id, storyId: base, originalId: null, fingerprint: 'f1b', statedOriginal: null },
      ],
      now,
    );
    const [sa, sb] = [(await repo.getArticle(a!.id))!, (await repo.getArticle(b!.id))!];
    assert.deepEqual([sa.storyId, sa.fingerprint, sb.storyId, sb.originalId, sb.statedOriginal], [base, 'f1b', base, a!.id, 'Batch']);
    assert.deepEqual((await repo.storyCitations(base)).map((x) => [x.articleId, x.outlet]), [[a!.id, 'Reuters']]);
    assert.ok(await repo.getStory(base + 1));

    const outline = await repo.storyOutlineArticles(base);
    assert.deepEqual(outline.map((x) => [x.id, x.title, x.originalId]), [[a!.id, 'Article 50', null], [b!.id, 'Article 51', a!.id]]);
    assert.deepEqual(outline.map((x) => x.id), (await repo.storyArticles(base)).map((x) => x.id));

    await repo.saveStoryOutlines(
      [base, base + 1].map((id) => ({
        id, autoTitle: `Story ${id}`, summary: null, imageUrl: null, section: 'world', leadArticleId: null, firstArticleId: null,
        firstReportedAt: null, lastReportedAt: now, articleCount: 1, outletCount: 1,
      })),
      now,
    );
    assert.equal((await repo.getStory(base + 1))!.title, `Story ${base + 1}`);

    // Story base+1 loses its article: only a check among candidates that include it deletes it.
    await repo.setArticleStory(c!.id, { storyId: base, originalId: null, fingerprint: null, statedOriginal: null });
    assert.equal(await repo.deleteEmptyStories([base]), 0);
    assert.ok(await repo.getStory(base + 1));
    assert.equal(await repo.deleteEmptyStories([base, base + 1]), 1);
    assert.equal(await repo.getStory(base + 1), null);
    assert.ok(await repo.getStory(base));
  });
});
