// The conditions shared by every newest-first list of articles (the site's latest lists and
// the API's pages): a section, a source, and a keyset cursor "published before (time, id)".
// `?` placeholders, so the SQLite engine and the portable API store use the same clauses.

export interface ArticleListFilter {
  section?: string | undefined;
  sourceId?: number | undefined;
  /** Articles strictly before this (published time, id) in newest-first order. */
  before?: { time: Date; id: number } | undefined;
}

export function articleListConditions(filter: ArticleListFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.section) {
    where.push('a.section = ?');
    params.push(filter.section);
  }
  if (filter.sourceId !== undefined) {
    where.push('a.source_id = ?');
    params.push(filter.sourceId);
  }
  if (filter.before) {
    const t = filter.before.time.toISOString();
    where.push('(a.published_at < ? OR (a.published_at = ? AND a.id < ?))');
    params.push(t, t, filter.before.id);
  }
  return { where, params };
}
