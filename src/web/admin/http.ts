// The HTTP details of the admin: cookies, form bodies (plain HTML forms, urlencoded or
// multipart for the OPML upload) and whether a request came over HTTPS or from loopback.
// Node's own URLSearchParams and undici's multipart reader (Response.formData) do the
// parsing, so no Fastify plugin is needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A submitted form: text fields, and uploaded files as text. */
export class Form {
  constructor(
    private readonly fields: Map<string, string[]>,
    private readonly files: Map<string, { filename: string; text: string }> = new Map(),
  ) {}

  static fromUrlEncoded(body: string): Form {
    const fields = new Map<string, string[]>();
    for (const [name, value] of new URLSearchParams(body)) fields.set(name, [...(fields.get(name) ?? []), value]);
    return new Form(fields);
  }

  static async fromMultipart(body: Buffer, contentType: string): Promise<Form> {
    const data = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': contentType } }).formData();
    const entries: Array<[string, FormDataEntryValue]> = [];
    data.forEach((value, name) => entries.push([name, value]));
    const fields = new Map<string, string[]>();
    const files = new Map<string, { filename: string; text: string }>();
    for (const [name, value] of entries) {
      if (typeof value === 'string') fields.set(name, [...(fields.get(name) ?? []), value]);
      else if (value.size > 0) files.set(name, { filename: value.name, text: await value.text() });
    }
    return new Form(fields, files);
  }

  /** A field's value, trimmed ('' when absent). */
  text(name: string): string {
    return (this.fields.get(name)?.[0] ?? '').trim();
  }

  /** A field's value exactly as sent, or undefined. */
  raw(name: string): string | undefined {
    return this.fields.get(name)?.[0];
  }

  all(name: string): string[] {
    return this.fields.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.fields.has(name);
  }

  file(name: string): { filename: string; text: string } | null {
    return this.files.get(name) ?? null;
  }
}

export function formOf(request: FastifyRequest): Form {
  return request.body instanceof Form ? request.body : new Form(new Map());
}

/**
 * Parses form bodies in the admin's own (encapsulated) context, replacing any parser
 * another extension put on the root for the same types.
 */
export function registerFormParsers(app: FastifyInstance): void {
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  }
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
    done(null, Form.fromUrlEncoded(String(body)));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, async (request: FastifyRequest, body: Buffer) => {
    try {
      return await Form.fromMultipart(body, String(request.headers['content-type']));
    } catch {
      throw Object.assign(new Error('The form could not be read.'), { statusCode: 400 });
    }
  });
}

export function readCookies(request: FastifyRequest): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of String(request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (cookies.has(name)) continue; // the most specific path comes first
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // a malformed value is treated as absent
    }
  }
  return cookies;
}

export interface CookieOptions {
  path: string;
  maxAgeSeconds?: number;
  secure: boolean;
}

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.secure) parts.push('Secure');
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header('set-cookie', [...list, parts.join('; ')]);
}

export function clearCookie(reply: FastifyReply, name: string, options: Omit<CookieOptions, 'maxAgeSeconds'>): void {
  setCookie(reply, name, '', { ...options, maxAgeSeconds: 0 });
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/, '');
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * Whether the browser reached us over HTTPS: directly, or through a reverse proxy on this
 * machine that says so (X-Forwarded-Proto is believed from loopback only).
 */
export function isHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' && isLoopbackAddress(request.socket.remoteAddress);
}

/** Session cookies may be set over HTTPS, or over plain HTTP from this machine only. */
export function transportAllowed(request: FastifyRequest): boolean {
  return isHttps(request) || isLoopbackAddress(request.socket.remoteAddress);
}
