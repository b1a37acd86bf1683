// Chooses the storage engine from the configured database address: postgres:// (or
// postgresql://) opens PostgreSQL, anything else is a SQLite file (docs/decisions/
// 0005-two-storage-engines.md).
import { isPostgresUrl } from './address.js';
import { PostgresRepository } from './pg/postgres-repository.js';
import type { Repository } from './repository.js';
import { SqliteRepository } from './sqlite/sqlite-repository.js';

export async function openRepository(db: string): Promise<Repository> {
  if (isPostgresUrl(db)) return PostgresRepository.open(db);
  return SqliteRepository.open(db);
}

/**
 * For a process that writes steadily (the ingest pipeline): SQLite checkpoints its log on a
 * thread of its own instead of in the middle of a commit (sqlite/checkpointer.ts).
 * PostgreSQL checkpoints in its own server processes already.
 */
export function prepareForSteadyWrites(repo: Repository): void {
  if (repo instanceof SqliteRepository) repo.checkpointInBackground();
}
