// The web application: public pages rendered on the server, assets, health. Reads go
// through the repository only (web never reaches into fetch or feeds).
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Scheduler } from '../jobs/scheduler.js';
import type { Section, Story } from '../model.js';
import { writeOpml } from '../feeds/opml.js';
import type { Repository } from '../store/repository.js';
import { Readiness } from '../ops/health.js';
import { logger, requestIdFor } from '../ops/logger.js';
import { registerOpsRoutes } from '../ops/routes.js';
import { articlePage } from './pages/article.js';
import { parseCursor } from './pages/article-list.js';
import { latestPage, PAGE_SIZE } from './pages/latest.js';
import { notFoundPage } from './pages/not-found.js';
import { sourcesPage } from './pages/sources.js';
import { STORIES_PER_PAGE, topStoriesPage } from './pages/top-stories.js';
import { rankStories } from '../stories/rank.js';
import { relatedStories } from '../stories/related.js';
import { relatedBox } from './pages/related.js';
import { collect, type PageContext, type SiteExtension, type SlotName } from './extension.js';
import { html, type SafeHtml } from './html.js';
import { installPageCache } from './cache/plugin.js';
import type { PageCache } from './cache/page-cache.js';
import type { PageExtras } from './pages/extras.js';
import { storyPage } from './pages/story.js';
import { loadStaticAssets, sendStaticAsset } from './static-assets.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // Our own scripts only, never inline: pages work without them and they only enhance.
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: http: data:",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface AppDeps {
  repo: Repository;
  config: Config;
  scheduler?: Scheduler;
  /** Features that plug into the site: comments, the admin, … (see extension.ts). */
  extensions?: SiteExtension[];
  /** Rendered public pages kept in memory (src/web/cache/); none when absent. */
  pageCache?: PageCache | null;
  /** Readiness checks for /readyz; the store's is added when missing. */
  readiness?: Readiness;
}

