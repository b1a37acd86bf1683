// The operations endpoints of every web process: /healthz (alive), /readyz (dependencies
// reachable), /metrics (Prometheus), and the hooks that give each request its id and time it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoopbackAddress } from '../web/admin/http.js';
import type { Readiness } from './health.js';
import { collectProcessMetrics, httpRequestDuration, registry } from './metrics.js';

export interface OpsRoutesOptions {
  readiness: Readiness;
  /** NEWSROOM_METRICS_TOKEN; null: /metrics answers this machine only. */
  metricsToken: string | null;
}

const UNMATCHED_ROUTE = '(unmatched)';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read /metrics. With a token: whoever presents it (a Prometheus elsewhere). Without
 * one: a client on this machine that is not a reverse proxy relaying someone else — a proxy on
 * loopback adds X-Forwarded-For/Forwarded, and those requests are refused.
 */
export function metricsAllowed(request: FastifyRequest, token: string | null): boolean {
  if (token) {
    const presented = /^Bearer\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1]?.trim() ?? '';
    return timingSafeEqual(digest(presented), digest(token));
  }
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !proxied && isLoopbackAddress(request.socket.remoteAddress);
}

export function registerOpsRoutes(app: FastifyInstance, options: OpsRoutesOptions): void {
  collectProcessMetrics();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // The route's pattern (/story/:id), never the raw URL: one series per route, not per story.
  app.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      { route: request.routeOptions.url ?? UNMATCHED_ROUTE, method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // Probes and scrapes come every few seconds; their request lines would bury the real ones.
  const quiet = { logLevel: 'warn' as const };

  app.get('/healthz', quiet, async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));

  app.get('/readyz', quiet, async (_request, reply) => {
    const report = await options.readiness.run();
    return reply
      .code(report.ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: report.ok ? 'ready' : 'unavailable', checks: report.checks });
  });

  app.get('/metrics', quiet, async (request, reply) => {
    if (!metricsAllowed(request, options.metricsToken)) {
      const status = options.metricsToken ? 401 : 403;
      return reply
        .code(status)
        .type('text/plain; charset=utf-8')
        .send(options.metricsToken ? 'a bearer token is required (NEWSROOM_METRICS_TOKEN)' : 'metrics are served to this machine only; set NEWSROOM_METRICS_TOKEN to read them from elsewhere');
    }
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics());
  });
}
