// Search over a repository: its store and service, one per repository.
import type { Repository } from '../store/repository.js';
import { SqliteSearchStore } from '../store/sqlite/search-store.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { SearchService } from './service.js';
import type { SearchStore } from './store.js';

const opened = new WeakMap<Repository, SearchService>();

export function searchStoreFor(repo: Repository): SearchStore {
  if (repo instanceof SqliteRepository) return new SqliteSearchStore(repo.database);
  throw new Error('search is implemented with the SQLite engine only so far');
}

export function openSearch(repo: Repository): SearchService {
  let service = opened.get(repo);
  if (!service) {
    service = new SearchService(searchStoreFor(repo));
    opened.set(repo, service);
  }
  return service;
}
