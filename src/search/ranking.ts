// How search results are ordered (docs/search.md, "Ranking"). The SQL engine computes the
// score from these numbers, in the query, so that only one page of results leaves it:
//
//   relevance = -bm25(title × TITLE_WEIGHT, body × BODY_WEIGHT)    (FTS5's bm25 is negative)
//   score     = relevance × (1 + age_days / FRESHNESS_DAYS) ^ -FRESHNESS_EXPONENT
//
// A week-old article keeps 71 % of its relevance, a month-old one 45 %, a year-old one 17 %:
// fresh news wins among equals, yet a strong old match still beats a weak new one. Articles
// dated in the future count as new. Results are then grouped by story: a story ranks by its
// best article.

/** A word in the headline counts this many times one in the body. */
export const TITLE_WEIGHT = 10;
export const BODY_WEIGHT = 1;
/** The age, in days, that the decay is measured in. */
export const FRESHNESS_DAYS = 7;
export const FRESHNESS_EXPONENT = 0.5;

/**
 * Matches considered per query, newest first. Ranking needs every match scored; bounding them
 * keeps a query on a word in half the archive as fast as any other. Beyond it the total is a
 * lower bound (SearchResults.capped) and the oldest matches are left out.
 */
export const MAX_CANDIDATES = 5000;

/** The same formula, for tests and documentation; the engine uses the constants above. */
export function freshnessFactor(ageDays: number): number {
  return (1 + Math.max(0, ageDays) / FRESHNESS_DAYS) ** -FRESHNESS_EXPONENT;
}

/**
 * The end of both engines' search statement (standard SQL): from a CTE `scored` of
 * (id, story_id, published_at, grp, score), each story's best article, the number of its
 * matches, the total of stories and of candidates, and one page of them.
 */
export function pageOfStories(limit: string, offset: string): string {
  return `grouped AS (
    SELECT *,
      row_number() OVER (PARTITION BY grp ORDER BY score DESC, published_at DESC, id DESC) AS place,
      count(*) OVER (PARTITION BY grp) AS matches
    FROM scored
  )
  SELECT id, score, matches, count(*) OVER () AS total, sum(matches) OVER () AS candidates
  FROM grouped WHERE place = 1
  ORDER BY score DESC, published_at DESC, id DESC
  LIMIT ${limit} OFFSET ${offset}`;
}
