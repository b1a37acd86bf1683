// Comments on the public site: a story's discussion under the story and under each of its
// articles, posting (a plain form POST, or JSON for comments.js), the Recent Comments widget,
// "N comments" notes, and each story's comments feed.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Comments, openComments } from '../../comments/open.js';
import type { PostOutcome } from '../../comments/service.js';
import type { Story } from '../../model.js';
import { announceChange, storyTag } from '../../store/changes.js';
import type { Repository } from '../../store/repository.js';
import type { FreshField } from '../cache/plugin.js';
import type { PageContext, SiteExtension } from '../extension.js';
import { plural } from '../format.js';
import type { SafeHtml } from '../html.js';
import { heldCookie, heldTokens } from './cookies.js';
import { commentsFeed } from './feed.js';
import { commentItem, commentsFeedLink, discussion, type FormState, recentCommentsWidget } from './render.js';

export interface CommentsExtensionOptions {
  repo: Repository;
  siteName?: string;
  /** The clock (tests move it to post "later" than the form was shown). */
  clock?: () => Date;
  /** Comments in the Recent Comments widget. */
  recentLimit?: number;
}

export type CommentsExtension = SiteExtension & { comments: Comments };

/** Re-rendering a page with a refused form: the state travels under a one-time key only this process knows. */
const STATE_HEADER = 'x-newsroom-comment-form';
const FORM_BODY_LIMIT = 64 * 1024;
const FEED_SIZE = 50;

const positiveId = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

const wantsJson = (request: FastifyRequest) => /\bapplication\/json\b/.test(request.headers.accept ?? '');

