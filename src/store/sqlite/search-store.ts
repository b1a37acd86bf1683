// SQL of search: the FTS5 index of migrations/006-search.ts, ranked, filtered, grouped by
// story and paged in the engine (see src/search/ranking.ts for the formula). Shares the
// repository's connection.
import type Database from 'better-sqlite3';
import { BODY_WEIGHT, FRESHNESS_DAYS, FRESHNESS_EXPONENT, MAX_CANDIDATES, pageOfStories, TITLE_WEIGHT } from '../../search/ranking.js';
import type { SearchHit, SearchRequest, SearchResults, SearchStore } from '../../search/store.js';

type Row = Record<string, unknown>;

/** Words of body text around the best match in a snippet (FTS5 allows up to 64). */
const SNIPPET_WORDS = 32;

// Matching articles (filters applied, hidden stories left out), newest first up to the cap,
// each scored; then one per story, its best; then the page. MATCH runs on the index and every
// match is looked up by id in a narrow covering index (migration 008), so the cost grows with
// the matches (at most MAX_CANDIDATES), not with the archive. Hidden stories are read once,
// as a list, from their partial index.
const rankedSql = (filters: string) => `
  WITH candidates AS (
    SELECT a.id, a.story_id, a.published_at, bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS bm
    FROM articles_fts
    JOIN articles a INDEXED BY articles_search_cover ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH @match ${filters}
      AND (a.story_id IS NULL OR a.story_id NOT IN (SELECT id FROM stories WHERE hidden = 1))
    ORDER BY articles_fts.rowid DESC
    LIMIT ${MAX_CANDIDATES}
  ),
  scored AS (
    SELECT id, story_id, published_at, COALESCE(story_id, -id) AS grp,
      -bm * pow(1 + max(0, julianday(@now) - julianday(published_at)) / ${FRESHNESS_DAYS}, -${FRESHNESS_EXPONENT}) AS score
    FROM candidates
  ),
  ${pageOfStories('@limit', '@offset')}`;

// One shown article's fields with its marked title and snippet (snippet() and highlight() need
// the MATCH, so this runs per article, found by rowid). The id is cast because better-sqlite3
// binds every JS number as a REAL, and FTS5 (3.53) then ignores "rowid = ?" beside a MATCH and
// returns every match.
const DETAILS_SQL = `
  SELECT a.id, a.title, a.url, a.source_id, a.section, a.published_at, a.story_id, s.name AS outlet,
    COALESCE(NULLIF(st.editor_title, ''), NULLIF(st.title, ''), a.title) AS story_title,
    highlight(articles_fts, 0, char(2), char(3)) AS marked_title,
    snippet(articles_fts, 1, char(2), char(3), '…', ${SNIPPET_WORDS}) AS snippet
  FROM articles_fts
  JOIN articles a ON a.id = articles_fts.rowid
  JOIN sources s ON s.id = a.source_id
  LEFT JOIN stories st ON st.id = a.story_id
  WHERE articles_fts MATCH @match AND articles_fts.rowid = CAST(@id AS INTEGER)`;

export class SqliteSearchStore implements SearchStore {
  private readonly ranked = new Map<string, Database.Statement>();
  private readonly details: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.details = db.prepare(DETAILS_SQL);
  }

  async search(request: SearchRequest): Promise<SearchResults> {
    const { filters } = request;
    const where: string[] = [];
    const params: Record<string, unknown> = {
      match: request.match, now: request.now.toISOString(), limit: request.limit, offset: request.offset,
    };
    if (filters.section !== undefined) {
      where.push('AND a.section = @section');
      params.section = filters.section;
    }
    if (filters.sourceId !== undefined) {
      where.push('AND a.source_id = @sourceId');
      params.sourceId = filters.sourceId;
    }
    if (filters.from !== undefined) {
      where.push('AND a.published_at >= @from');
      params.from = filters.from.toISOString();
    }
    if (filters.before !== undefined) {
      where.push('AND a.published_at < @before');
      params.before = filters.before.toISOString();
    }
    const statement = this.rankedStatement(where.join(' '));
    const rows = statement.all(params) as Row[];
    // Past the last page there are no rows to carry the total: count from the first.
    const counted = rows.length > 0 || request.offset === 0 ? rows : (statement.all({ ...params, limit: 1, offset: 0 }) as Row[]);
    const total = Number(counted[0]?.total ?? 0);
    const capped = Number(counted[0]?.candidates ?? 0) >= MAX_CANDIDATES;
    const hits = rows.map((row) => this.hit(row, request.match)).filter((h): h is SearchHit => h !== null);
    return { total, capped, hits };
  }

  private rankedStatement(filters: string): Database.Statement {
    let statement = this.ranked.get(filters);
    if (!statement) {
      statement = this.db.prepare(rankedSql(filters));
      this.ranked.set(filters, statement);
    }
    return statement;
  }

  private hit(ranked: Row, match: string): SearchHit | null {
    const row = this.details.get({ match, id: ranked.id }) as Row | undefined;
    if (!row) return null;
    return {
      article: {
        id: Number(row.id),
        title: String(row.title),
        markedTitle: String(row.marked_title ?? row.title),
        url: String(row.url),
        sourceId: Number(row.source_id),
        outlet: String(row.outlet),
        section: typeof row.section === 'string' ? row.section : null,
        publishedAt: new Date(String(row.published_at)),
        snippet: String(row.snippet ?? ''),
      },
      story: row.story_id === null || row.story_id === undefined ? null : { id: Number(row.story_id), title: String(row.story_title) },
      moreInStory: Number(ranked.matches) - 1,
      score: Number(ranked.score),
    };
  }
}
