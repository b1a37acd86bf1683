// The polite HTTP client every stage fetches through. One call = one resource, following
// at most N redirects by hand so that every hop passes the SSRF guard; the outcome is a
// value the caller records (never an exception for a network or HTTP failure).
import type { IncomingHttpHeaders } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { Agent } from 'undici';
import type { Config } from '../config.js';
import { decodersFor } from './content-coding.js';
import { HostLimiter } from './host-limiter.js';
import { checkLiteralHost, ForbiddenAddressError, guardedLookup } from './ssrf.js';

export interface ConditionalHeaders {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchedResource {
  kind: 'ok';
  status: number;
  url: string;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** max-age from Cache-Control, in seconds, when the server states one. */
  maxAgeSeconds: number | null;
}

export interface NotModified {
  kind: 'not_modified';
  status: 304;
  url: string;
  etag: string | null;
  lastModified: string | null;
  maxAgeSeconds: number | null;
}

export type FetchErrorKind = 'forbidden_address' | 'http' | 'timeout' | 'too_large' | 'too_many_redirects' | 'network' | 'invalid_url';

export interface FetchFailure {
  kind: 'error';
  error: FetchErrorKind;
  message: string;
  url: string;
  status: number | null;
  /** From Retry-After on 429 and 503, in milliseconds from now. */
  retryAfterMs: number | null;
}

export type FetchResult = FetchedResource | NotModified | FetchFailure;

export interface HttpClient {
  get(url: string, conditional?: ConditionalHeaders, accept?: string): Promise<FetchResult>;
  close(): Promise<void>;
}

/** Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export function parseMaxAge(cacheControl: string | null): number | null {
  const match = cacheControl?.match(/(?:^|,)\s*max-age\s*=\s*"?(\d+)/i);
  return match?.[1] ? Number(match[1]) : null;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function failure(url: string, error: FetchErrorKind, message: string, status: number | null = null, retryAfterMs: number | null = null): FetchFailure {
  return { kind: 'error', error, message, url, status, retryAfterMs };
}

/** Finds the SSRF refusal in an error chain (undici may wrap connect errors in `cause`). */
function forbiddenCause(err: unknown): ForbiddenAddressError | null {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof ForbiddenAddressError) return current;
    if ((current as { code?: string }).code === 'EFORBIDDENADDRESS') return current as ForbiddenAddressError;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** "CODE: message" for system, undici and zlib errors (UND_ERR_HEADERS_TIMEOUT, ECONNREFUSED, Z_DATA_ERROR). */
function describeNetworkError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  // DOMExceptions (the total timeout) carry a legacy numeric code that says nothing.
  if (typeof code === 'string') return `${code}: ${(err as Error).message ?? ''}`.trim();
  return err instanceof Error ? err.message : String(err);
}

