// Choosing the engine from the configuration: a postgres:// address opens PostgreSQL, a path
// SQLite; anything else given as NEWSROOM_DATABASE_URL is refused with a clear message.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.js';
import { isPostgresUrl } from './address.js';
import { createPgSchema, PG_SKIP, PG_URL } from './contract/engines.js';
import { openRepository } from './open.js';
import { PostgresRepository } from './pg/postgres-repository.js';
import { SqliteRepository } from './sqlite/sqlite-repository.js';

describe('store selection', () => {
  it('reads NEWSROOM_DATABASE_URL over NEWSROOM_DB, and refuses an address that is not PostgreSQL', () => {
    assert.equal(loadConfig({ NEWSROOM_DB: 'x.db', NEWSROOM_DATABASE_URL: 'postgres://u@h/db' }).db, 'postgres://u@h/db');
    assert.equal(loadConfig({ NEWSROOM_DB: 'x.db' }).db, 'x.db');
    assert.throws(() => loadConfig({ NEWSROOM_DATABASE_URL: 'mysql://u@h/db' }), (err: unknown) => err instanceof ConfigError && /postgres:\/\//.test(err.message));
    assert.equal(isPostgresUrl('postgresql://u@h/db'), true);
    assert.equal(isPostgresUrl('./data/postgres.db'), false);
  });

  it('opens SQLite for a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-open-'));
    const repo = await openRepository(path.join(dir, 'a.db'));
    try {
      assert.ok(repo instanceof SqliteRepository);
    } finally {
      await repo.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens PostgreSQL for a postgres:// address, and says why when the server cannot be reached', { skip: PG_SKIP }, async () => {
    const db = await createPgSchema(PG_URL!);
    try {
      const repo = await openRepository(db.address);
      assert.ok(repo instanceof PostgresRepository);
      await repo.close();
    } finally {
      await db.drop();
    }
    await assert.rejects(openRepository('postgres://postgres@127.0.0.1:1/none'), /ECONNREFUSED|connect/);
  });
});