export function commentsExtension(options: CommentsExtensionOptions): CommentsExtension {
  const { repo } = options;
  const clock = options.clock ?? (() => new Date());
  const comments = openComments(repo);
  const { service } = comments;
  const pendingStates = new Map<string, FormState>();

  const formState = (request: FastifyRequest): FormState | null => {
    const key = request.headers[STATE_HEADER];
    return typeof key === 'string' ? (pendingStates.get(key) ?? null) : null;
  };

  /** The page a post came from: one of the story's articles, else the story. */
  const returnPath = async (value: unknown, storyId: number): Promise<string> => {
    const match = typeof value === 'string' ? /^\/article\/(\d{1,15})$/.exec(value) : null;
    if (match) {
      const article = await repo.getArticle(Number(match[1]));
      if (article?.storyId === storyId) return `/article/${article.id}`;
    }
    return `/story/${storyId}`;
  };

  const renderDiscussion = async (story: Story, ctx: PageContext, pagePath: string): Promise<SafeHtml> => {
    const now = clock();
    const state = formState(ctx.request);
    const [list, settings] = await Promise.all([service.forStory(story.id, heldTokens(ctx.request)), service.settings()]);
    const closed = await service.closed(story, now, settings);
    const replyId = state ? state.parentId : positiveId((ctx.request.query as Record<string, unknown> | undefined)?.replyto);
    const replyTo = replyId === null ? null : (list.find((c) => c.id === replyId && c.status === 'approved') ?? null);
    return discussion({
      story, comments: list, pagePath, closed, settings, state, replyTo, now,
      token: closed ? '' : await service.formToken(story.id, now),
    });
  };

  /** Without JavaScript, a refused post gets its page back with the messages beside the fields and the values kept. */
  const renderRefusal = async (
    app: FastifyInstance,
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: Extract<PostOutcome, { kind: 'refused' }>,
    path: string,
    parentId: number | null,
  ) => {
    const key = crypto.randomUUID();
    pendingStates.set(key, {
      values: outcome.form,
      errors: outcome.errors,
      message: outcome.message,
      parentId: outcome.reason === 'parent-gone' ? null : parentId,
    });
    try {
      const page = await app.inject({
        method: 'GET',
        url: path,
        headers: { accept: 'text/html', [STATE_HEADER]: key, ...(request.headers.cookie ? { cookie: request.headers.cookie } : {}) },
      });
      return reply.code(outcome.status).type('text/html; charset=utf-8').send(page.body);
    } finally {
      pendingStates.delete(key);
    }
  };

  async function register(app: FastifyInstance): Promise<void> {
    await app.register(async (scope) => {
      // Form posts (urlencoded), parsed here unless the site already has a parser for them.
      if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
        scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
          const fields = new Map<string, string>();
          for (const [k, v] of new URLSearchParams(body as string)) if (!fields.has(k)) fields.set(k, v);
          done(null, Object.fromEntries(fields));
        });
      }

      scope.post<{ Params: { id: string } }>('/story/:id/comments', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
        const storyId = positiveId(request.params.id);
        if (storyId === null) return reply.callNotFound();
        const body = (request.body ?? {}) as Record<string, unknown>;
        const outcome = await service.post({ storyId, body, clientAddress: request.ip, now: clock() });
        const json = wantsJson(request);

        if (outcome.kind === 'refused') {
          if (outcome.reason === 'not-found' && !json) return reply.callNotFound();
          if (json) {
            // A fresh token, so that posting again after "too quick" or "expired" works.
            const token = outcome.status === 400 ? await service.formToken(storyId, clock()) : undefined;
            return reply.code(outcome.status).send({ error: outcome.message, errors: outcome.errors, reason: outcome.reason, token });
          }
          return renderRefusal(app, request, reply, outcome, await returnPath(body.return_to, storyId), positiveId(body.parent_id));
        }

        const { comment } = outcome;
        const isHeld = comment.status !== 'approved';
        // Everyone sees a published comment at once: its story's pages, the widget, the "N comments" on cards.
        if (!isHeld) announceChange(repo, [storyTag(storyId), 'sidebar', 'lists']);
        if (isHeld && comment.heldToken) reply.header('set-cookie', heldCookie(heldTokens(request), comment.heldToken, request.protocol === 'https'));
        const location = `${await returnPath(body.return_to, storyId)}#comment-${comment.id}`;
        if (!json) return reply.redirect(location, 303);
        return reply.code(201).send({
          // A comment sent to spam looks held to its poster.
          status: isHeld ? 'pending' : 'approved',
          id: comment.id,
          parentId: comment.parentId,
          location,
          message: isHeld ? 'Your comment is awaiting moderation.' : 'Your comment is published.',
          html: commentItem(comment, { now: clock(), held: isHeld, replyHref: null }).value,
        });
      });
    });

    app.get<{ Params: { id: string } }>('/story/:id/comments.rss', async (request, reply) => {
      const storyId = positiveId(request.params.id);
      const story = storyId === null ? null : await repo.getStory(storyId);
      const into = storyId !== null && !story ? await repo.storyRedirect(storyId) : null;
      if (into !== null) return reply.redirect(`/story/${into}/comments.rss`, 301);
      if (!story) return reply.callNotFound();
      const list = await comments.store.latestApproved(story.id, FEED_SIZE);
      const xml = commentsFeed({
        story, comments: list, baseUrl: `${request.protocol}://${request.host}`, siteName: options.siteName ?? 'Newsroom', now: clock(),
      });
      return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
    });
  }

  // The form's token says when the form was shown: a page kept by the cache gets a new one on every answer.
  const formTokens: FreshField = {
    find: (body) =>
      [...body.matchAll(/action="\/story\/(\d{1,15})\/comments">[^]*?name="token" value="([^"]*)"/g)].map((m) => {
        const start = m.index + m[0].length - m[2]!.length - 1;
        const storyId = Number(m[1]);
        return { start, end: start + m[2]!.length, make: () => service.formToken(storyId, clock()) };
      }),
  };

  return {
    name: 'comments',
    comments,
    register,
    freshFields: [formTokens],
    scripts: ['/assets/comments.js'],
    storyFooter: (story, ctx) => renderDiscussion(story, ctx, `/story/${story.id}`),
    articleFooter: async (article, story, ctx) => (story ? renderDiscussion(story, ctx, `/article/${article.id}`) : null),
    storyHead: async (story) => commentsFeedLink(story),
    sidebar: async () => {
      const recent = await service.recent(options.recentLimit ?? 5);
      return recent.length ? recentCommentsWidget(recent, clock()) : null;
    },
    storyNotes: async (storyIds) => {
      const counts = await service.counts(storyIds);
      return new Map([...counts].filter(([, n]) => n > 0).map(([id, n]) => [id, plural(n, 'comment')]));
    },
  };
}
