// A small site for the comments tests: an in-memory repository with two outlets, a fresh
// story and one 20 days old (made by the real StoriesService), the web app with the comments
// extension, and a clock the tests move forward (posting "later" than the form was shown).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { defaultConfig } from '../src/config.js';
import type { Article } from '../src/model.js';
import { StoriesService } from '../src/stories/service.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { buildApp } from '../src/web/app.js';
import type { PageCache } from '../src/web/cache/page-cache.js';
import { type CommentsExtension, commentsExtension } from '../src/web/comments/extension.js';
import type { SiteExtension } from '../src/web/extension.js';

export interface CommentsSite {
  repo: SqliteRepository;
  app: FastifyInstance;
  extension: CommentsExtension;
  stories: StoriesService;
  storyId: number;
  articleId: number;
  oldStoryId: number;
  /** Another recent story, on another event. */
  otherStoryId: number;
  now(): Date;
  advance(ms: number): void;
  get(path: string, cookie?: string): Promise<LightMyRequestResponse>;
  /**
   * Shows the form (GET `from`), waits `waitMs` on the site's clock, then posts it with the
   * token it carried and the given fields. A new client address each time unless `ip` is given.
   */
  post(storyId: number, fields: Record<string, string>, options?: PostOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface PostOptions {
  from?: string;
  cookie?: string;
  json?: boolean;
  ip?: string;
  waitMs?: number;
}

export const tokenIn = (body: string) => /name="token" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** The Set-Cookie of a response as a Cookie header value. */
export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return first ? first.split(';')[0]! : '';
}

export async function commentsSite(options: { port?: boolean; pageCache?: PageCache; extensions?: (repo: SqliteRepository) => SiteExtension[] } = {}): Promise<CommentsSite> {
  const repo = SqliteRepository.open(':memory:');
  let time = Date.now();
  const clock = () => new Date(time);
  const herald = await repo.addSource({ feedUrl: 'https://herald.example/feed.xml', siteUrl: 'https://herald.example/', name: 'The Harbor Herald', section: 'world' }, 15);
  const courier = await repo.addSource({ feedUrl: 'https://courier.example/feed.xml', name: 'Tessmoor Courier', section: 'world' }, 15);
  const stories = new StoriesService(repo);
  await stories.start(new Date(time - 30 * 24 * 3600_000));
  const publish = async (sourceId: number, slug: string, title: string, text: string, hoursAgo: number): Promise<Article> => {
    const at = new Date(time - hoursAgo * 3600_000);
    const [article] = await repo.insertArticles([
      {
        sourceId, guid: slug, url: `https://news.example/${slug}`, canonicalUrl: `https://news.example/${slug}`, title, author: null,
        summary: text, contentHtml: `<p>${text}</p>`, imageUrl: null, section: 'world', categories: [], publishedAt: at, fetchedAt: at,
      },
    ]);
    await stories.process([article!], at);
    return (await repo.getArticle(article!.id))!;
  };
  const old = await publish(herald.id, 'old-budget', 'Estravian budget passes after all-night session',
    'The Estravian parliament passed the budget at dawn after an all-night session, with 88 votes to 71.', 20 * 24);
  const bank = await publish(courier.id, 'bank-rates', 'Estravian central bank raises its key rate to 4.75%',
    'The Estravian central bank raised its key interest rate to 4.75 per cent on Thursday in a split vote, governor Ilse Varnholt said.', 3);
  const strike = await publish(herald.id, 'port-strike', 'Port strike enters third day in Portvale',
    'Dock workers in Portvale stayed out for a third day as talks between the union and the port authority stalled.', 2);
  await publish(courier.id, 'portvale-docks', 'Portvale dock strike: talks stall on third day',
    'Talks between the dock workers union and the Portvale port authority stalled on the third day of the strike.', 1);

  const extension = commentsExtension({ repo, clock });
  const app = await buildApp({ repo, config: defaultConfig(), extensions: [extension, ...(options.extensions?.(repo) ?? [])], pageCache: options.pageCache ?? null });
  if (options.port) await app.listen({ host: '127.0.0.1', port: 0 });
  let client = 0;

  const get = (path: string, cookie?: string) => app.inject({ url: path, headers: cookie ? { cookie } : {} });
  return {
    repo, app, extension, stories,
    storyId: strike.storyId!,
    articleId: strike.id,
    oldStoryId: old.storyId!,
    otherStoryId: bank.storyId!,
    now: clock,
    advance: (ms) => {
      time += ms;
    },
    get,
    async post(storyId, fields, opts = {}) {
      const page = await get(opts.from ?? `/story/${storyId}`, opts.cookie);
      time += opts.waitMs ?? 5000;
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.json ? { accept: 'application/json' } : { accept: 'text/html' }),
      };
      return app.inject({
        method: 'POST',
        url: `/story/${storyId}/comments`,
        headers,
        remoteAddress: opts.ip ?? `10.0.${Math.floor(++client / 250)}.${client % 250}`,
        payload: new URLSearchParams({ token: tokenIn(page.body), ...fields }).toString(),
      });
    },
    async close() {
      await app.close();
      await repo.close();
    },
  };
}
