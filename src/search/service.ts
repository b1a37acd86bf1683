// Search as the site uses it: the user's text parsed (query.ts), the store asked for one page
// of stories. A query with nothing to look for never reaches the store.
import { matchExpression, type ParsedQuery, parseQuery } from './query.js';
import type { SearchFilters, SearchHit, SearchStore } from './store.js';

export const PAGE_SIZE = 20;
/** Deep pages cost as much as the first and nobody reads them; 50 × 20 results is plenty. */
export const MAX_PAGE = 50;

export interface SearchOptions {
  filters?: SearchFilters;
  /** From 1. */
  page?: number;
  pageSize?: number;
  now?: Date;
}

export interface SearchOutcome {
  query: ParsedQuery;
  /** False when the text had no word to look for (empty, punctuation, only exclusions). */
  searched: boolean;
  total: number;
  capped: boolean;
  hits: SearchHit[];
  page: number;
  hasNext: boolean;
}

export class SearchService {
  constructor(private readonly store: SearchStore) {}

  async search(text: string, options: SearchOptions = {}): Promise<SearchOutcome> {
    const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), MAX_PAGE);
    const pageSize = options.pageSize ?? PAGE_SIZE;
    const query = parseQuery(text);
    const match = matchExpression(query);
    if (match === null) return { query, searched: false, total: 0, capped: false, hits: [], page, hasNext: false };
    const results = await this.store.search({
      match, query, filters: options.filters ?? {}, offset: (page - 1) * pageSize, limit: pageSize, now: options.now ?? new Date(),
    });
    return { query, searched: true, ...results, page, hasNext: page < MAX_PAGE && page * pageSize < results.total };
  }
}
