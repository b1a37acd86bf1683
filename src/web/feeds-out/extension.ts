// Feeds out: Top Stories, each section and each story as RSS 2.0, Atom 1.0 and JSON Feed 1.1
// (docs/feeds-out.md). Bodies are built from the data only (no "now"), so the ETag — a hash
// of the body — changes exactly when the feed does.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Repository } from '../../store/repository.js';
import { apiStoreFor } from '../../store/api-store.js';
import type { SiteExtension } from '../extension.js';
import { baseUrl } from './base-url.js';
import { conditionalGet } from './conditional-get.js';
import { FEED_CONTENT_TYPES, FEED_FORMATS, type FeedDocument, type FeedFormat } from './document.js';
import { storiesFeed, storyFeed } from './items.js';
import { writeAtom } from './atom.js';
import { writeJsonFeed } from './json-feed.js';
import { writeRss } from './rss.js';

export interface FeedsOutOptions {
  repo: Repository;
  siteName: string;
  /** The site's public address ("https://news.example"); else taken from each request's Host. */
  publicUrl?: string | null;
  /** Stories in the Top Stories and section feeds. */
  storyLimit?: number;
  /** Articles in a story's feed (the newest). */
  articleLimit?: number;
}

export const FEEDS_CACHE_CONTROL = 'public, max-age=300';

const WRITERS: Record<FeedFormat, (doc: FeedDocument) => string> = { rss: writeRss, atom: writeAtom, json: writeJsonFeed };

/** "world.atom" → { name: "world", format: "atom" }. */
function feedFile(file: string, name: RegExp): { name: string; format: FeedFormat } | null {
  const match = /^(.+)\.(rss|atom|json)$/.exec(file);
  return match && name.test(match[1]!) ? { name: match[1]!, format: match[2] as FeedFormat } : null;
}

export function feedsOutExtension(options: FeedsOutOptions): SiteExtension {
  const { repo, siteName } = options;
  const api = apiStoreFor(repo);
  const storyLimit = options.storyLimit ?? 50;
  const articleLimit = options.articleLimit ?? 100;

  const send = (reply: FastifyReply, doc: FeedDocument, format: FeedFormat) =>
    reply.code(200).type(FEED_CONTENT_TYPES[format]).send(WRITERS[format](doc));

  const storiesDocument = async (request: FastifyRequest, sectionSlug: string | null): Promise<FeedDocument | null> => {
    const sections = await repo.listSections();
    const section = sectionSlug === null ? null : sections.find((s) => s.slug === sectionSlug);
    if (section === undefined) return null;
    const stories = await repo.latestStories({ limit: storyLimit, section: section?.slug });
    const firstOutlets = await api.firstOutlets(stories.map((s) => s.id));
    return storiesFeed({ siteName, base: baseUrl(request, options.publicUrl), sections, stories, firstOutlets }, section);
  };

  async function register(app: FastifyInstance): Promise<void> {
    await app.register(async (scope) => {
      scope.addHook('onSend', conditionalGet(FEEDS_CACHE_CONTROL));

      for (const format of FEED_FORMATS) {
        scope.get(`/feeds/top.${format}`, async (request, reply) => send(reply, (await storiesDocument(request, null))!, format));
      }

      scope.get<{ Params: { file: string } }>('/feeds/section/:file', async (request, reply) => {
        const file = feedFile(request.params.file, /^[a-z0-9-]{1,60}$/);
        const doc = file ? await storiesDocument(request, file.name) : null;
        return file && doc ? send(reply, doc, file.format) : reply.callNotFound();
      });

      scope.get<{ Params: { file: string } }>('/feeds/story/:file', async (request, reply) => {
        const file = feedFile(request.params.file, /^[1-9]\d{0,14}$/);
        const story = file ? await repo.getStory(Number(file.name)) : null;
        // A story merged into another: its feed goes on as the other's.
        const into = file && !story ? await repo.storyRedirect(Number(file.name)) : null;
        if (file && into !== null) return reply.redirect(`/feeds/story/${into}.${file.format}`, 301);
        if (!file || !story || story.hidden) return reply.callNotFound();
        const [sections, sources, articles] = await Promise.all([repo.listSections(), repo.listSources(), repo.storyArticles(story.id)]);
        const doc = storyFeed(
          { siteName, base: baseUrl(request, options.publicUrl), sections, sources: new Map(sources.map((s) => [s.id, s])) },
          story,
          articles.slice(-articleLimit),
        );
        return send(reply, doc, file.format);
      });
    });
  }

  return { name: 'feeds-out', register };
}
