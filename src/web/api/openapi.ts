// The OpenAPI 3.1 document, generated from the routes and schemas Fastify uses. Schemas
// named in NAMED_SCHEMAS become components and are referenced wherever they appear.
import { API_ROUTES, type ApiRoute } from './routes.js';
import { EXAMPLES } from './examples.js';
import { ErrorSchema, type JsonSchema, NAMED_SCHEMAS } from './schemas.js';

export const API_PREFIX = '/api';

/** "/v1/stories/:id" → "/api/v1/stories/{id}". */
export function openApiPath(route: Pick<ApiRoute, 'path'>): string {
  return `${API_PREFIX}${route.path.replace(/:([A-Za-z_]\w*)/g, '{$1}')}`;
}

const names = new Map<unknown, string>(NAMED_SCHEMAS.map(([name, schema]) => [schema, name]));

/** A copy of a schema with the named schemas inside it replaced by references to the components. */
function withRefs(schema: unknown, self?: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withRefs(s));
  if (schema === null || typeof schema !== 'object') return schema;
  const name = names.get(schema);
  if (name && schema !== self) return { $ref: `#/components/schemas/${name}` };
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, withRefs(v)]));
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** The parameters of a route, for OpenAPI and for the docs page. */
export function parametersOf(route: ApiRoute): OpenApiParameter[] {
  const from = (schema: JsonSchema | undefined, where: 'path' | 'query'): OpenApiParameter[] => {
    const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema?.required ?? []) as string[]);
    return Object.entries(properties).map(([name, { description, ...rest }]) => ({
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }));
  };
  return [...from(route.params, 'path'), ...from(route.querystring, 'query')];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter is not valid.',
  404: 'There is no such item (or it is hidden).',
};

export function openApiDocument(options: { siteName: string; base: string; routes?: ApiRoute[] }) {
  const routes = options.routes ?? API_ROUTES;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = parametersOf(route);
    paths[openApiPath(route)] = {
      get: {
        operationId: route.operationId,
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        ...(parameters.length ? { parameters } : {}),
        responses: {
          '200': {
            description: (route.response.description as string | undefined) ?? 'OK',
            headers: { ETag: { description: 'Hash of the body; send it back as If-None-Match.', schema: { type: 'string' } } },
            content: { 'application/json': { schema: withRefs(route.response), example: route.example } },
          },
          '304': { description: 'Not modified: the If-None-Match ETag is current.' },
          ...Object.fromEntries(
            route.errors.map((status) => [
              String(status),
              {
                description: ERROR_DESCRIPTIONS[status],
                content: { 'application/json': { schema: withRefs(ErrorSchema), example: status === 404 ? EXAMPLES.notFound : EXAMPLES.badRequest } },
              },
            ]),
          ),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${options.siteName} API`,
      version: '1.0.0',
      description:
        'Read-only access to the stories, articles, sections and sources of this site. Lists are paginated with opaque cursors; ' +
        'errors are {"error": {"code", "message"}}; every GET answers with an ETag and honours If-None-Match.',
    },
    servers: [{ url: options.base }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: { schemas: Object.fromEntries(NAMED_SCHEMAS.map(([name, schema]) => [name, withRefs(schema, schema)])) },
  };
}