/** Reads a body, decoded, giving up as soon as the decoded size passes the cap. */
async function readCapped(body: Readable, contentEncoding: string | null, maxBytes: number): Promise<Buffer | null> {
  let decoders;
  try {
    decoders = decodersFor(contentEncoding);
  } catch (err) {
    // undici's body reports a destroy before its end as an error: it has nowhere to go.
    body.on('error', () => {}).destroy();
    throw err;
  }
  // An error anywhere in the chain destroys every stream (the body too, so undici closes
  // the connection) and is thrown by the loop below.
  const decoded = decoders.length > 0 ? (pipeline([body, ...decoders], () => {}) as unknown as Readable) : body;
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the stream, so an oversized body is not downloaded.
  for await (const chunk of decoded as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** A response header as fetch's Headers.get gave it: repeated fields joined by ", ". */
function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

export function createHttpClient(config: Config['fetch']): HttpClient {
  const agent = new Agent({
    connect: { timeout: config.connectTimeoutMs, lookup: guardedLookup(config.allowLoopback) },
    headersTimeout: config.headersTimeoutMs,
    bodyTimeout: config.bodyTimeoutMs,
  });
  const limiter = new HostLimiter(config.perHostConcurrency, config.perHostSpacingMs);

  async function hop(url: URL, headers: Record<string, string>, signal: AbortSignal) {
    return limiter.run(url.host, async () => {
      const response = await agent.request({ origin: url.origin, path: url.pathname + url.search, method: 'GET', headers, signal });
      // Read the body inside the host slot so the slot measures the whole transfer.
      if (response.statusCode < 200 || response.statusCode >= 300) {
        // Redirects, 304s and errors: their body is not wanted, but reading it to the end
        // (up to undici's dump limit, past which it closes the connection) keeps the
        // connection reusable.
        await response.body.dump();
        return { response, body: Buffer.alloc(0) as Buffer | null };
      }
      return { response, body: await readCapped(response.body, headerValue(response.headers, 'content-encoding'), config.maxBytes) };
    });
  }

  async function get(rawUrl: string, conditional: ConditionalHeaders = {}, accept = '*/*'): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return failure(rawUrl, 'invalid_url', `not a valid URL: ${rawUrl}`);
    }
    const signal = AbortSignal.timeout(config.totalTimeoutMs);
    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return failure(url.href, 'invalid_url', `unsupported scheme ${url.protocol} (only http and https)`);
      }
      const literal = checkLiteralHost(url, config.allowLoopback);
      if (literal) return failure(url.href, 'forbidden_address', literal.message);
      // WHATWG fetch refused these, and nothing we fetch should need them.
      if (url.username || url.password) {
        return failure(url.href, 'network', `Request cannot be constructed from a URL that includes credentials: ${url.href}`);
      }
      // The two last headers are the ones fetch added on its own: publishers keep seeing
      // the request they saw when this client was built on fetch.
      const headers: Record<string, string> = {
        'user-agent': config.userAgent,
        accept,
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': '*',
        'sec-fetch-mode': 'cors',
      };
      // Validators belong to the URL they were given for: send them on the first hop only.
      if (redirects === 0 && conditional.etag) headers['if-none-match'] = conditional.etag;
      if (redirects === 0 && conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
      let result;
      try {
        result = await hop(url, headers, signal);
      } catch (err) {
        const forbidden = forbiddenCause(err);
        if (forbidden) return failure(url.href, 'forbidden_address', forbidden.message);
        if (signal.aborted || (err as { name?: string }).name === 'TimeoutError' || /timeout/i.test(describeNetworkError(err))) {
          return failure(url.href, 'timeout', `timed out: ${describeNetworkError(err)}`);
        }
        return failure(url.href, 'network', describeNetworkError(err));
      }
      const { response, body } = result;
      const status = response.statusCode;
      const header = (name: string) => headerValue(response.headers, name);
      if (REDIRECT_STATUSES.has(status)) {
        const location = header('location');
        if (!location) return failure(url.href, 'http', `HTTP ${status} without a Location header`, status);
        if (redirects >= config.maxRedirects) {
          return failure(url.href, 'too_many_redirects', `more than ${config.maxRedirects} redirects`, status);
        }
        try {
          url = new URL(location, url);
        } catch {
          return failure(url.href, 'invalid_url', `HTTP ${status} to an invalid Location: ${location}`, status);
        }
        continue;
      }
      const cache = {
        etag: header('etag'),
        lastModified: header('last-modified'),
        maxAgeSeconds: parseMaxAge(header('cache-control')),
      };
      if (status === 304) return { kind: 'not_modified', status: 304, url: url.href, ...cache };
      if (status < 200 || status >= 300) {
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header('retry-after')) : null;
        return failure(url.href, 'http', `HTTP ${status} ${response.statusText}`.trim(), status, retryAfterMs);
      }
      if (body === null) {
        return failure(url.href, 'too_large', `body larger than ${config.maxBytes} bytes`, status);
      }
      return { kind: 'ok', status, url: url.href, body, contentType: header('content-type'), ...cache };
    }
  }

  return { get, close: () => agent.close() };
}
