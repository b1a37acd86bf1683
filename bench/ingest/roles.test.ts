import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from '../ingest.js';
import { missingRoles } from './roles.js';

describe('bench:ingest multi-worker options', () => {
  it('runs the worker roles on SQLite in this build, and says what PostgreSQL lacks when asked for', () => {
    assert.equal(missingRoles('sqlite'), null);
    const pg = missingRoles('postgres');
    // Either the engine is in the build, or the reason names it.
    assert.ok(pg === null || /PostgreSQL engine/.test(pg), String(pg));
  });

  it('reads the worker counts, the stream per run and the Redis address', () => {
    const o = parseArgs(['--articles', '1000', '--workers', '1,2,4', '--worker-articles', '5000', '--redis', 'redis://127.0.0.1:6390']);
    assert.deepEqual([o.articles, o.workers, o.workerArticles, o.redisUrl, o.engine], [1000, [1, 2, 4], 5000, 'redis://127.0.0.1:6390', 'sqlite']);
  });
});
