// Which pages the page cache keeps, by route: the query parameters that make one page
// differ from another (the rest are left out of the key, so `?utm_source=…` shares the
// page), the tags of what each page is made of (src/store/changes.ts), and the
// Cache-Control its scope sends.
import type { FastifyRequest } from 'fastify';
import { articleTag, type ChangeTag, storyTag } from '../../store/changes.js';
import type { Repository } from '../../store/repository.js';
import { API_CACHE_CONTROL } from '../api/extension.js';
import { FEEDS_CACHE_CONTROL } from '../feeds-out/extension.js';

/**
 * HTML pages: any cache may keep them but must ask us again each time (with the ETag, so
 * an unchanged page costs a 304). A longer max-age would show a commenter the page without
 * the comment they just posted.
 */
export const PAGE_CACHE_CONTROL = 'public, no-cache';
/** What a page made for one visitor says: never kept by a shared cache. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

export interface CacheRule {
  /** Query parameters the page reads, or 'all' (the API validates its own). */
  params: readonly string[] | 'all';
  /** What the page is made of, known once it is rendered. */
  tags(request: FastifyRequest, repo: Repository): ChangeTag[] | Promise<ChangeTag[]>;
  /** Set when the route's scope sends its own (the feeds and the API do conditional GET themselves). */
  cacheControl?: string;
}

const id = (request: FastifyRequest, name = 'id'): number => {
  const value = Number((request.params as Record<string, string>)[name]);
  return Number.isSafeInteger(value) ? value : 0;
};

const SEARCH_PARAMS = ['q', 'page', 'section', 'outlet', 'from', 'to'];
const lists = (): ChangeTag[] => ['lists', 'sidebar'];
const search = (): ChangeTag[] => ['search'];

export const CACHE_RULES: ReadonlyMap<string, CacheRule> = new Map<string, CacheRule>([
  ['/', { params: ['page'], tags: lists }],
  ['/latest', { params: ['before'], tags: lists }],
  ['/section/:slug', { params: ['page'], tags: lists }],
  ['/popular', { params: [], tags: lists }],
  ['/story/:id', { params: ['replyto'], tags: (r) => [storyTag(id(r)), 'sidebar'] }],
  [
    '/article/:id',
    {
      params: ['replyto'],
      // The page shows its story's coverage and discussion: it changes with the story.
      tags: async (r, repo) => {
        const storyId = (await repo.getArticle(id(r)))?.storyId ?? null;
        return [articleTag(id(r)), 'sidebar', ...(storyId === null ? [] : [storyTag(storyId)])];
      },
    },
  ],
  ['/story/:id/comments.rss', { params: [], tags: (r) => [storyTag(id(r))] }],
  ['/search', { params: SEARCH_PARAMS, tags: search }],
  ['/search.rss', { params: SEARCH_PARAMS, tags: search }],
  ['/api/v1/search', { params: SEARCH_PARAMS, tags: search, cacheControl: API_CACHE_CONTROL }],
  ['/sources', { params: [], tags: () => ['sources'] }],
  ['/sources.opml', { params: [], tags: () => ['sources'] }],
  ...['rss', 'atom', 'json'].map((f): [string, CacheRule] => [`/feeds/top.${f}`, { params: [], tags: lists, cacheControl: FEEDS_CACHE_CONTROL }]),
  ['/feeds/section/:file', { params: [], tags: lists, cacheControl: FEEDS_CACHE_CONTROL }],
  [
    '/feeds/story/:file',
    { params: [], tags: (r) => [storyTag(Number(/^\d+/.exec((r.params as { file: string }).file)?.[0] ?? 0))], cacheControl: FEEDS_CACHE_CONTROL },
  ],
  ['/api/v1/stories', { params: 'all', tags: lists, cacheControl: API_CACHE_CONTROL }],
  ['/api/v1/stories/:id', { params: 'all', tags: (r) => [storyTag(id(r))], cacheControl: API_CACHE_CONTROL }],
  ['/api/v1/articles', { params: 'all', tags: lists, cacheControl: API_CACHE_CONTROL }],
  [
    '/api/v1/articles/:id',
    {
      params: 'all',
      tags: async (r, repo) => {
        const storyId = (await repo.getArticle(id(r)))?.storyId ?? null;
        return [articleTag(id(r)), ...(storyId === null ? [] : [storyTag(storyId)])];
      },
      cacheControl: API_CACHE_CONTROL,
    },
  ],
  ['/api/v1/sections', { params: 'all', tags: lists, cacheControl: API_CACHE_CONTROL }],
  ['/api/v1/sources', { params: 'all', tags: () => ['sources'], cacheControl: API_CACHE_CONTROL }],
]);

/** The key of a page: scheme and host (feeds and the API write absolute links from them), path, and the parameters it reads, sorted. */
export function cacheKey(request: FastifyRequest, rule: CacheRule): string {
  const url = request.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  let query = '';
  if (q >= 0 && rule.params.length > 0) {
    const kept = [...new URLSearchParams(url.slice(q + 1))]
      .filter(([name]) => rule.params === 'all' || rule.params.includes(name))
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
    if (kept.length > 0) query = `?${new URLSearchParams(kept).toString()}`;
  }
  return `${request.protocol}://${request.host}${path}${query}`;
}
