// The engines the contract suites run against: SQLite always, PostgreSQL when
// NEWSROOM_TEST_PG_URL names a server (CI sets it; elsewhere those tests are reported as
// skipped). Every PostgreSQL run gets a schema of its own, dropped afterwards, because test
// files and other people's runs share one database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import pg from 'pg';
import { PostgresRepository } from '../pg/postgres-repository.js';
import { portableQuery } from '../portable.js';
import type { Repository } from '../repository.js';
import { SqliteRepository } from '../sqlite/sqlite-repository.js';

/** A database for one test run: its address (for a whole process to open) and how to remove it. */
export interface TestDatabase {
  /** A SQLite file path or a postgres:// address with its own search_path. */
  address: string;
  drop(): Promise<void>;
}

export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  /** Why the engine's tests are skipped here, or false when they run. */
  skip: string | false;
  /** A fresh, empty database. */
  create(): Promise<TestDatabase>;
  open(address: string): Promise<Repository>;
  /**
   * Raw SQL on the engine's connection, for tests that change rows behind the repository's
   * back (an edit, a delete) to see that the engine follows: `?` placeholders on both.
   */
  sql(repo: Repository, text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Entries in the engine's full-text index. */
  searchIndexSize(repo: Repository): Promise<number>;
}

export const PG_URL = process.env.NEWSROOM_TEST_PG_URL;

export const PG_SKIP = PG_URL ? false : 'PostgreSQL engine: set NEWSROOM_TEST_PG_URL=postgres://… to run these tests (.ci/run does)';

/** The address with `search_path` set to `schema` (libpq's options parameter, which pg reads too). */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function createPgSchema(url: string): Promise<TestDatabase> {
  const schema = `newsroom_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    address: withSchema(url, schema),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export const ENGINES: EngineUnderTest[] = [
  {
    name: 'sqlite',
    skip: false,
    async create() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-contract-'));
      return { address: path.join(dir, 'newsroom.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
    async open(address) {
      return SqliteRepository.open(address);
    },
    sql: (repo, text, params) => portableQuery(repo)(text, params),
    async searchIndexSize(repo) {
      return Number((await this.sql(repo, 'SELECT count(*) AS n FROM articles_fts'))[0]!.n);
    },
  },
  {
    name: 'postgres',
    skip: PG_SKIP,
    create: () => createPgSchema(PG_URL!),
    open: (address) => PostgresRepository.open(address),
    sql: (repo, text, params) => portableQuery(repo)(text, params),
    async searchIndexSize(repo) {
      return Number((await this.sql(repo, 'SELECT count(*) AS n FROM article_search'))[0]!.n);
    },
  },
];

/**
 * A suite for an engine that is not available here: one test reported as skipped, with the
 * reason (a skipped describe alone would show in no count of the run's summary). True when
 * the caller should register nothing else.
 */
export function reportSkipped(name: string, skip: string | false): boolean {
  if (!skip) return false;
  it(name, { skip }, () => {});
  return true;
}
