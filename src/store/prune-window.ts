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

/** Whether an article still has a body to clear, as SQL over `articles a LEFT JOIN article_pages p`. */
export const HAS_BODY_SQL = '(a.content_html IS NOT NULL OR p.html_gz IS NOT NULL OR p.text IS NOT NULL OR p.html IS NOT NULL)';
