// Search on PostgreSQL: the weighted tsvector of migration 6 (title 'A', summary and page
// text 'B'), its GIN index, websearch_to_tsquery for words and phrases and to_tsquery's
// ':*' for prefixes; ts_rank with the same weights and freshness decay as the SQLite engine
// (src/search/ranking.ts), grouped by story and paged in one statement; ts_headline marks
// the matches of the page's hits.
import type pg from 'pg';
import type { ParsedQuery, QueryTerm } from '../../search/query.js';
import { BODY_WEIGHT, FRESHNESS_DAYS, FRESHNESS_EXPONENT, MAX_CANDIDATES, pageOfStories, TITLE_WEIGHT } from '../../search/ranking.js';
import { MARK_END, MARK_START, type SearchHit, type SearchRequest, type SearchResults, type SearchStore } from '../../search/store.js';
import { type Row, rows } from './pool.js';

/** Words of body text around the best match in a snippet, as the SQLite engine shows. */
const SNIPPET_WORDS = 32;

// ts_rank's weights are {D, C, B, A}, each at most 1: the title (A) is 1, the body the same
// ratio below it as in the SQLite engine's bm25 weights.
const RANK_WEIGHTS = `'{0, 0, ${BODY_WEIGHT / TITLE_WEIGHT}, 1}'::float4[]`;

const HIGHLIGHT = `StartSel=${MARK_START}, StopSel=${MARK_END}`;

// ts_headline's parser takes "<script>" for a tag and "&amp;" for an entity and leaves them
// out of its output, but the text is the publisher's and is shown (escaped) as it is: '<' and
// '&' go in as two private-use characters (taken out of the text first) and come back after.
const SHIELD = { '<': '\uE000', '&': '\uE001' } as const;
const shielded = (expr: string) =>
  `replace(replace(translate(${expr}, chr(57344) || chr(57345), '  '), '<', chr(57344)), '&', chr(57345))`;
const unshield = (text: string) => text.replaceAll(SHIELD['<'], '<').replaceAll(SHIELD['&'], '&');

/** Accents folded as the index folds them (search_fold in the migration). */
const fold = (word: string) => word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');

/** A term in websearch_to_tsquery's language: always quoted, so "or" is a word, not an operator. */
const websearchTerm = (t: QueryTerm) => `"${t.words.map(fold).join(' ')}"`;

/** A prefix term in to_tsquery's language: words quoted as lexemes, the last with :*. */
const prefixTerm = (t: QueryTerm) => {
  const words = t.words.map((w) => `'${fold(w)}'`);
  words[words.length - 1] += ':*';
  return words.length > 1 ? `(${words.join(' <-> ')})` : words[0]!;
};

/**
 * The tsquery of a parsed query as SQL over two text parameters: websearch_to_tsquery for
 * words and phrases, to_tsquery for prefixes (websearch has none). Only our own syntax
 * reaches either: words are letters and digits, quoted.
 */
export function tsQuery(query: ParsedQuery, first: number): { sql: string; params: string[] } {
  const plain = [...query.include.filter((t) => !t.prefix).map(websearchTerm), ...query.exclude.filter((t) => !t.prefix).map((t) => `-${websearchTerm(t)}`)];
  const prefixes = [
    ...query.include.filter((t) => t.prefix).map(prefixTerm),
    ...query.exclude.filter((t) => t.prefix).map((t) => `!${prefixTerm(t)}`),
  ];
  const parts: string[] = [];
  const params: string[] = [];
  if (plain.length) {
    params.push(plain.join(' '));
    parts.push(`websearch_to_tsquery('simple', $${first + params.length - 1})`);
  }
  if (prefixes.length) {
    params.push(prefixes.join(' & '));
    parts.push(`to_tsquery('simple', $${first + params.length - 1})`);
  }
  return { sql: parts.join(' && '), params };
}

export class PostgresSearchStore implements SearchStore {
  constructor(private readonly db: pg.Pool) {}

