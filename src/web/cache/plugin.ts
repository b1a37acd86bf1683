// The page cache in the request cycle. On a request for a cached route (rules.ts) from a
// reader with nothing personal: a kept page is answered before routing reaches the handler
// (304 when the reader's copy is current, compressed once per encoding when the reader
// accepts it); otherwise the handler renders it and the page is kept on its way out.
// Personal requests (one of our cookies: a commenter's held comments, an editor's session;
// a re-render of a refused comment form) are never answered from the cache nor kept, and
// are marked private. What a page makes anew for each request (the comment form's token)
// is a FreshField: kept as a hole between cached parts and filled on every answer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { onChange } from '../../store/changes.js';
import type { Repository } from '../../store/repository.js';
import { matchesIfNoneMatch } from '../feeds-out/conditional-get.js';
import { registerPageCacheMetrics } from './metrics.js';
import { type Encoding, type Hole, PageCache, type PageEntry } from './page-cache.js';
import { CACHE_RULES, type CacheRule, cacheKey, PAGE_CACHE_CONTROL, PRIVATE_CACHE_CONTROL } from './rules.js';

/** Finds, in a rendered page, the parts that must be made for each request. */
export interface FreshField {
  find(body: string): Array<{ start: number; end: number; make(): Promise<string> }>;
}

export interface PageCacheSettings {
  /** Memory for kept pages, in MB; 0 turns the cache off. */
  maxMB: number;
  /** Seconds a page is kept at most, changes announced or not. */
  ttlSeconds: number;
}

/** Answers tell whether the cache served them: for operators and the tests. */
export const CACHE_HEADER = 'x-newsroom-cache';

interface Pending {
  key: string;
  rule: CacheRule;
  since: { generation: number; at: number };
}

const pendingOf = new WeakMap<FastifyRequest, Pending>();

/** A request made for one visitor: one of our cookies, or one of our internal headers. */
export function isPersonal(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie;
  if (cookie && /(?:^|;)\s*newsroom_[^=;]*=/.test(cookie)) return true;
  if (request.headers.authorization) return true;
  return Object.keys(request.headers).some((h) => h.startsWith('x-newsroom-'));
}

/** The best encoding the request accepts among ours (brotli first), or null for identity. */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (e: string) => accepted.get(e) ?? (accepted.get('*') ?? 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

async function filled(entry: PageEntry): Promise<Buffer> {
  if (!entry.parts) return entry.body;
  const pieces: Buffer[] = [entry.parts[0]!];
  for (let i = 0; i < entry.holes.length; i++) pieces.push(Buffer.from(await entry.holes[i]!.make()), entry.parts[i + 1]!);
  return Buffer.concat(pieces);
}

function setHeaders(reply: FastifyReply, entry: PageEntry): void {
  reply.header('etag', entry.etag);
  reply.header('last-modified', entry.lastModified);
  reply.header('cache-control', entry.cacheControl);
  reply.header('vary', 'Accept-Encoding');
}

function notModified(reply: FastifyReply): string {
  reply.code(304);
  reply.removeHeader('content-length');
  return '';
}

/** Sends a kept page: 304, or the body (compressed when accepted and worth it). */
async function answer(request: FastifyRequest, reply: FastifyReply, entry: PageEntry, cache: PageCache, ownConditional: boolean): Promise<Buffer | string> {
  setHeaders(reply, entry);
  if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) return notModified(reply);
  reply.code(entry.status).type(entry.contentType);
  // A scope with its own conditional GET hashes what we send: identity keeps its ETag ours.
  const encoding = ownConditional ? null : acceptedEncoding(request.headers['accept-encoding']);
  const encoded = encoding ? cache.encodedBody(entry, encoding) : null;
  if (encoding && encoded) {
    reply.header('content-encoding', encoding);
    return encoded;
  }
  return filled(entry);
}

export function installPageCache(
  app: FastifyInstance,
  options: { cache: PageCache; repo: Repository; freshFields?: FreshField[] },
): void {
  const { cache, repo, freshFields = [] } = options;
  const stopListening = onChange(repo, (tags) => cache.invalidate(tags));
  const stopCounting = registerPageCacheMetrics(cache);
  app.addHook('onClose', async () => {
    stopListening();
    stopCounting();
  });

  // An editor's action (any successful form post in the admin) may change any page; cleared
  // before the answer leaves, so the page the editor goes to next shows the change.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'POST' && request.url.startsWith('/admin/') && reply.statusCode < 400) cache.clear();
    return payload;
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const rule = CACHE_RULES.get(request.routeOptions.url ?? '');
    if (!rule) return;
    if (isPersonal(request)) {
      reply.header('cache-control', PRIVATE_CACHE_CONTROL);
      return;
    }
    const key = cacheKey(request, rule);
    const entry = cache.get(key);
    if (!entry) {
      pendingOf.set(request, { key, rule, since: cache.mark() });
      reply.header(CACHE_HEADER, 'miss');
      return;
    }
    reply.header(CACHE_HEADER, 'hit');
    const body = await answer(request, reply, entry, cache, rule.cacheControl !== undefined);
    return reply.send(body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = pendingOf.get(request);
    if (!pending) return payload;
    pendingOf.delete(request);
    if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const text = typeof payload === 'string' ? payload : payload.toString('utf8');
    const found = freshFields.flatMap((f) => f.find(text)).sort((a, b) => a.start - b.start);
    const parts: Buffer[] = [];
    const holes: Hole[] = [];
    let at = 0;
    for (const hole of found) {
      if (hole.start < at) continue;
      parts.push(Buffer.from(text.slice(at, hole.start)));
      holes.push({ make: hole.make });
      at = hole.end;
    }
    parts.push(Buffer.from(text.slice(at)));
    const entry = cache.set(
      pending.key,
      {
        status: 200,
        contentType: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
        cacheControl: pending.rule.cacheControl ?? PAGE_CACHE_CONTROL,
        body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
        parts: holes.length > 0 ? parts : null,
        holes,
        tags: await pending.rule.tags(request, repo),
      },
      pending.since,
    );
    if (!entry) {
      reply.header('cache-control', pending.rule.cacheControl ?? PAGE_CACHE_CONTROL);
      return payload;
    }
    // This answer is the page as rendered: its holes are already fresh.
    setHeaders(reply, entry);
    if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) return notModified(reply);
    const encoding = pending.rule.cacheControl === undefined ? acceptedEncoding(request.headers['accept-encoding']) : null;
    const encoded = encoding ? cache.encodedBody(entry, encoding) : null;
    if (encoding && encoded) {
      reply.header('content-encoding', encoding);
      return encoded;
    }
    return payload;
  });
}
