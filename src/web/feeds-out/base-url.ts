// The absolute address of the site, for links in feeds and API responses: the configured
// public URL when there is one (behind a proxy that rewrites Host, say), else the scheme and
// Host of the request. A Host that is not a host name or address is not echoed back.
import type { FastifyRequest } from 'fastify';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** "https://news.example" — no trailing slash. */
export function baseUrl(request: FastifyRequest, publicUrl?: string | null): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = request.host;
  return `${request.protocol}://${HOST.test(host) ? host.toLowerCase() : 'localhost'}`;
}
