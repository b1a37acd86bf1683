// The PostgreSQL engine: the same Repository as store/sqlite, over a pg connection pool, for
// installations that run several processes or machines on one database (docs/decisions/
// 0005-two-storage-engines.md). Chosen by a postgres:// database address (store/open.ts).
import { gunzipSync, gzipSync } from 'node:zlib';
import type pg from 'pg';
import type {
  Article, ArticlePage, ArticleView, EditorAction, NewArticle, NewSource, Section, Source, SourceFetchState, SourcePatch, Story,
  StoryCitation, StoryOutline,
} from '../../model.js';
import { slugify } from '../../text/slug.js';
import type { OutlineArticle } from '../../stories/outline.js';
import type { ArticleQuery, DecideStories, PruneBatch, RankedStoryRow, Repository, StageFence, StoreCounts, StoryDecision, StoryDecisions } from '../repository.js';
import { pruneStatements, pruneWindow } from '../prune-window.js';
import { applyDecisions, DuplicateSourceError, followRedirects, StageLostError, type StoryMerge } from '../repository.js';
import {
  ARTICLE_VIEW_SELECT, sourcePatchColumns, str, toArticle, toArticlePage, toArticleView, toEditorAction, toSource, toSourceSlot, toStory,
} from '../rows.js';
import { migrate } from './migrate.js';
import { changes, createPool, isUniqueViolation, one, retryOnDeadlock, type Row, rows, transaction } from './pool.js';

const toSection = (r: Row): Section => ({ slug: String(r.slug), name: String(r.name), position: Number(r.position) });

export class PostgresRepository implements Repository {
  private constructor(private readonly db: pg.Pool) {}

  /** Connects and brings the schema up to date (under an advisory lock, see migrate.ts). */
  static async open(url: string): Promise<PostgresRepository> {
    const pool = createPool(url);
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresRepository(pool);
  }

  /** The pool, for the stores of features beside the core repository (comments, search, the admin). */
  get pool(): pg.Pool {
    return this.db;
  }

  async schemaVersion(): Promise<number> {
    return Number((await one(this.db, 'SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations'))!.v);
  }

