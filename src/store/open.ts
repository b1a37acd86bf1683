// Chooses the storage engine from the configuration. SQLite is the only engine so far;
// PostgreSQL will be chosen here by a postgres:// address.
import type { Repository } from './repository.js';
import { SqliteRepository } from './sqlite/sqlite-repository.js';

export function openRepository(db: string): Repository {
  return SqliteRepository.open(db);
}
