// What the search stage asks of storage (store/sqlite/search-store.ts and
// store/pg/search-store.ts implement it).
import type { ParsedQuery } from './query.js';

/** Around the matched words in snippets and highlighted titles; stripped from the indexed text. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export interface SearchFilters {
  /** Section slug. */
  section?: string | undefined;
  /** The outlet (source id). */
  sourceId?: number | undefined;
  /** Published at or after. */
  from?: Date | undefined;
  /** Published strictly before. */
  before?: Date | undefined;
}

export interface SearchRequest {
  /** An FTS5 MATCH expression, built by query.ts: never the user's text. */
  match: string;
  /** The parsed query it was built from, for engines that speak another query language (PostgreSQL's tsquery). */
  query: ParsedQuery;
  filters: SearchFilters;
  /** Results (stories) to skip and to return. */
  offset: number;
  limit: number;
  /** Ages are measured from here. */
  now: Date;
}

export interface SearchHit {
  /** The story's best-matching article. */
  article: {
    id: number;
    title: string;
    /** The title with matches between MARK_START and MARK_END. */
    markedTitle: string;
    url: string;
    sourceId: number;
    outlet: string;
    section: string | null;
    publishedAt: Date;
    /** Words around the best match in the body, matches between MARK_START and MARK_END. */
    snippet: string;
  };
  /** Null for an article not yet placed in a story. */
  story: { id: number; title: string } | null;
  /** Other articles of the same story that match too. */
  moreInStory: number;
  score: number;
}

export interface SearchResults {
  /** Stories (and articles without one) that match. */
  total: number;
  /** More matches than MAX_CANDIDATES: the total is a lower bound, the oldest were left out. */
  capped: boolean;
  hits: SearchHit[];
}

export interface SearchStore {
  search(request: SearchRequest): Promise<SearchResults>;
}
