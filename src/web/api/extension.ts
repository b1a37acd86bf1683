// The public JSON API under /api (docs/api.md): /api/v1/… from the route list in routes.ts,
// validated and serialized by Fastify with the schemas of schemas.ts, the OpenAPI document
// made from them at /api/openapi.json, and a page for people at /api/docs.
import type { FastifyError, FastifyInstance, FastifySchema } from 'fastify';
import type { Repository } from '../../store/repository.js';
import { apiStoreFor } from '../../store/api-store.js';
import type { SiteExtension } from '../extension.js';
import { baseUrl } from '../feeds-out/base-url.js';
import { conditionalGet } from '../feeds-out/conditional-get.js';
import { apiDocsPage } from './docs-page.js';
import { API_PREFIX, openApiDocument } from './openapi.js';
import { API_ROUTES, ApiFailure } from './routes.js';
import { ErrorSchema } from './schemas.js';

export interface ApiOptions {
  repo: Repository;
  siteName: string;
  /** The site's public address ("https://news.example"); else taken from each request's Host. */
  publicUrl?: string | null;
}

/** Short: clients revalidate with their ETag, which costs us a query but no bandwidth. */
export const API_CACHE_CONTROL = 'public, max-age=60';

const errorBody = (code: string, message: string) => ({ error: { code, message } });

export function apiExtension(options: ApiOptions): SiteExtension {
  const { repo, siteName } = options;
  const store = apiStoreFor(repo);

  async function register(app: FastifyInstance): Promise<void> {
    await app.register(
      async (scope) => {
        scope.addHook('onSend', conditionalGet(API_CACHE_CONTROL));

        scope.setErrorHandler(async (error: FastifyError, request, reply) => {
          if (error.validation) return reply.code(400).send(errorBody('bad_request', error.message));
          const status = error.statusCode ?? 500;
          if (status >= 500) {
            request.log.error({ err: error }, `${request.method} ${request.url} failed`);
            return reply.code(500).send(errorBody('internal', 'Internal error'));
          }
          return reply.code(status).send(errorBody(status === 404 ? 'not_found' : 'bad_request', error.message));
        });
        scope.setNotFoundHandler(async (request, reply) =>
          reply.code(404).send(errorBody('not_found', `there is no ${request.method} ${request.url.split('?')[0]} in the API (see /api/docs)`)),
        );

        for (const route of API_ROUTES) {
          const schema: FastifySchema = {
            ...(route.params ? { params: route.params } : {}),
            ...(route.querystring ? { querystring: route.querystring } : {}),
            response: { 200: route.response, ...Object.fromEntries(route.errors.map((s) => [s, ErrorSchema])) },
          };
          scope.route({
            method: 'GET',
            url: route.path,
            schema,
            handler: async (request, reply) => {
              const result = await route.handle(
                { params: (request.params ?? {}) as Record<string, unknown>, query: (request.query ?? {}) as Record<string, unknown> },
                { repo, store, base: baseUrl(request, options.publicUrl) },
              );
              return result instanceof ApiFailure ? reply.code(result.status).send(errorBody(result.code, result.message)) : result;
            },
          });
        }

        scope.get('/openapi.json', async (request) => openApiDocument({ siteName, base: baseUrl(request, options.publicUrl) }));

        scope.get('/docs', async (request, reply) => {
          const sections = await repo.listSections();
          return reply.type('text/html; charset=utf-8').send(apiDocsPage({ siteName, sections, base: baseUrl(request, options.publicUrl) }));
        });
      },
      { prefix: API_PREFIX },
    );
  }

  return { name: 'api', register };
}
