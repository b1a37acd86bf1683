// Search over a repository: its store and service, one per repository.
import type { Repository } from '../store/repository.js';
import { PostgresRepository } from '../store/pg/postgres-repository.js';
import { PostgresSearchStore } from '../store/pg/search-store.js';
import { SqliteSearchStore } from '../store/sqlite/search-store.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { SearchService } from './service.js';
import type { SearchStore } from './store.js';

const opened = new WeakMap<Repository, SearchService>();

export function searchStoreFor(repo: Repository): SearchStore {
  if (repo instanceof SqliteRepository) return new SqliteSearchStore(repo.database);
  if (repo instanceof PostgresRepository) return new PostgresSearchStore(repo.pool);
  throw new Error('search needs a SQLite or PostgreSQL repository');
}

export function openSearch(repo: Repository): SearchService {
  let service = opened.get(repo);
  if (!service) {
    service = new SearchService(searchStoreFor(repo));
    opened.set(repo, service);
  }
  return service;
}
