// Every route of the JSON API, as data: its path, its schemas, an example and its handler.
// The extension registers them with Fastify and the OpenAPI document and /api/docs are
// generated from the same list, so the documentation cannot miss a route.
import type { Repository } from '../../store/repository.js';
import type { ApiStore, Keyset } from '../../store/api-store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { EXAMPLES } from './examples.js';
import {
  ArticleListSchema, ArticleSchema, ArticlesQuery, IdParams, type JsonSchema, SectionListSchema, SourceListSchema, StoriesQuery,
  StoryListSchema, StoryWithCoverageSchema,
} from './schemas.js';
import { articleJson, citationJson, sectionJson, sourceJson, storyJson } from './views.js';

export interface ApiContext {
  repo: Repository;
  store: ApiStore;
  /** The site's absolute base URL, for links to our pages. */
  base: string;
}

/** An expected failure, answered as {error: {code, message}}. */
export class ApiFailure {
  constructor(
    readonly status: 400 | 404,
    readonly code: 'bad_request' | 'not_found',
    readonly message: string,
  ) {}
}

const badRequest = (message: string) => new ApiFailure(400, 'bad_request', message);
const notFound = (message: string) => new ApiFailure(404, 'not_found', message);

export interface ApiInput {
  /** Validated and coerced by Fastify against the route's schemas. */
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

export interface ApiRoute {
  /** Under /api, in Fastify's syntax ("/v1/stories/:id"). */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  params?: JsonSchema;
  querystring?: JsonSchema;
  /** The 200 response. */
  response: JsonSchema;
  example: unknown;
  /** Error statuses it answers besides 304. */
  errors: Array<400 | 404>;
  handle(input: ApiInput, ctx: ApiContext): Promise<unknown>;
}

interface PageQuery {
  limit: number;
  cursor?: string;
}

/** One page of a keyset-ordered list: fetches one more than asked to know whether a next page exists. */
async function pageOf<T>(
  query: PageQuery,
  fetch: (limit: number, before: Keyset | undefined) => Promise<T[]>,
  position: (item: T) => Keyset,
): Promise<{ items: T[]; next: string | null } | ApiFailure> {
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (before === null) return badRequest('cursor is not valid: pass the `next` of a previous page as it is');
  const page = await fetch(query.limit + 1, before);
  const items = page.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, next: page.length > query.limit && last ? encodeCursor(position(last)) : null };
}

async function checkSection(repo: Repository, slug: string | undefined): Promise<ApiFailure | null> {
  if (slug === undefined || (await repo.listSections()).some((s) => s.slug === slug)) return null;
  return badRequest(`there is no section "${slug}"`);
}

const PAGINATION_NOTE = 'Paginated: pass `next` as `cursor` for the following page; `next` is null on the last page.';

export const API_ROUTES: ApiRoute[] = [
  {
    path: '/v1/stories',
    operationId: 'listStories',
    tag: 'Stories',
    summary: 'List stories',
    description: `Stories by their latest coverage, newest first; stories hidden by editors are left out. ${PAGINATION_NOTE}`,
    querystring: StoriesQuery,
    response: StoryListSchema,
    example: EXAMPLES.storyList,
    errors: [400],
    async handle({ query }, { repo, store, base }) {
      const q = query as unknown as PageQuery & { section?: string };
      const failure = await checkSection(repo, q.section);
      if (failure) return failure;
      const page = await pageOf(q, (limit, before) => store.stories({ section: q.section, limit, before }), (s) => ({ time: s.lastReportedAt!, id: s.id }));
      if (page instanceof ApiFailure) return page;
      const firsts = await store.firstOutlets(page.items.map((s) => s.id));
      return { items: page.items.map((s) => storyJson(s, firsts.get(s.id) ?? null, base)), next: page.next };
    },
  },
  {
    path: '/v1/stories/:id',
    operationId: 'getStory',
    tag: 'Stories',
    summary: 'One story with its coverage',
    description: 'A story with every article (syndicated copies included, with `originalId` set), oldest first, and the outlets its articles cite. A story merged into another answers 404 with a message naming that story.',
    params: IdParams,
    response: StoryWithCoverageSchema,
    example: EXAMPLES.story,
    errors: [400, 404],
    async handle({ params }, { repo, store, base }) {
      const id = params.id as number;
      const story = await repo.getStory(id);
      if (!story) {
        const into = await repo.storyRedirect(id);
        return notFound(into === null ? `there is no story ${id}` : `story ${id} was merged into story ${into} (/api/v1/stories/${into})`);
      }
      if (story.hidden) return notFound(`there is no story ${id}`);
      const [articles, citations, firsts] = await Promise.all([repo.storyArticles(id), repo.storyCitations(id), store.firstOutlets([id])]);
      return {
        ...storyJson(story, firsts.get(id) ?? null, base),
        articles: articles.map((a) => articleJson(a, base)),
        citations: citations.map(citationJson),
      };
    },
  },
  {
    path: '/v1/articles',
    operationId: 'listArticles',
    tag: 'Articles',
    summary: 'List articles',
    description: `Articles, newest first, optionally of one section or one source; articles of hidden stories are left out. ${PAGINATION_NOTE}`,
    querystring: ArticlesQuery,
    response: ArticleListSchema,
    example: EXAMPLES.articleList,
    errors: [400],
    async handle({ query }, { repo, store, base }) {
      const q = query as unknown as PageQuery & { section?: string; source?: number };
      const failure = await checkSection(repo, q.section);
      if (failure) return failure;
      if (q.source !== undefined && !(await repo.getSource(q.source))) return badRequest(`there is no source ${q.source}`);
      const page = await pageOf(
        q,
        (limit, before) => store.articles({ section: q.section, sourceId: q.source, limit, before }),
        (a) => ({ time: a.publishedAt, id: a.id }),
      );
      if (page instanceof ApiFailure) return page;
      return { items: page.items.map((a) => articleJson(a, base)), next: page.next };
    },
  },
  {
    path: '/v1/articles/:id',
    operationId: 'getArticle',
    tag: 'Articles',
    summary: 'One article',
    description: 'An article with its outlet, its story and, for a syndicated copy, the article it republishes.',
    params: IdParams,
    response: ArticleSchema,
    example: EXAMPLES.article,
    errors: [400, 404],
    async handle({ params }, { repo, base }) {
      const id = params.id as number;
      const article = await repo.getArticle(id);
      const story = article && article.storyId !== null ? await repo.getStory(article.storyId) : null;
      if (!article || story?.hidden) return notFound(`there is no article ${id}`);
      return articleJson(article, base);
    },
  },
  {
    path: '/v1/sections',
    operationId: 'listSections',
    tag: 'Sections',
    summary: 'List sections',
    description: 'Every section, in the order of the navigation.',
    response: SectionListSchema,
    example: EXAMPLES.sectionList,
    errors: [],
    async handle(_input, { repo, base }) {
      return { items: (await repo.listSections()).map((s) => sectionJson(s, base)) };
    },
  },
  {
    path: '/v1/sources',
    operationId: 'listSources',
    tag: 'Sources',
    summary: 'List sources with their health',
    description: 'Every feed the site follows, with how polling it goes and how many of its article pages could be read in the last 7 days.',
    response: SourceListSchema,
    example: EXAMPLES.sourceList,
    errors: [],
    async handle(_input, { repo }) {
      const [sources, stats] = await Promise.all([repo.listSources(), repo.extractionStats(7)]);
      return { items: sources.map((s) => sourceJson(s, stats.get(s.id))) };
    },
  },
];
