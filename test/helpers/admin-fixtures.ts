// What the admin's whole-system tests share: a tiny publisher on loopback (a home page that
// advertises its RSS feed), the admin on an in-memory database, and a cookie-keeping client
// for Fastify's inject.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { defaultConfig, type Config } from '../../src/config.js';
import { createHttpClient, type HttpClient } from '../../src/fetch/http.js';
import type { QueueClient } from '../../src/queue/queues.js';
import type { StoryEditor } from '../../src/queue/story-editor.js';
import { StoriesService } from '../../src/stories/service.js';
import { adminStoreFor, type AdminStore } from '../../src/admin/store.js';
import type { Repository } from '../../src/store/repository.js';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.js';
import { adminExtension, type AdminExtension } from '../../src/web/admin/extension.js';
import type { ModerationApi } from '../../src/web/admin/moderation-api.js';
import { buildApp } from '../../src/web/app.js';

/** Cheap scrypt for tests: the cost is stored in each hash, so verification stays cheap too. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const ADMIN_EMAIL = 'editor@example.org';
export const ADMIN_PASSWORD = 'correct horse battery';

export interface FeedSite {
  url: string;
  feedUrl: string;
  /** Feeds served besides the main one (paths → RSS). */
  extraFeeds: Map<string, string>;
  close(): Promise<void>;
}

export function rss(title: string, items: Array<{ title: string; link: string; description: string }>): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://pier.example/</link>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid>${esc(i.link)}</guid><description>${esc(i.description)}</description><pubDate>${new Date(Date.now() - 3600_000).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
}

/** A publisher on 127.0.0.1: its home page advertises /feed.xml (so feed discovery is exercised). */
export async function startFeedSite(title = 'The Pier Gazette'): Promise<FeedSite> {
  const extraFeeds = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>${title}</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><h1>${title}</h1></body></html>`);
    } else if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(rss(title, [{ title: 'Harbour wall repairs begin', link: 'https://pier.example/news/harbour-wall', description: 'Work on the old harbour wall started on Monday.' }]));
    } else if (extraFeeds.has(path)) {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(extraFeeds.get(path));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    feedUrl: `http://127.0.0.1:${port}/feed.xml`,
    extraFeeds,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `R`: the engine under the admin — SQLite in memory unless a test passes its own repository. */
export interface AdminFixture<R extends Repository = SqliteRepository> {
  repo: R;
  store: AdminStore;
  stories: StoriesService;
  config: Config;
  http: HttpClient;
  extension: AdminExtension;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startAdmin<R extends Repository = SqliteRepository>(
  options: { moderation?: ModerationApi; repo?: R; queue?: QueueClient; editor?: StoryEditor } = {},
): Promise<AdminFixture<R>> {
  // Without a repository of its own the type parameter keeps its default, SqliteRepository.
  const repo = options.repo ?? (SqliteRepository.open(':memory:') as Repository as R);
  const config = defaultConfig();
  config.fetch.allowLoopback = true;
  config.fetch.perHostSpacingMs = 0;
  const http = createHttpClient(config.fetch);
  const stories = new StoriesService(repo);
  await stories.start();
  const store = adminStoreFor(repo);
  const extension = adminExtension(
    { repo, store, config, stories: options.editor ?? stories, http, queue: options.queue ?? null, moderation: options.moderation ?? null },
    { auth: { scrypt: TEST_SCRYPT } },
  );
  const created = await extension.auth.createUser(ADMIN_EMAIL, ADMIN_PASSWORD);
  if ('error' in created) throw new Error(created.error);
  const app = await buildApp({ repo, config, extensions: [extension] });
  return {
    repo, store, stories, config, http, extension, app,
    async close() {
      await app.close();
      await http.close();
      await repo.close();
    },
  };
}

type InjectResponse = Awaited<ReturnType<FastifyInstance['inject']>>;

/** A browser for inject: keeps cookies, finds the form's CSRF token, logs in. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  private keep(res: InjectResponse): InjectResponse {
    const header = res.headers['set-cookie'];
    for (const line of header === undefined ? [] : Array.isArray(header) ? header : [header]) {
      const [pair] = String(line).split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = decodeURIComponent(pair!.slice(eq + 1));
      if (/Max-Age=0/i.test(String(line))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ') } : {};
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<InjectResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { ...this.cookieHeader(), ...headers }, remoteAddress: this.remoteAddress }));
  }

  async post(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<InjectResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader(), ...headers },
        remoteAddress: this.remoteAddress,
      }),
    );
  }

  async postMultipart(url: string, fields: Record<string, string>, file: { field: string; filename: string; content: string }): Promise<InjectResponse> {
    const boundary = '----newsroomtest7MA4YWxkTrZu0gW';
    const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: text/x-opml\r\n\r\n${file.content}\r\n`);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: `${parts.join('')}--${boundary}--\r\n`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...this.cookieHeader() },
        remoteAddress: this.remoteAddress,
      }),
    );
  }

  /** The CSRF token of the first form on a page. */
  async csrf(url = '/admin'): Promise<string> {
    const res = await this.get(url);
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!match) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return match[1]!;
  }

  async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<InjectResponse> {
    const token = await this.csrf('/admin/login');
    return this.post('/admin/login', { _csrf: token, email, password, next: '/admin' });
  }

  /** Posts a form of the admin with the session's CSRF token. */
  async submit(url: string, fields: Record<string, string | string[]> = {}): Promise<InjectResponse> {
    return this.post(url, { _csrf: await this.csrf('/admin/account'), ...fields });
  }
}
