// SQL that both engines understand, run on whichever one a repository has: `?` placeholders
// (numbered for PostgreSQL here), times passed as ISO strings, flags tested with NOT (SQLite
// reads false/true as 0/1). For the small read-outs and writes of features that live beside
// the Repository (the API's pages, Most Popular), so that each is written once; anything
// engine-specific (search, triggers) stays in the engine's own store.
import type Database from 'better-sqlite3';
import type { Repository } from './repository.js';
import { PostgresRepository } from './pg/postgres-repository.js';
import type { Row } from './rows.js';
import { SqliteRepository } from './sqlite/sqlite-repository.js';

/** Runs one statement; returns its rows (none for a statement without RETURNING). */
export type PortableQuery = (sql: string, params?: unknown[]) => Promise<Row[]>;

export function portableQuery(repo: Repository): PortableQuery {
  if (repo instanceof SqliteRepository) {
    const db = repo.database;
    // Prepared once per text: some of these run on every page a reader opens (a story view).
    const prepared = new Map<string, Database.Statement<unknown[]>>();
    return async (sql, params = []) => {
      let statement = prepared.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[]>(sql);
        if (prepared.size < 200) prepared.set(sql, statement);
      }
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    };
  }
  if (repo instanceof PostgresRepository) {
    const pool = repo.pool;
    return async (sql, params = []) => {
      let n = 0;
      return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as Row[];
    };
  }
  throw new Error('expected a SQLite or PostgreSQL repository');
}
