// How features beyond the core pages (comments, the admin, sponsor slots, Most Popular…)
// plug into the site without the page templates knowing them: an extension registers its
// own routes, and contributes HTML to named places of the core pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleView, Story } from '../model.js';
import type { FreshField } from './cache/plugin.js';
import type { SafeHtml } from './html.js';

export interface PageContext {
  request: FastifyRequest;
  reply: FastifyReply;
}

/** Named places on the core pages where extensions may put HTML. */
export type SlotName = 'story-top' | 'story-bottom' | 'article-top' | 'article-bottom';

export interface SiteExtension {
  name: string;
  /** Its own routes, hooks and decorations. */
  register?(app: FastifyInstance): void | Promise<void>;
  /** After a story's coverage (a story's comments, say). */
  storyFooter?(story: Story, ctx: PageContext): Promise<SafeHtml | null>;
  /** After an article (its story's discussion, say). */
  articleFooter?(article: ArticleView, story: Story | null, ctx: PageContext): Promise<SafeHtml | null>;
  /** Widgets beside the content of the home, section, story and article pages. */
  sidebar?(ctx: PageContext): Promise<SafeHtml | null>;
  /** HTML for a named slot (sponsor snippets, say). */
  slot?(name: SlotName, ctx: PageContext): Promise<SafeHtml | null>;
  /** A short note per story for its cards and links ("12 comments"), by story id. */
  storyNotes?(storyIds: number[]): Promise<Map<number, string>>;
  /** Elements for the <head> of a story's page (its comments feed as rel="alternate", say). */
  storyHead?(story: Story, ctx: PageContext): Promise<SafeHtml | null>;
  /** Scripts (paths under /assets) the pages load, deferred. */
  scripts?: string[];
  /** Parts of its HTML made anew for every request (a form's token), which the page cache must not keep. */
  freshFields?: FreshField[];
}

/** Runs one hook of every extension and joins what they return, in registration order. */
export async function collect<T>(extensions: SiteExtension[], call: (e: SiteExtension) => Promise<T | null> | undefined): Promise<T[]> {
  const results = await Promise.all(extensions.map((e) => call(e) ?? Promise.resolve(null)));
  return results.filter((r): r is Awaited<T> => r !== null && r !== undefined) as T[];
}