  async close(): Promise<void> {
    await this.db.end();
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async listSections(): Promise<Section[]> {
    return (await rows(this.db, 'SELECT slug, name, position FROM sections ORDER BY position, name')).map(toSection);
  }

  async ensureSection(nameOrSlug: string): Promise<Section> {
    const slug = slugify(nameOrSlug);
    if (!slug) throw new Error(`"${nameOrSlug}" is not a usable section name`);
    const find = () => one(this.db, 'SELECT slug, name, position FROM sections WHERE slug = $1 OR lower(name) = lower($2)', [slug, nameOrSlug.trim()]);
    let row = await find();
    if (!row) {
      const name = nameOrSlug.trim().replace(/^./, (c) => c.toUpperCase());
      await this.db.query(
        `INSERT INTO sections (slug, name, position) VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM sections))
         ON CONFLICT DO NOTHING`,
        [slug, name],
      );
      row = (await find())!;
    }
    return toSection(row);
  }

  async addSource(source: NewSource, defaultIntervalMinutes: number): Promise<Source> {
    const now = new Date();
    try {
      const row = await one(
        this.db,
        `INSERT INTO sources (feed_url, site_url, name, section, interval_minutes, next_fetch_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        [source.feedUrl, source.siteUrl ?? null, source.name, source.section ?? null, source.intervalMinutes ?? defaultIntervalMinutes, now],
      );
      return toSource(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateSourceError(source.feedUrl);
      throw err;
    }
  }

  async getSource(id: number): Promise<Source | null> {
    const row = await one(this.db, 'SELECT * FROM sources WHERE id = $1', [id]);
    return row ? toSource(row) : null;
  }

  async findSourceByFeedUrl(feedUrl: string): Promise<Source | null> {
    const row = await one(this.db, 'SELECT * FROM sources WHERE feed_url = $1', [feedUrl]);
    return row ? toSource(row) : null;
  }

  async listSources(): Promise<Source[]> {
    return (await rows(this.db, 'SELECT * FROM sources ORDER BY lower(name), id')).map(toSource);
  }

  async updateSource(id: number, patch: SourcePatch): Promise<Source | null> {
    const set = sourcePatchColumns(patch);
    const sets = set.map(([column], i) => `${column} = $${i + 1}`);
    const params = set.map(([, value]) => value);
    if (sets.length) await this.db.query(`UPDATE sources SET ${sets.join(', ')} WHERE id = $${params.length + 1}`, [...params, id]);
    return this.getSource(id);
  }

  async removeSource(id: number): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM sources WHERE id = $1', [id])) > 0;
  }

  async dueSources(now: Date, limit: number): Promise<Source[]> {
    return (
      await rows(this.db, 'SELECT * FROM sources WHERE next_fetch_at <= $1 AND NOT paused ORDER BY next_fetch_at, id LIMIT $2', [now, limit])
    ).map(toSource);
  }

  async dueSourceSlots(now: Date, limit: number): Promise<Array<{ id: number; nextFetchAt: Date }>> {
    // The due time as milliseconds: parsing thousands of timestamps a tick was most of the scheduler's work.
    const found = await rows(
      this.db,
      `SELECT id, floor(extract(epoch FROM next_fetch_at) * 1000)::float8 AS next_fetch_at
       FROM sources WHERE next_fetch_at <= $1 AND NOT paused ORDER BY sources.next_fetch_at, id LIMIT $2`,
      [now, limit],
    );
    return found.map(toSourceSlot);
  }

  async recordFetch(sourceId: number, state: SourceFetchState): Promise<void> {
    await this.db.query(
      `UPDATE sources SET etag = $1, last_modified = $2, last_fetch_at = $3, last_outcome = $4, last_http_status = $5,
         last_error = $6, error_count = $7, next_fetch_at = $8, site_url = COALESCE(site_url, $9)
       WHERE id = $10`,
      [
        state.etag, state.lastModified, state.lastFetchAt, state.lastOutcome, state.lastHttpStatus, state.lastError, state.errorCount,
        state.nextFetchAt, state.siteUrl ?? null, sourceId,
      ],
    );
  }

  async insertArticles(articles: NewArticle[], decide?: DecideStories): Promise<Article[]> {
    if (articles.length === 0) return [];
    // ON CONFLICT DO NOTHING against both unique keys (canonical URL, source + guid): the same
    // input twice, or from two workers at once, stores each article once. A worker waits for
    // another's uncommitted insert of the same key; taking keys in one order (by canonical
    // URL) keeps two such waits from closing a circle, and a deadlock that still happens
    // (through the second key) is retried whole.
    // One statement for the batch (a round trip per article was most of a poll's time in the
    // store), its rows in canonical-URL order.
    const ordered = [...articles].sort((x, y) => (x.canonicalUrl < y.canonicalUrl ? -1 : x.canonicalUrl > y.canonicalUrl ? 1 : 0));
    const column = <T>(pick: (a: NewArticle) => T) => ordered.map(pick);
    const found = await retryOnDeadlock(() =>
      rows(
        this.db,
        `INSERT INTO articles (source_id, guid, url, canonical_url, title, author, summary, content_html, image_url,
           section, categories, published_at, fetched_at, fingerprint, stated_original)
         SELECT source_id, guid, url, canonical_url, title, author, summary, content_html, image_url,
           section, categories::jsonb, published_at, fetched_at, fingerprint, stated_original
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
           $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::text[], $15::text[]) WITH ORDINALITY
           AS a(source_id, guid, url, canonical_url, title, author, summary, content_html, image_url,
             section, categories, published_at, fetched_at, fingerprint, stated_original, i)
         ORDER BY i
         ON CONFLICT DO NOTHING
         RETURNING *`,
        [
          column((a) => a.sourceId), column((a) => a.guid), column((a) => a.url), column((a) => a.canonicalUrl), column((a) => a.title),
          column((a) => a.author), column((a) => a.summary), column((a) => a.contentHtml), column((a) => a.imageUrl), column((a) => a.section),
          column((a) => JSON.stringify(a.categories)), column((a) => a.publishedAt), column((a) => a.fetchedAt),
          column((a) => a.fingerprint ?? null), column((a) => a.statedOriginal ?? null),
        ],
      ),
    );
    // A row stored is the first input with its canonical URL (a later one with the same URL was skipped).
    const byUrl = new Map(found.map((r) => [String(r.canonical_url), toArticle(r)]));
    const inserted = new Map<NewArticle, Article>();
    for (const a of ordered) {
      const row = byUrl.get(a.canonicalUrl);
      if (row && row.guid === a.guid && row.sourceId === a.sourceId) {
        inserted.set(a, row);
        byUrl.delete(a.canonicalUrl);
      }
    }
    const result = articles.flatMap((a) => inserted.get(a) ?? []);
    if (decide && result.length > 0) {
      // After the insert, which a deadlock may run twice: the clusterer once.
      const decided = decide(result);
      applyDecisions(result, decided.decisions);
      await this.saveStoryDecisions(decided, new Date());
    }
    return result;
  }

  async storedArticleKeys(sourceId: number, keys: Array<{ guid: string; canonicalUrl: string }>): Promise<boolean[]> {
    if (keys.length === 0) return [];
    // One round trip for the whole feed; each key is two lookups on the unique indexes.
    const found = await rows(
      this.db,
      `SELECT k.i, EXISTS (SELECT 1 FROM articles WHERE canonical_url = k.url)
                OR EXISTS (SELECT 1 FROM articles WHERE source_id = $1 AND guid = k.guid) AS stored
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(url, guid, i) ORDER BY k.i`,
      [sourceId, keys.map((k) => k.canonicalUrl), keys.map((k) => k.guid)],
    );
    return found.map((r) => r.stored === true);
  }

  async getArticle(id: number): Promise<ArticleView | null> {
    const row = await one(this.db, `${ARTICLE_VIEW_SELECT} WHERE a.id = $1`, [id]);
    return row ? toArticleView(row) : null;
  }

  async latestArticles(query: ArticleQuery): Promise<ArticleView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.section) {
      params.push(query.section);
      where.push(`a.section = $${params.length}`);
    }
    if (query.sourceId !== undefined) {
      params.push(query.sourceId);
      where.push(`a.source_id = $${params.length}`);
    }
    if (query.before) {
      params.push(query.before.publishedAt, query.before.id);
      where.push(`(a.published_at, a.id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(query.limit);
    const sql = `${ARTICLE_VIEW_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.published_at DESC, a.id DESC LIMIT $${params.length}`;
    return (await rows(this.db, sql, params)).map(toArticleView);
  }

  async counts(): Promise<StoreCounts> {
    const row = (await one(
      this.db,
      `SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM articles) AS articles,
              (SELECT COUNT(*) FROM stories) AS stories`,
    ))!;
    return { sources: Number(row.sources), articles: Number(row.articles), stories: Number(row.stories) };
  }

  // Stories ----------------------------------------------------------------

  async articlesSince(since: Date, limit: number): Promise<ArticleView[]> {
    return (
      await rows(this.db, `${ARTICLE_VIEW_SELECT} WHERE a.published_at >= $1 ORDER BY a.published_at, a.id LIMIT $2`, [since, limit])
    ).map(toArticleView);
  }

  async articlesWithoutStory(limit: number, except: readonly number[] = []): Promise<ArticleView[]> {
    return (
      await rows(this.db, `${ARTICLE_VIEW_SELECT} WHERE a.story_id IS NULL AND a.id <> ALL($2::bigint[]) ORDER BY a.published_at, a.id LIMIT $1`, [
        limit, except,
      ])
    ).map(toArticleView);
  }

  async articlesInOrder(after: { publishedAt: Date; id: number } | null, limit: number): Promise<ArticleView[]> {
    const sql = after
      ? `${ARTICLE_VIEW_SELECT} WHERE (a.published_at, a.id) > ($1, $2) ORDER BY a.published_at, a.id LIMIT $3`
      : `${ARTICLE_VIEW_SELECT} ORDER BY a.published_at, a.id LIMIT $1`;
    return (await rows(this.db, sql, after ? [after.publishedAt, after.id, limit] : [limit])).map(toArticleView);
  }

  async maxStoryId(): Promise<number> {
    return Number((await one(this.db, 'SELECT COALESCE(MAX(id), 0) AS m FROM stories'))!.m);
  }

  async ensureStory(id: number, now: Date): Promise<void> {
    await this.db.query(`INSERT INTO stories (id, title, created_at, updated_at) VALUES ($1, '', $2, $2) ON CONFLICT (id) DO NOTHING`, [id, now]);
  }

  async setArticleStory(
    articleId: number,
    decision: { storyId: number | null; originalId: number | null; fingerprint: string | null; statedOriginal: string | null },
  ): Promise<void> {
    await this.db.query('UPDATE articles SET story_id = $1, original_id = $2, fingerprint = $3, stated_original = $4 WHERE id = $5', [
      decision.storyId, decision.originalId, decision.fingerprint, decision.statedOriginal, articleId,
    ]);
  }

  async saveStoryDecisions({ decisions, merges }: StoryDecisions, now: Date, fence?: StageFence): Promise<void> {
    if (decisions.length === 0 && merges.length === 0) return;
    // A batch in four statements, not four per article. An article decided twice in one batch
    // (a copy that arrived first, then its original) keeps its last decision, and the last
    // citations given, as one statement per decision in order would leave it.
    const last = new Map<number, StoryDecision>();
    const cited = new Map<number, NonNullable<StoryDecision['citations']>>();
    for (const d of decisions) {
      last.set(d.articleId, d);
      if (d.citations) cited.set(d.articleId, d.citations);
    }
    const decided = [...last.values()].sort((x, y) => x.articleId - y.articleId);
    const storyIds = [...new Set(decided.flatMap((d) => (d.storyId === null ? [] : [d.storyId])))].sort((x, y) => x - y);
    const citations = [...cited].flatMap(([articleId, list]) => list.map((c) => ({ articleId, ...c })));
    await transaction(this.db, async (client) => {
      // The fence's row is locked until the end: a takeover (claimStage) waits for this batch,
      // or, having counted on first, leaves this check nothing to match.
      if (fence && (await changes(client, 'UPDATE stage_epochs SET epoch = epoch WHERE stage = $1 AND epoch = $2', [fence.stage, fence.epoch])) === 0) {
        throw new StageLostError(fence);
      }
      if (storyIds.length > 0) {
        await client.query(
          `INSERT INTO stories (id, title, created_at, updated_at) SELECT id, '', $2, $2 FROM unnest($1::bigint[]) AS s(id) ON CONFLICT (id) DO NOTHING`,
          [storyIds, now],
        );
      }
      if (decided.length > 0) await client.query(
        `UPDATE articles a SET story_id = d.story_id, original_id = d.original_id, fingerprint = d.fingerprint, stated_original = d.stated_original
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[]) AS d(id, story_id, original_id, fingerprint, stated_original)
         WHERE a.id = d.id`,
        [
          decided.map((d) => d.articleId), decided.map((d) => d.storyId), decided.map((d) => d.originalId), decided.map((d) => d.fingerprint),
          decided.map((d) => d.statedOriginal),
        ],
      );
      if (cited.size > 0) {
        await client.query('DELETE FROM story_citations WHERE article_id = ANY($1::bigint[])', [[...cited.keys()]]);
      }
      if (citations.length > 0) {
        await client.query(
          `INSERT INTO story_citations (article_id, outlet, phrase) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
          [citations.map((c) => c.articleId), citations.map((c) => c.outlet), citations.map((c) => c.phrase)],
        );
      }
      await moveMerged(client, merges, now);
    });
  }

  async claimStage(stage: string): Promise<StageFence> {
    const row = await one(
      this.db,
      `INSERT INTO stage_epochs (stage, epoch) VALUES ($1, 1)
       ON CONFLICT (stage) DO UPDATE SET epoch = stage_epochs.epoch + 1 RETURNING epoch`,
      [stage],
    );
    return { stage, epoch: Number(row!.epoch) };
  }

  async moveStoryArticles(fromStoryId: number, toStoryId: number): Promise<void> {
    await transaction(this.db, (client) => moveMerged(client, [{ from: fromStoryId, into: toStoryId }], new Date()));
  }

  async redirectStories(redirects: Array<{ storyId: number; articleId: number }>, now: Date): Promise<void> {
    if (redirects.length === 0) return;
    await this.db.query(
      `INSERT INTO story_redirects (story_id, into_story_id, created_at)
       SELECT r.story_id, a.story_id, $3 FROM unnest($1::bigint[], $2::bigint[]) AS r(story_id, article_id)
       JOIN articles a ON a.id = r.article_id
       WHERE a.story_id IS NOT NULL AND a.story_id <> r.story_id
       ON CONFLICT (story_id) DO UPDATE SET into_story_id = excluded.into_story_id, created_at = excluded.created_at`,
      [redirects.map((r) => r.storyId), redirects.map((r) => r.articleId), now],
    );
  }

  async storyRedirect(storyId: number): Promise<number | null> {
    if ((await this.db.query('SELECT 1 FROM stories WHERE id = $1', [storyId])).rowCount) return null;
    return followRedirects(storyId, async (id) => {
      const { rows: found } = await this.db.query(
        'SELECT r.into_story_id AS id, EXISTS (SELECT 1 FROM stories s WHERE s.id = r.into_story_id) AS exists FROM story_redirects r WHERE r.story_id = $1',
        [id],
      );
      return found[0] ? { into: Number(found[0].id), exists: Boolean(found[0].exists) } : null;
    });
  }

  async saveStoryOutline(o: StoryOutline, now: Date): Promise<void> {
    await this.saveStoryOutlines([o], now);
  }

  async saveStoryOutlines(outlines: StoryOutline[], now: Date): Promise<void> {
    if (outlines.length === 0) return;
    // One statement for the batch; one row per story (the last outline given), in id order.
    const byId = [...new Map(outlines.map((o) => [o.id, o])).values()].sort((x, y) => x.id - y.id);
    const column = <T>(pick: (o: StoryOutline) => T) => byId.map(pick);
    await this.db.query(
      `INSERT INTO stories (id, title, summary, image_url, section, lead_article_id, first_article_id, first_reported_at,
         last_reported_at, article_count, outlet_count, created_at, updated_at)
       SELECT o.*, $12::timestamptz, $12::timestamptz
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::timestamptz[],
         $9::timestamptz[], $10::int[], $11::int[]) AS o
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary, image_url = EXCLUDED.image_url,
         section = EXCLUDED.section, lead_article_id = EXCLUDED.lead_article_id, first_article_id = EXCLUDED.first_article_id,
         first_reported_at = EXCLUDED.first_reported_at, last_reported_at = EXCLUDED.last_reported_at,
         article_count = EXCLUDED.article_count, outlet_count = EXCLUDED.outlet_count, updated_at = EXCLUDED.updated_at`,
      [
        column((o) => o.id), column((o) => o.autoTitle), column((o) => o.summary), column((o) => o.imageUrl), column((o) => o.section),
        column((o) => o.leadArticleId), column((o) => o.firstArticleId), column((o) => o.firstReportedAt), column((o) => o.lastReportedAt),
        column((o) => o.articleCount), column((o) => o.outletCount), now,
      ],
    );
  }

  async setStoryFlags(storyId: number, flags: { pinned?: boolean; hidden?: boolean; commentsClosed?: boolean }): Promise<boolean> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of [['pinned', 'pinned'], ['hidden', 'hidden'], ['commentsClosed', 'comments_closed']] as const) {
      if (flags[key] === undefined) continue;
      params.push(flags[key]);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length === 0) return (await this.getStory(storyId)) !== null;
    return (await changes(this.db, `UPDATE stories SET ${sets.join(', ')} WHERE id = $${params.length + 1}`, [...params, storyId])) > 0;
  }

  async renameStory(storyId: number, title: string | null): Promise<boolean> {
    return (await changes(this.db, 'UPDATE stories SET editor_title = $1 WHERE id = $2', [title, storyId])) > 0;
  }

  async deleteEmptyStories(candidates?: Iterable<number>): Promise<number> {
    if (candidates === undefined) {
      return changes(this.db, 'DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM articles WHERE story_id = stories.id)');
    }
    const ids = [...new Set(candidates)];
    if (ids.length === 0) return 0;
    return changes(
      this.db,
      'DELETE FROM stories WHERE id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = stories.id)',
      [ids],
    );
  }

  async getStory(id: number): Promise<Story | null> {
    const row = await one(this.db, 'SELECT * FROM stories WHERE id = $1', [id]);
    return row ? toStory(row) : null;
  }

  async latestStories(query: { limit: number; section?: string | undefined; minOutlets?: number }): Promise<Story[]> {
    const params: unknown[] = [query.minOutlets ?? 1];
    const where = ['article_count > 0', 'outlet_count >= $1', 'NOT hidden'];
    if (query.section) {
      params.push(query.section);
      where.push(`section = $${params.length}`);
    }
    params.push(query.limit);
    return (
      await rows(
        this.db,
        `SELECT * FROM stories WHERE ${where.join(' AND ')}
         ORDER BY pinned DESC, last_reported_at DESC NULLS LAST, id DESC LIMIT $${params.length}`,
        params,
      )
    ).map(toStory);
  }

  async storyArticles(storyId: number): Promise<ArticleView[]> {
    return (await rows(this.db, `${ARTICLE_VIEW_SELECT} WHERE a.story_id = $1 ORDER BY a.published_at, a.id LIMIT 2000`, [storyId])).map(
      toArticleView,
    );
  }

  async storyOutlineArticles(storyId: number): Promise<OutlineArticle[]> {
    return (await this.outlineArticlesOf([storyId])).get(storyId) ?? [];
  }

  async outlineArticlesOf(storyIds: number[]): Promise<Map<number, OutlineArticle[]>> {
    const found = new Map<number, OutlineArticle[]>();
    if (storyIds.length === 0) return found;
    // Same order and limit as storyArticles, without the text columns (the bulk of a row); each
    // story through the story-order index, all in one round trip.
    const read = await rows(
      this.db,
      `SELECT a.story_id, a.id, a.source_id, a.title, a.summary, a.image_url, a.section, a.published_at, a.original_id
       FROM unnest($1::bigint[]) AS s(id)
       CROSS JOIN LATERAL (SELECT story_id, id, source_id, title, summary, image_url, section, published_at, original_id
         FROM articles WHERE story_id = s.id ORDER BY published_at, id LIMIT 2000) a
       ORDER BY a.story_id, a.published_at, a.id`,
      [[...new Set(storyIds)]],
    );
    for (const r of read) {
      const storyId = Number(r.story_id);
      let list = found.get(storyId);
      if (!list) found.set(storyId, (list = []));
      list.push({
        id: Number(r.id), sourceId: Number(r.source_id), title: String(r.title), summary: str(r.summary), imageUrl: str(r.image_url),
        section: str(r.section), publishedAt: r.published_at as Date, originalId: r.original_id === null ? null : Number(r.original_id),
      });
    }
    return found;
  }

  async replaceCitations(articleId: number, citations: Array<{ outlet: string; phrase: string }>): Promise<void> {
    await transaction(this.db, async (client) => {
      await client.query('DELETE FROM story_citations WHERE article_id = $1', [articleId]);
      for (const c of citations) {
        await client.query('INSERT INTO story_citations (article_id, outlet, phrase) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          articleId, c.outlet, c.phrase,
        ]);
      }
    });
  }

  async storyCitations(storyId: number): Promise<StoryCitation[]> {
    return (
      await rows(
        this.db,
        `SELECT c.article_id, c.outlet, c.phrase, s.name AS citing_outlet
         FROM story_citations c JOIN articles a ON a.id = c.article_id JOIN sources s ON s.id = a.source_id
         WHERE a.story_id = $1 ORDER BY a.published_at LIMIT 500`,
        [storyId],
      )
    ).map((row) => ({ articleId: Number(row.article_id), outlet: String(row.outlet), phrase: String(row.phrase), citingOutlet: String(row.citing_outlet) }));
  }

  async addEditorAction(action: Omit<EditorAction, 'id' | 'createdAt'>, now: Date): Promise<EditorAction> {
    const row = await one(
      this.db,
      `INSERT INTO editor_actions (kind, story_id, into_story_id, article_id, into_article_id, title, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [action.kind, action.storyId, action.intoStoryId, action.articleId, action.intoArticleId, action.title, now],
    );
    return toEditorAction(row!);
  }

  async editorActions(): Promise<EditorAction[]> {
    return (await rows(this.db, 'SELECT * FROM editor_actions ORDER BY id')).map(toEditorAction);
  }

  // Article pages ------------------------------------------------------------

  async saveArticlePage(page: ArticlePage): Promise<void> {
    await this.db.query(
      `INSERT INTO article_pages (article_id, status, detail, http_status, content_type, html_gz, text, html, byline,
         canonical_url, image_url, support_url, fetched_at, extracted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (article_id) DO UPDATE SET status = EXCLUDED.status, detail = EXCLUDED.detail, http_status = EXCLUDED.http_status,
         content_type = EXCLUDED.content_type, html_gz = COALESCE(EXCLUDED.html_gz, article_pages.html_gz), text = EXCLUDED.text,
         html = EXCLUDED.html, byline = EXCLUDED.byline, canonical_url = EXCLUDED.canonical_url, image_url = EXCLUDED.image_url,
         support_url = EXCLUDED.support_url, fetched_at = EXCLUDED.fetched_at, extracted_at = EXCLUDED.extracted_at`,
      [
        page.articleId, page.status, page.detail, page.httpStatus, page.contentType, page.html ? gzipSync(page.html) : null, page.text,
        page.cleanHtml, page.byline, page.canonicalUrl, page.imageUrl, page.supportUrl, page.fetchedAt, page.extractedAt,
      ],
    );
  }

  private page(row: Row): ArticlePage {
    const gz = row.html_gz as Buffer | null;
    return toArticlePage(row, gz ? gunzipSync(gz) : null);
  }

  async getArticlePage(articleId: number): Promise<ArticlePage | null> {
    const row = await one(this.db, 'SELECT * FROM article_pages WHERE article_id = $1', [articleId]);
    return row ? this.page(row) : null;
  }

  async articlesWithoutPage(limit: number): Promise<ArticleView[]> {
    return (
      await rows(
        this.db,
        `${ARTICLE_VIEW_SELECT} WHERE NOT EXISTS (SELECT 1 FROM article_pages p WHERE p.article_id = a.id)
         ORDER BY a.published_at DESC, a.id DESC LIMIT $1`,
        [limit],
      )
    ).map(toArticleView);
  }

  async storedPages(query: { sourceId?: number; afterId: number; limit: number }): Promise<ArticlePage[]> {
    const bySource = query.sourceId !== undefined ? 'AND a.source_id = $3' : '';
    const params: unknown[] = [query.afterId, query.limit, ...(query.sourceId !== undefined ? [query.sourceId] : [])];
    return (
      await rows(
        this.db,
        `SELECT p.* FROM article_pages p JOIN articles a ON a.id = p.article_id
         WHERE p.article_id > $1 AND p.html_gz IS NOT NULL ${bySource} ORDER BY p.article_id LIMIT $2`,
        params,
      )
    ).map((r) => this.page(r));
  }

  async extractionStats(days: number): Promise<Map<number, { fetched: number; failed: number; lastFailure: string | null }>> {
    const since = new Date(Date.now() - days * 86_400_000);
    const found = await rows(
      this.db,
      `SELECT a.source_id AS source, COUNT(*) AS fetched, SUM(CASE WHEN p.status = 'ok' THEN 0 ELSE 1 END) AS failed,
         (SELECT p2.status || ': ' || COALESCE(p2.detail, '') FROM article_pages p2 JOIN articles a2 ON a2.id = p2.article_id
           WHERE a2.source_id = a.source_id AND p2.status != 'ok' ORDER BY p2.fetched_at DESC LIMIT 1) AS last_failure
       FROM article_pages p JOIN articles a ON a.id = p.article_id WHERE p.fetched_at >= $1 GROUP BY a.source_id`,
      [since],
    );
    return new Map(found.map((r) => [Number(r.source), { fetched: Number(r.fetched), failed: Number(r.failed), lastFailure: str(r.last_failure) }]));
  }

  // Retention --------------------------------------------------------------

  async pruneBodies(query: { before: Date; afterId: number; limit: number; dryRun?: boolean }): Promise<PruneBatch> {
    const sql = pruneStatements((n) => `$${n}`);
    return transaction(this.db, async (client) => {
      const batch = (await rows(client, sql.batch, [query.afterId, query.limit])).map((r) => ({ id: Number(r.id), storedAt: r.fetched_at as Date }));
      const { range, scanned, done } = pruneWindow(batch, query.before, query.limit);
      if (!range) return { lastId: query.afterId, scanned: 0, pruned: 0, done };
      const withBody = (await one(client, sql.withBody, [range.from, range.to]))!;
      if (!query.dryRun) {
        await client.query(sql.clearFeedContent, [range.from, range.to]);
        await client.query(sql.clearPages, [range.from, range.to]);
      }
      return { lastId: range.to, scanned, pruned: Number(withBody.n), done };
    });
  }

  // Ranking ----------------------------------------------------------------

  async rankingCandidates(query: { since: Date; velocitySince: Date; section?: string | undefined; limit: number }): Promise<RankedStoryRow[]> {
    const params: unknown[] = [query.since, query.velocitySince, query.limit];
    const bySection = query.section ? 'AND s.section = $4' : '';
    if (query.section) params.push(query.section);
    // The candidates first, then their articles' outlets in one pass. Per candidate (three
    // subqueries each, 600 candidates) the planner, its statistics not yet taken after a burst
    // of new articles, intersected each story's few articles with the index of every original
    // article: 230 ms for the home page on 5,000 articles, 1.9 s on 30,000 (15 and 59 ms so;
    // 32 → 23 and 55 → 43 ms with fresh statistics).
    const found = await rows(
      this.db,
      `WITH candidates AS (
         SELECT s.* FROM stories s
         WHERE NOT s.hidden AND s.article_count > 0 AND (s.last_reported_at >= $1 OR s.pinned) ${bySection}
         ORDER BY s.last_reported_at DESC NULLS LAST, s.id DESC
         LIMIT $3
       ), outlets AS (
         SELECT a.story_id, MAX(src.weight) AS weight, MIN(a.published_at) AS joined
         FROM candidates c JOIN articles a ON a.story_id = c.id JOIN sources src ON src.id = a.source_id
         WHERE a.original_id IS NULL
         GROUP BY a.story_id, a.source_id
       ), coverage AS (
         SELECT story_id, SUM(weight) AS coverage, COUNT(*) FILTER (WHERE joined >= $2) AS recent_outlets FROM outlets GROUP BY story_id
       )
       SELECT c.*, COALESCE(v.coverage, 0) AS coverage, COALESCE(v.recent_outlets, 0) AS recent_outlets,
         (SELECT src.name FROM articles a JOIN sources src ON src.id = a.source_id WHERE a.id = c.first_article_id) AS first_outlet
       FROM candidates c LEFT JOIN coverage v ON v.story_id = c.id
       ORDER BY c.last_reported_at DESC NULLS LAST, c.id DESC`,
      params,
    );
    return found.map((r) => ({ story: toStory(r), coverage: Number(r.coverage), recentOutlets: Number(r.recent_outlets), firstOutlet: str(r.first_outlet) }));
  }
}

/** Stories merged: their articles and views follow, in order (a story merged twice ends in the last), and their addresses lead on. */
async function moveMerged(client: pg.PoolClient, merges: StoryMerge[], now: Date): Promise<void> {
  for (const m of merges) {
    await client.query('UPDATE articles SET story_id = $1 WHERE story_id = $2', [m.into, m.from]);
    // A reader who viewed both stories on one day counts once (the row left behind goes with the merged story).
    await client.query(
      `UPDATE story_views v SET story_id = $1 WHERE v.story_id = $2
         AND NOT EXISTS (SELECT 1 FROM story_views w WHERE w.day = v.day AND w.story_id = $1 AND w.viewer = v.viewer)`,
      [m.into, m.from],
    );
    await client.query(
      `INSERT INTO story_redirects (story_id, into_story_id, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (story_id) DO UPDATE SET into_story_id = excluded.into_story_id, created_at = excluded.created_at`,
      [m.from, m.into, now],
    );
  }
}
