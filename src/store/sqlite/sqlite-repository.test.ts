import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
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