export async function buildApp({ repo, config, scheduler, extensions = [], pageCache = null, readiness = new Readiness() }: AppDeps): Promise<FastifyInstance> {
  // Our pino instance, so request lines and the rest of the process share one JSON log.
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, genReqId: requestIdFor, requestIdHeader: false, trustProxy: false });
  if (!readiness.has('store')) readiness.register('store', () => repo.ping());
  registerOpsRoutes(app, { readiness, metricsToken: config.ops.metricsToken });
  const assets = loadStaticAssets();
  const siteName = config.siteName;

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  // Before the extensions' routes, so its hooks cover theirs too.
  if (pageCache) installPageCache(app, { cache: pageCache, repo, freshFields: extensions.flatMap((e) => e.freshFields ?? []) });

  const sendHtml = (reply: import('fastify').FastifyReply, body: string, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(body);

  const scripts = [...new Set(extensions.flatMap((e) => e.scripts ?? []))];
  const joined = (parts: SafeHtml[]) => (parts.length ? html`${parts}` : null);
  /** The page's feeds, advertised for readers' feed readers (served by the feeds-out extension). */
  const feedLinks = (path: string, title: string): SafeHtml => html`<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="/feeds/${path}.rss">
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="/feeds/${path}.atom">
<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="/feeds/${path}.json">`;
  const withHead = (extras: PageExtras, links: SafeHtml): PageExtras => ({ ...extras, head: html`${links}${extras.head ?? ''}` });

  /** Related stories of a story, among the stories of the last week (cached for a few minutes). */
  const relatedCache = new Map<number, { until: number; stories: Story[] }>();
  const relatedTo = async (story: Story): Promise<Story[]> => {
    const cached = relatedCache.get(story.id);
    if (cached && cached.until > Date.now()) return cached.stories;
    const recent = await repo.latestStories({ limit: 400 });
    const pool = recent.some((s) => s.id === story.id) ? recent : [story, ...recent];
    const byId = new Map(pool.map((s) => [s.id, s]));
    const related = relatedStories(story.id, pool.map((s) => ({ id: s.id, text: `${s.title}. ${s.title}. ${s.summary ?? ''}` })))
      .map((r) => byId.get(r.id)!)
      .filter((s) => !s.hidden);
    if (relatedCache.size > 2000) relatedCache.clear();
    relatedCache.set(story.id, { until: Date.now() + 5 * 60_000, stories: related });
    return related;
  };
  const withRelated = async (extras: PageExtras, story: Story | null): Promise<PageExtras> => {
    const box = story ? relatedBox(await relatedTo(story)) : null;
    return box ? { ...extras, bottom: html`${box}${extras.bottom ?? ''}` } : extras;
  };
  /** What the extensions add to a page: widgets beside it, slots and footers around it. */
  const pageExtras = async (
    ctx: PageContext,
    place: { top?: SlotName; bottom?: SlotName; footer?: () => Promise<SafeHtml[]>; story?: Story | null; storyHead?: boolean },
  ): Promise<PageExtras> => {
    const story = place.story ?? null;
    const [aside, top, bottom, footer, storyNotes, head] = await Promise.all([
      collect(extensions, (e) => e.sidebar?.(ctx)),
      place.top ? collect(extensions, (e) => e.slot?.(place.top!, ctx)) : Promise.resolve([]),
      place.bottom ? collect(extensions, (e) => e.slot?.(place.bottom!, ctx)) : Promise.resolve([]),
      place.footer ? place.footer() : Promise.resolve([]),
      story ? collect(extensions, (e) => e.storyNotes?.([story.id]).then((notes) => notes.get(story.id) ?? null)) : Promise.resolve([]),
      story && place.storyHead ? collect(extensions, (e) => e.storyHead?.(story, ctx)) : Promise.resolve([]),
    ]);
    return { aside: joined(aside), top: joined(top), bottom: joined([...bottom, ...footer]), scripts, storyNotes, head: joined(head) };
  };

  for (const extension of extensions) await extension.register?.(app);

  /** Top Stories of the site or of a section: ranked stories, a page of them, and the latest articles. */
  const storiesPage = async (request: FastifyRequest, reply: FastifyReply, section: Section | null, sections: Section[]) => {
    const now = new Date();
    const pageNumber = Math.max(1, Math.min(20, Number((request.query as Record<string, unknown>).page) || 1));
    const candidates = await repo.rankingCandidates({
      since: new Date(now.getTime() - config.ranking.windowHours * 3_600_000),
      velocitySince: new Date(now.getTime() - config.ranking.velocityHours * 3_600_000),
      section: section?.slug,
      limit: 600,
    });
    const firstOutlet = new Map(candidates.map((c) => [c.story.id, c.firstOutlet]));
    const ranked = rankStories(candidates, now, config.ranking);
    const shown = ranked.slice((pageNumber - 1) * STORIES_PER_PAGE, pageNumber * STORIES_PER_PAGE);
    const notes = await collect(extensions, (e) => e.storyNotes?.(shown.map((s) => s.id)));
    const cards = shown.map((story) => ({
      story,
      firstOutlet: firstOutlet.get(story.id) ?? null,
      notes: notes.map((n) => n.get(story.id)).filter((n): n is string => !!n),
    }));
    const latest = pageNumber === 1 ? await repo.latestArticles({ limit: 12, section: section?.slug }) : [];
    const extras = withHead(
      await pageExtras({ request, reply }, {}),
      section ? feedLinks(`section/${section.slug}`, `${siteName}: ${section.name}`) : feedLinks('top', `${siteName}: Top Stories`),
    );
    return sendHtml(
      reply,
      topStoriesPage({
        siteName, sections, section, cards, latest, page: pageNumber,
        hasMore: ranked.length > pageNumber * STORIES_PER_PAGE, basePath: section ? `/section/${section.slug}` : '/', extras,
      }),
    );
  };

  app.get('/', async (request, reply) => storiesPage(request, reply, null, await repo.listSections()));

  // Every article, newest first (what the home page showed before stories).
  app.get('/latest', async (request, reply) => {
    const sections = await repo.listSections();
    const before = parseCursor((request.query as Record<string, unknown>).before);
    const articles = await repo.latestArticles({ limit: PAGE_SIZE, before });
    const extras = await pageExtras({ request, reply }, {});
    return sendHtml(reply, latestPage({ siteName, sections, section: null, articles, basePath: '/latest', extras }));
  });

  app.get<{ Params: { slug: string } }>('/section/:slug', async (request, reply) => {
    const sections = await repo.listSections();
    const section = sections.find((s) => s.slug === request.params.slug);
    if (!section) return sendHtml(reply, notFoundPage({ siteName, sections, what: 'There is no such section.' }), 404);
    return storiesPage(request, reply, section, sections);
  });

  app.get<{ Params: { id: string } }>('/article/:id', async (request, reply) => {
    const sections = await repo.listSections();
    const id = Number(request.params.id);
    const article = Number.isSafeInteger(id) && id > 0 ? await repo.getArticle(id) : null;
    if (!article) return sendHtml(reply, notFoundPage({ siteName, sections, what: 'This article does not exist or was removed.' }), 404);
    const story = article.storyId !== null ? await repo.getStory(article.storyId) : null;
    const original = article.originalId !== null ? await repo.getArticle(article.originalId) : null;
    const ctx = { request, reply };
    const extras = await pageExtras(ctx, {
      top: 'article-top',
      bottom: 'article-bottom',
      footer: () => collect(extensions, (e) => e.articleFooter?.(article, story, ctx)),
      story,
    });
    const page = await repo.getArticlePage(article.id);
    return sendHtml(reply, articlePage({ siteName, sections, article, story, original, page, extras: await withRelated(extras, story) }));
  });

  app.get<{ Params: { id: string } }>('/story/:id', async (request, reply) => {
    const sections = await repo.listSections();
    const id = Number(request.params.id);
    const valid = Number.isSafeInteger(id) && id > 0;
    const story = valid ? await repo.getStory(id) : null;
    if (!story) {
      // Merged into another story: its address leads there, for good.
      const into = valid ? await repo.storyRedirect(id) : null;
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      if (into !== null) return reply.redirect(`/story/${into}${query}`, 301);
      return sendHtml(reply, notFoundPage({ siteName, sections, what: 'This story does not exist.' }), 404);
    }
    const [articles, citations] = await Promise.all([repo.storyArticles(id), repo.storyCitations(id)]);
    const ctx = { request, reply };
    const extras = await pageExtras(ctx, {
      top: 'story-top',
      bottom: 'story-bottom',
      footer: () => collect(extensions, (e) => e.storyFooter?.(story, ctx)),
      story,
      storyHead: true,
    });
    const withFeeds = await withRelated(story.hidden ? extras : withHead(extras, feedLinks(`story/${story.id}`, story.title)), story);
    return sendHtml(reply, storyPage({ siteName, sections, story, articles, citations, extras: withFeeds }));
  });

  app.get('/sources', async (_request, reply) => {
    const [sections, sources] = await Promise.all([repo.listSections(), repo.listSources()]);
    return sendHtml(reply, sourcesPage({ siteName, sections, sources }));
  });

  app.get('/sources.opml', async (_request, reply) => {
    const [sections, sources] = await Promise.all([repo.listSections(), repo.listSources()]);
    const nameOf = (slug: string) => sections.find((s) => s.slug === slug)?.name ?? slug;
    return reply.type('text/x-opml; charset=utf-8').send(writeOpml(sources, `${siteName} sources`, nameOf));
  });

  // The stylesheet and our scripts (progressive enhancement), from src/web/assets, compressed.
  app.get('/assets/site.css', async (request, reply) => sendStaticAsset(request, reply, assets.get('site.css')!));
  app.get('/assets/icon.svg', async (request, reply) => sendStaticAsset(request, reply, assets.get('icon.svg')!));
  // Pages name the icon; this is for clients that ask for the old default path anyway.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/icon.svg', 301));
  app.get<{ Params: { name: string } }>('/assets/:name.js', async (request, reply) => {
    const asset = assets.get(`${request.params.name}.js`);
    return asset ? sendStaticAsset(request, reply, asset) : reply.code(404).type('text/plain').send('not found');
  });

  app.setNotFoundHandler(async (_request, reply) => {
    const sections = await repo.listSections();
    return sendHtml(reply, notFoundPage({ siteName, sections, what: 'There is no page at this address.' }), 404);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, `${request.method} ${request.url} failed`);
    return reply.code(status).type('text/plain; charset=utf-8').send(status >= 500 ? 'Internal error' : (error as Error).message);
  });

  return app;
}
