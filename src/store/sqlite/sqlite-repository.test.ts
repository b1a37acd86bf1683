import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import type { NewArticle } from '../../model.js';
import { canReserve } from '../repository.js';
import { SqliteRepository } from './sqlite-repository.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// What every engine must do is in ../contract/; this is what only SQLite does.
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

  it('re-opening applies no migration twice', async () => {
    const again = SqliteRepository.open(file);
    try {
      assert.equal(again.schemaVersion(), repo.schemaVersion());
    } finally {
      await again.close();
    }
  });
});

describe('SqliteRepository: articles reserved before they are stored (the threaded stories stage)', () => {
  const article = (sourceId: number, n: number): NewArticle => ({
    sourceId, guid: `r${n}`, url: `https://reserve.example/${n}`, canonicalUrl: `https://reserve.example/${n}`, title: `Article ${n}`,
    author: null, summary: 'text', contentHtml: null, imageUrl: null, section: null, categories: [],
    publishedAt: new Date(Date.UTC(2026, 10, 1, 0, n)), fetchedAt: new Date(Date.UTC(2026, 10, 1, 0, n)),
  });

  it('gives ids in order, never the same article twice while in flight, and stores them with their decisions', async () => {
    const repo = SqliteRepository.open(':memory:');
    try {
      assert.ok(canReserve(repo));
      const source = await repo.addSource({ feedUrl: 'https://reserve.example/feed', name: 'Reserve' }, 15);
      const [stored] = await repo.insertArticles([article(source.id, 1)]);
      const first = repo.reserveArticles([article(source.id, 1), article(source.id, 2), article(source.id, 3), article(source.id, 2)]);
      assert.deepEqual(first.map((a) => [a.guid, a.id]), [['r2', stored!.id + 1], ['r3', stored!.id + 2]], 'the stored one and the repeat left out');
      const second = repo.reserveArticles([article(source.id, 3), article(source.id, 4)]);
      assert.deepEqual(second.map((a) => [a.guid, a.id]), [['r4', stored!.id + 3]], 'one in flight is not reserved again; ids follow on');
      // The stories the stage decided, the second article a copy of the first.
      const decisions = [
        { articleId: first[0]!.id, storyId: 7, originalId: null, fingerprint: null, statedOriginal: null },
        { articleId: first[1]!.id, storyId: 7, originalId: first[0]!.id, fingerprint: null, statedOriginal: null },
      ];
      // Story 5, the stored article's, turned out to be one with 7.
      await repo.saveStoryDecisions({ decisions: [{ articleId: stored!.id, storyId: 5, originalId: null, fingerprint: null, statedOriginal: null }], merges: [] }, new Date());
      assert.deepEqual(repo.insertReserved(first, { decisions, merges: [{ from: 5, into: 7 }] }).map((a) => [a.storyId, a.originalId]), [[7, null], [7, first[0]!.id]]);
      assert.equal((await repo.getArticle(first[1]!.id))!.originalId, first[0]!.id);
      assert.deepEqual((await repo.storyArticles(7)).map((a) => a.guid), ['r1', 'r2', 'r3']);
      assert.equal(repo.reserveArticles([article(source.id, 3)]).length, 0, 'stored now');
      // Given back unstored: it can be reserved again, under a new id.
      repo.releaseReserved(second);
      const third = repo.reserveArticles([article(source.id, 4)]);
      assert.deepEqual(third.map((a) => a.guid), ['r4']);
      assert.ok(third[0]!.id > second[0]!.id);
    } finally {
      await repo.close();
    }
  });

  it('indexes new articles for search with the very text the search view gives them, in all three inserts', async () => {
    const repo = SqliteRepository.open(':memory:');
    try {
      const source = await repo.addSource({ feedUrl: 'https://index.example/feed', name: 'Index' }, 15);
      const odd = (n: number, title: string, summary: string | null): NewArticle => ({ ...article(source.id, n), title, summary });
      const cases = [
        odd(11, 'Marker \u0002in\u0003 a title', ' \t\r\n Leading and trailing space \t\r\n'),
        odd(12, 'No summary', null),
        odd(13, 'Empty summary', ''),
        odd(14, 'Markers at the edges', '\u0002Édition spéciale — «cités» 東京\u0003'),
        odd(15, 'Inner lines kept', 'First line\r\n\r\nSecond line\u00a0'),
        odd(16, 'Only space', ' \n\t '),
      ];
      await repo.insertArticles(cases.slice(0, 2));
      const decide = (stored: Array<{ id: number }>) => ({ decisions: stored.map((a) => ({ articleId: a.id, storyId: 1, originalId: null, fingerprint: null, statedOriginal: null })), merges: [] });
      await repo.insertArticles(cases.slice(2, 4), decide);
      const reserved = repo.reserveArticles(cases.slice(4));
      repo.insertReserved(reserved, decide(reserved));
      const indexed = repo.database.prepare('SELECT rowid AS id, title, body FROM articles_fts ORDER BY rowid').all();
      const viewed = repo.database.prepare('SELECT id, title, body FROM article_search_text ORDER BY id').all();
      assert.equal(indexed.length, cases.length);
      assert.deepEqual(indexed, viewed);
    } finally {
      await repo.close();
    }
  });

  it('stores nothing of a reserved batch when another writer took one of its ids meanwhile', async () => {
    const repo = SqliteRepository.open(':memory:');
    try {
      const source = await repo.addSource({ feedUrl: 'https://reserve.example/feed', name: 'Reserve' }, 15);
      const reserved = repo.reserveArticles([article(source.id, 1), article(source.id, 2)]);
      // A writer that does not reserve (an insert without decisions) takes the next free id.
      const [other] = await repo.insertArticles([article(source.id, 9)]);
      assert.equal(other!.id, reserved[0]!.id);
      const decisions = reserved.map((a) => ({ articleId: a.id, storyId: 1, originalId: null, fingerprint: null, statedOriginal: null }));
      assert.throws(() => repo.insertReserved(reserved, { decisions, merges: [] }), /another writer/);
      assert.equal((await repo.counts()).articles, 1, 'none of the batch stored');
      assert.equal(repo.reserveArticles([article(source.id, 2)]).length, 1, 'given back: reservable again');
    } finally {
      await repo.close();
    }
  });
});
