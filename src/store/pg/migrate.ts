// Applies the PostgreSQL migrations not applied yet, each in its own transaction, under an
// advisory lock: two processes starting together (web and worker, or two machines) take
// turns, and the second finds the work done.
import type pg from 'pg';
import { PG_MIGRATIONS } from './migrations.js';

export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await ensureSchema(client);
    // Keyed by schema: separate installations (or test runs) in one database do not wait on each other.
    await client.query(`SELECT pg_advisory_lock(hashtext('newsroom.migrations.' || current_schema()))`);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
      );
      const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r: { version: number }) => Number(r.version)));
      for (const migration of PG_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${migration.version} (${migration.name}) failed: ${(err as Error).message}`, { cause: err });
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('newsroom.migrations.' || current_schema()))`);
    }
  } finally {
    client.release();
  }
}

/**
 * A search_path naming a schema that does not exist yet (`?options=-c search_path=newsroom`)
 * would leave nowhere to create tables: the first schema named is created.
 */
async function ensureSchema(client: pg.PoolClient): Promise<void> {
  const current = (await client.query('SELECT current_schema() AS s')).rows[0] as { s: string | null };
  if (current.s !== null) return;
  const path = String(((await client.query('SHOW search_path')).rows[0] as { search_path: string }).search_path);
  const first = path.split(',')[0]!.trim().replace(/^"(.*)"$/, '$1');
  if (!first || first === '$user') throw new Error(`search_path "${path}" names no schema to create the tables in`);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${first.replaceAll('"', '""')}"`);
  } catch (err) {
    // Another process created it at the same moment: that is all we wanted.
    if ((err as { code?: string }).code !== '23505') throw err;
  }
}
