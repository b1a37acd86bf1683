// Search on the site: the page (/search), its feed (/search.rss), the JSON API
// (/api/v1/search), and a search box beside the core pages. See docs/search.md.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { openSearch } from '../../search/open.js';
import type { SearchOutcome } from '../../search/service.js';
import type { Repository } from '../../store/repository.js';
import type { SiteExtension } from '../extension.js';
import { safeHref } from '../html.js';
import { searchFeed } from './feed.js';
import { markedHtml } from './highlight.js';
import { searchPage, searchWidget } from './page.js';
import { type ParamsOutcome, readSearchParams, searchQueryString } from './params.js';

export interface SearchExtensionOptions {
  repo: Repository;
  siteName?: string;
  /** The clock freshness is measured from (tests fix it). */
  clock?: () => Date;
}

export function searchExtension(options: SearchExtensionOptions): SiteExtension {
  const { repo } = options;
  const siteName = options.siteName ?? 'Newsroom';
  const clock = options.clock ?? (() => new Date());
  const search = openSearch(repo);

  /** The request's parameters checked, and the search run when they are good and say something. */
  const run = async (request: FastifyRequest) => {
    const [sections, sources] = await Promise.all([repo.listSections(), repo.listSources()]);
    const read: ParamsOutcome = readSearchParams(request.query, { sections, sources });
    const now = clock();
    const outcome: SearchOutcome | null =
      read.ok && read.params.q !== '' ? await search.search(read.params.q, { filters: read.filters, page: read.params.page, now }) : null;
    return { sections, sources, read, outcome, now };
  };

  // The same error body as the rest of the JSON API (docs/api.md).
  const badRequest = (reply: FastifyReply, message: string) =>
    reply.code(400).type('application/json; charset=utf-8').send({ error: { code: 'bad_request', message } });

  return {
    name: 'search',
    register(app) {
      app.get('/search', async (request, reply) => {
        const { sections, sources, read, outcome, now } = await run(request);
        const body = searchPage({ siteName, sections, sources, params: read.params, outcome, error: read.ok ? null : read.error, now });
        return reply.code(read.ok ? 200 : 400).type('text/html; charset=utf-8').send(body);
      });

      app.get('/search.rss', async (request, reply) => {
        const { read, outcome, now } = await run(request);
        if (!read.ok) return reply.code(400).type('text/plain; charset=utf-8').send(read.error);
        if (read.params.q === '') return reply.code(400).type('text/plain; charset=utf-8').send('q is required: the words to search for.');
        const xml = searchFeed({
          q: read.params.q, queryString: searchQueryString(read.params), hits: outcome?.hits ?? [],
          baseUrl: `${request.protocol}://${request.host}`, siteName, now,
        });
        return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
      });

      app.get('/api/v1/search', async (request, reply) => {
        const { read, outcome } = await run(request);
        if (!read.ok) return badRequest(reply, read.error);
        if (read.params.q === '') return badRequest(reply, 'q is required: the words to search for.');
        const hits = outcome?.hits ?? [];
        return reply.type('application/json; charset=utf-8').send({
          query: read.params.q,
          page: read.params.page,
          total: outcome?.total ?? 0,
          capped: outcome?.capped ?? false,
          results: hits.map((hit) => ({
            story: hit.story,
            article: {
              id: hit.article.id,
              title: hit.article.title,
              url: safeHref(hit.article.url),
              outlet: hit.article.outlet,
              publishedAt: hit.article.publishedAt.toISOString(),
              snippetHtml: markedHtml(hit.article.snippet).value,
            },
            moreInStory: hit.moreInStory,
          })),
          next: outcome?.hasNext ? String(read.params.page + 1) : null,
        });
      });
    },
    sidebar: async () => searchWidget(),
  };
}
