// The part of retention every engine shares (Repository.pruneBodies): which articles of one
// batch, read in id order, are old enough. Ids grow with the time an article was stored, so
// the first one stored since `before` ends the walk; the old ones form one id range.

export interface PruneWindow {
  /** The ids to clear, first to last (every existing id between them is in the batch). */
  range: { from: number; to: number } | null;
  scanned: number;
  done: boolean;
}

export function pruneWindow(batch: ReadonlyArray<{ id: number; storedAt: Date }>, before: Date, limit: number): PruneWindow {
  const firstRecent = batch.findIndex((r) => r.storedAt.getTime() >= before.getTime());
  const old = firstRecent === -1 ? batch : batch.slice(0, firstRecent);
  const done = firstRecent !== -1 || batch.length < limit;
  return { range: old.length ? { from: old[0]!.id, to: old[old.length - 1]!.id } : null, scanned: old.length, done };
}

/**
 * The statements of one batch, the same for every engine but for how parameters are written
 * (`?` in SQLite, `$1` in PostgreSQL): the batch by id, how many of a range still have a body,
 * and the two updates that clear it.
 */
export function pruneStatements(param: (n: number) => string) {
  const [first, second] = [param(1), param(2)];
  return {
    batch: `SELECT id, fetched_at FROM articles WHERE id > ${first} ORDER BY id LIMIT ${second}`,
    withBody: `SELECT COUNT(*) AS n FROM articles a LEFT JOIN article_pages p ON p.article_id = a.id
      WHERE a.id BETWEEN ${first} AND ${second}
        AND (a.content_html IS NOT NULL OR p.html_gz IS NOT NULL OR p.text IS NOT NULL OR p.html IS NOT NULL)`,
    clearFeedContent: `UPDATE articles SET content_html = NULL WHERE id BETWEEN ${first} AND ${second} AND content_html IS NOT NULL`,
    clearPages: `UPDATE article_pages SET html_gz = NULL, text = NULL, html = NULL
      WHERE article_id BETWEEN ${first} AND ${second} AND (html_gz IS NOT NULL OR text IS NOT NULL OR html IS NOT NULL)`,
  };
}
