// Read-only queries the public JSON API and the feeds out need and the Repository does not
// offer: keyset pages of stories and articles that leave hidden stories out, and each story's
// first outlet for a whole page at once. Rows are turned into model objects by the
// Repository itself (getStory / getArticle), so the mapping of a row lives in one place. The
// SQL is portable (portable.ts): one store serves both engines.
import type { ArticleView, Story } from '../model.js';
import { articleListConditions } from './article-filter.js';
import { type PortableQuery, portableQuery } from './portable.js';
import type { Repository } from './repository.js';

/** A position in a list ordered by (time, id), newest first: the page starts strictly after it. */
export interface Keyset {
  time: Date;
  id: number;
}

export interface StoryPageQuery {
  section?: string | undefined;
  limit: number;
  before?: Keyset | undefined;
}

export interface ArticlePageQuery {
  section?: string | undefined;
  sourceId?: number | undefined;
  limit: number;
  before?: Keyset | undefined;
}

/** The outlet whose article first reported a story. */
export interface FirstOutlet {
  sourceId: number;
  name: string;
  feedUrl: string;
  siteUrl: string | null;
}

export interface ApiStore {
  /** Stories with coverage that editors have not hidden, by latest coverage (last_reported_at, id), newest first. */
  stories(query: StoryPageQuery): Promise<Story[]>;
  /** Articles, newest first (published_at, id), without those of hidden stories. */
  articles(query: ArticlePageQuery): Promise<ArticleView[]>;
  /** Each story's first outlet, by story id (stories without a first article are absent). */
  firstOutlets(storyIds: number[]): Promise<Map<number, FirstOutlet>>;
}

const MAX_PAGE = 1000;
const iso = (d: Date) => d.toISOString();

export class PortableApiStore implements ApiStore {
  constructor(
    private readonly repo: Repository,
    private readonly query: PortableQuery,
  ) {}

  async stories(query: StoryPageQuery): Promise<Story[]> {
    const where = ['NOT hidden', 'article_count > 0', 'last_reported_at IS NOT NULL'];
    const params: unknown[] = [];
    if (query.section) {
      where.push('section = ?');
      params.push(query.section);
    }
    if (query.before) {
      const t = iso(query.before.time);
      where.push('(last_reported_at < ? OR (last_reported_at = ? AND id < ?))');
      params.push(t, t, query.before.id);
    }
    const ids = await this.ids(
      `SELECT id FROM stories WHERE ${where.join(' AND ')} ORDER BY last_reported_at DESC, id DESC LIMIT ?`,
      [...params, Math.min(query.limit, MAX_PAGE)],
    );
    return present(await Promise.all(ids.map((id) => this.repo.getStory(id))));
  }

  async articles(query: ArticlePageQuery): Promise<ArticleView[]> {
    const { where, params } = articleListConditions(query);
    where.unshift('(st.id IS NULL OR NOT st.hidden)');
    const ids = await this.ids(
      `SELECT a.id FROM articles a LEFT JOIN stories st ON st.id = a.story_id
       WHERE ${where.join(' AND ')} ORDER BY a.published_at DESC, a.id DESC LIMIT ?`,
      [...params, Math.min(query.limit, MAX_PAGE)],
    );
    return present(await Promise.all(ids.map((id) => this.repo.getArticle(id))));
  }

  async firstOutlets(storyIds: number[]): Promise<Map<number, FirstOutlet>> {
    const ids = [...new Set(storyIds)].slice(0, MAX_PAGE);
    if (ids.length === 0) return new Map();
    const rows = await this.query(
      `SELECT st.id AS story_id, s.id AS source_id, s.name, s.feed_url, s.site_url
       FROM stories st JOIN articles a ON a.id = st.first_article_id JOIN sources s ON s.id = a.source_id
       WHERE st.id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(
      rows.map((r) => [
        Number(r.story_id),
        { sourceId: Number(r.source_id), name: String(r.name), feedUrl: String(r.feed_url), siteUrl: typeof r.site_url === 'string' ? r.site_url : null },
      ]),
    );
  }

  private async ids(sql: string, params: unknown[]): Promise<number[]> {
    return (await this.query(sql, params)).map((r) => Number(r.id));
  }
}

const present = <T>(values: Array<T | null>): T[] => values.filter((v): v is T => v !== null);

/** The API's store over a repository of either engine. */
export function apiStoreFor(repo: Repository): ApiStore {
  return new PortableApiStore(repo, portableQuery(repo));
}