  async search(request: SearchRequest): Promise<SearchResults> {
    const { filters } = request;
    const params: unknown[] = [request.now, request.limit, request.offset];
    const q = tsQuery(request.query, params.length + 1);
    params.push(...q.params);
    const where: string[] = [];
    const filter = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.section !== undefined) filter('AND a.section = ?', filters.section);
    if (filters.sourceId !== undefined) filter('AND a.source_id = ?', filters.sourceId);
    if (filters.from !== undefined) filter('AND a.published_at >= ?', filters.from);
    if (filters.before !== undefined) filter('AND a.published_at < ?', filters.before);
    // Matching articles (filters applied, hidden stories left out), newest first up to the
    // cap, each scored; then one per story, its best; then the page. The match runs on the
    // GIN index and every join is by primary key.
    const sql = `
      WITH q AS (SELECT ${q.sql} AS query),
      candidates AS (
        SELECT a.id, a.story_id, a.published_at, ts_rank(${RANK_WEIGHTS}, x.document, q.query) AS rank
        FROM q, article_search x
        JOIN articles a ON a.id = x.article_id
        LEFT JOIN stories st ON st.id = a.story_id
        WHERE x.document @@ q.query AND NOT COALESCE(st.hidden, false) ${where.join(' ')}
        ORDER BY a.id DESC
        LIMIT ${MAX_CANDIDATES}
      ),
      scored AS (
        SELECT id, story_id, published_at, COALESCE(story_id, -id) AS grp,
          rank * power(1 + greatest(0, extract(epoch FROM ($1::timestamptz - published_at)) / 86400) / ${FRESHNESS_DAYS}, -${FRESHNESS_EXPONENT}) AS score
        FROM candidates
      ),
      ${pageOfStories('$2', '$3')}`;
    const ranked = await rows(this.db, sql, params);
    // Past the last page there are no rows to carry the total: count from the first.
    const counted = ranked.length > 0 || request.offset === 0 ? ranked : await rows(this.db, sql, [params[0], 1, 0, ...params.slice(3)]);
    const total = Number(counted[0]?.total ?? 0);
    const capped = Number(counted[0]?.candidates ?? 0) >= MAX_CANDIDATES;
    const details = await this.details(ranked.map((r) => Number(r.id)), request.query);
    const hits = ranked.flatMap((r) => {
      const row = details.get(Number(r.id));
      return row ? [toHit(row, r)] : [];
    });
    return { total, capped, hits };
  }

  /** The shown articles' fields with their marked titles and snippets (ts_headline is costly: only for one page). */
  private async details(ids: number[], query: ParsedQuery): Promise<Map<number, Row>> {
    if (ids.length === 0) return new Map();
    const q = tsQuery(query, 2);
    const found = await rows(
      this.db,
      `WITH q AS (SELECT ${q.sql} AS query)
       SELECT a.id, a.title, a.url, a.source_id, a.section, a.published_at, a.story_id, s.name AS outlet,
         COALESCE(NULLIF(st.editor_title, ''), NULLIF(st.title, ''), a.title) AS story_title,
         ts_headline('simple', ${shielded("translate(a.title, chr(2) || chr(3), '  ')")}, q.query, 'HighlightAll=true, ${HIGHLIGHT}') AS marked_title,
         ts_headline('simple', ${shielded('article_search_text(a.summary, p.text)')}, q.query,
           'MaxWords=${SNIPPET_WORDS}, MinWords=${SNIPPET_WORDS / 2}, ${HIGHLIGHT}') AS snippet
       FROM q, articles a
       JOIN sources s ON s.id = a.source_id
       LEFT JOIN stories st ON st.id = a.story_id
       LEFT JOIN article_pages p ON p.article_id = a.id
       WHERE a.id = ANY($1::bigint[])`,
      [ids, ...q.params],
    );
    return new Map(found.map((r) => [Number(r.id), r]));
  }
}

function toHit(row: Row, ranked: Row): SearchHit {
  return {
    article: {
      id: Number(row.id),
      title: String(row.title),
      markedTitle: unshield(String(row.marked_title ?? row.title)),
      url: String(row.url),
      sourceId: Number(row.source_id),
      outlet: String(row.outlet),
      section: typeof row.section === 'string' ? row.section : null,
      publishedAt: row.published_at as Date,
      snippet: unshield(String(row.snippet ?? '')),
    },
    story: row.story_id === null || row.story_id === undefined ? null : { id: Number(row.story_id), title: String(row.story_title) },
    moreInStory: Number(ranked.matches) - 1,
    score: Number(ranked.score),
  };
}
