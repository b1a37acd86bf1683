// /admin/stories: the editor's hand on stories — pin, hide, rename, merge, split. Merges,
// splits and renames go through the StoriesService, which records them against articles
// so re-clustering keeps them; pins and hides are anchored to articles the same way.
import type { FastifyInstance } from 'fastify';
import type { Story } from '../../../model.js';
import type { AdminStory } from '../../../admin/store.js';
import { html } from '../../html.js';
import { timeTag } from '../../layout.js';
import { type AdminContext, idParam } from '../context.js';
import { formOf } from '../http.js';
import { type AdminView, adminPage, csrfField, postButton } from '../layout.js';

const PAGE_SIZE = 50;

function flagButtons(view: AdminView, story: Pick<Story, 'id' | 'pinned' | 'hidden'>, back: string) {
  return html`${postButton(view, `/admin/stories/${story.id}/${story.pinned ? 'unpin' : 'pin'}`, story.pinned ? 'Unpin' : 'Pin', { fields: { back } })}
${postButton(view, `/admin/stories/${story.id}/${story.hidden ? 'unhide' : 'hide'}`, story.hidden ? 'Show' : 'Hide', { fields: { back } })}`;
}

function badges(story: Pick<Story, 'pinned' | 'hidden'>) {
  return html`${story.pinned ? html`<span class="badge badge-pinned">pinned</span>` : ''}${story.hidden ? html`<span class="badge badge-hidden">hidden</span>` : ''}`;
}

function listBody(view: AdminView, stories: AdminStory[], page: number, more: boolean, search: string) {
  const now = new Date();
  const query = (p: number) => `/admin/stories?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  return html`<form class="admin-form search-form" method="get" action="/admin/stories">
  <label>Find a story <input type="search" name="q" value="${search}" placeholder="words of the headline, or #id"></label>
  <button type="submit" class="button">Search</button>
</form>
${stories.length === 0
  ? html`<p class="empty">No stories${search ? ' match' : ' yet'}.</p>`
  : html`<div class="table-scroll"><table class="admin-table">
<thead><tr><th scope="col">#</th><th scope="col">Headline</th><th scope="col">Coverage</th><th scope="col">Latest</th><th scope="col"></th></tr></thead>
<tbody>${stories.map(
      (s) => html`<tr${s.hidden ? html` class="paused"` : ''}>
<td>${s.id}</td>
<td><a href="/admin/stories/${s.id}"><strong>${s.title}</strong></a> ${badges(s)}${s.editorTitle ? html`<br><small>automatic: ${s.autoTitle}</small>` : ''}</td>
<td>${s.outletCount} ${s.outletCount === 1 ? 'outlet' : 'outlets'}, ${s.articleCount} ${s.articleCount === 1 ? 'article' : 'articles'}</td>
<td>${s.lastReportedAt ? timeTag(s.lastReportedAt, now) : '—'}</td>
<td class="actions">${flagButtons(view, s, query(page))} <a class="button-small" href="/admin/stories/${s.id}">Edit</a> <a class="button-small" href="/story/${s.id}">View</a></td>
</tr>`,
    )}</tbody></table></div>`}
<nav class="pager">${page > 1 ? html`<a href="${query(page - 1)}" rel="prev">← Newer</a> ` : ''}${more ? html`<a href="${query(page + 1)}" rel="next">Older →</a>` : ''}</nav>`;
}

async function storyBody(ctx: AdminContext, view: AdminView, story: Story) {
  const articles = await ctx.deps.repo.storyArticles(story.id);
  const own = articles.filter((a) => a.originalId === null);
  const csrf = view.session.csrfToken;
  const back = `/admin/stories/${story.id}`;
  return html`<p>${badges(story)} ${story.outletCount} ${story.outletCount === 1 ? 'outlet' : 'outlets'}, ${story.articleCount} ${story.articleCount === 1 ? 'article' : 'articles'} · <a href="/story/${story.id}">public page</a></p>
<section class="admin-panel">
<h2>Pin and hide</h2>
<p class="hint">A pinned story leads the story lists; a hidden one is left out of them.</p>
${flagButtons(view, story, back)}
${postButton(view, `/admin/stories/${story.id}/${story.commentsClosed ? 'open-comments' : 'close-comments'}`, story.commentsClosed ? 'Open comments' : 'Close comments', { fields: { back } })}
${story.commentsClosed ? html`<span class="hint">Comments are closed on this story.</span>` : ''}
</section>
<section class="admin-panel">
<h2>Headline</h2>
<form class="admin-form" method="post" action="/admin/stories/${story.id}/rename">${csrfField(csrf)}
  <label>Headline <input type="text" name="title" value="${story.editorTitle ?? ''}" maxlength="300" placeholder="${story.autoTitle}"></label>
  <button type="submit" class="button">Rename</button>
  <p class="hint">Leave it empty to go back to the automatic headline: “${story.autoTitle}”.</p>
</form>
</section>
<section class="admin-panel">
<h2>Merge</h2>
<form class="admin-form" method="post" action="/admin/stories/${story.id}/merge">${csrfField(csrf)}
  <label>Merge this story into story # <input type="number" name="into" min="1" step="1" required></label>
  <button type="submit" class="button">Merge</button>
  <p class="hint">For one event split in two. Later articles that would have joined this story join the other one.</p>
</form>
</section>
<section class="admin-panel">
<h2>Articles</h2>
<div class="table-scroll"><table class="admin-table">
<thead><tr><th scope="col">Article</th><th scope="col">Outlet</th><th scope="col">Published</th><th scope="col"></th></tr></thead>
<tbody>${articles.map(
    (a) => html`<tr><td><a href="/article/${a.id}">${a.title}</a>${a.originalId !== null ? html` <small>(copy of #${a.originalId})</small>` : ''}</td><td>${a.sourceName}</td><td>${timeTag(a.publishedAt)}</td>
<td>${a.originalId === null && own.length > 1 ? postButton(view, `/admin/articles/${a.id}/split`, 'Split out', { confirm: 'Take this article (and its copies) into a story of its own' }) : ''}</td></tr>`,
  )}</tbody></table></div>
<p class="hint">“Split out” takes an article that does not belong (with its republished copies) into a story of its own.</p>
</section>`;
}

function backTo(value: string, fallback: string): string {
  return /^\/admin\/stories(\/\d+)?(\?[\w=&%+#.-]*)?$/.test(value) ? value : fallback;
}

export function registerStoryRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { repo, stories } = ctx.deps;

  app.get('/stories', async (request, reply) => {
    await ctx.store.reapplyStoryFlags();
    const view = await ctx.view(request);
    const query = request.query as Record<string, unknown>;
    const page = idParam(query.page) ?? 1;
    const search = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const found = await ctx.store.stories({ limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, search: search || undefined });
    return ctx.send(reply, adminPage(view, { title: 'Stories', active: 'stories', body: listBody(view, found.slice(0, PAGE_SIZE), page, found.length > PAGE_SIZE, search) }));
  });

  app.get<{ Params: { id: string } }>('/stories/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    const story = id ? await repo.getStory(id) : null;
    if (!story) return await ctx.done(request, reply, '/admin/stories', 'There is no such story (it may have been merged into another).');
    const view = await ctx.view(request);
    return ctx.send(reply, adminPage(view, { title: story.title, active: 'stories', crumbs: [{ label: 'Stories', href: '/admin/stories' }, { label: `#${story.id}` }], body: await storyBody(ctx, view, story) }));
  });

  for (const [action, closed] of [['close-comments', true], ['open-comments', false]] as const) {
    app.post<{ Params: { id: string } }>(`/stories/:id/${action}`, async (request, reply) => {
      const id = idParam(request.params.id);
      const story = id ? await repo.getStory(id) : null;
      if (!story || !(await repo.setStoryFlags(story.id, { commentsClosed: closed }))) return await ctx.done(request, reply, '/admin/stories', 'There is no such story.');
      await ctx.audit(request, `story.${action}`, `story #${story.id} ${story.title}`);
      return await ctx.done(request, reply, `/admin/stories/${story.id}`, closed ? 'Comments are closed on this story.' : 'Comments are open on this story again.');
    });
  }

  const flags = { pin: ['pinned', true], unpin: ['pinned', false], hide: ['hidden', true], unhide: ['hidden', false] } as const;
  for (const [action, [flag, on]] of Object.entries(flags)) {
    app.post<{ Params: { id: string } }>(`/stories/:id/${action}`, async (request, reply) => {
      const id = idParam(request.params.id);
      const story = id ? await repo.getStory(id) : null;
      if (!story || !(await repo.setStoryFlags(story.id, { [flag]: on }))) return await ctx.done(request, reply, '/admin/stories', 'There is no such story.');
      await ctx.store.anchorStoryFlag(story.id, flag, on);
      await ctx.audit(request, `story.${action}`, `story #${story.id} ${story.title}`);
      const words = { pin: 'Pinned', unpin: 'Unpinned', hide: 'Hidden', unhide: 'Shown again' } as const;
      return await ctx.done(request, reply, backTo(formOf(request).text('back'), '/admin/stories'), `${words[action as keyof typeof words]}: ${story.title}`);
    });
  }

  app.post<{ Params: { id: string } }>('/stories/:id/rename', async (request, reply) => {
    const id = idParam(request.params.id);
    const story = id ? await repo.getStory(id) : null;
    if (!story) return await ctx.done(request, reply, '/admin/stories', 'There is no such story.');
    const title = formOf(request).text('title').replace(/\s+/g, ' ').slice(0, 300);
    await stories.rename(story.id, title || null);
    await ctx.audit(request, 'story.rename', `story #${story.id}`, { from: story.title, to: title || `(automatic) ${story.autoTitle}` });
    return await ctx.done(request, reply, `/admin/stories/${story.id}`, title ? `Renamed to “${title}”.` : 'The automatic headline is back.');
  });

  app.post<{ Params: { id: string } }>('/stories/:id/merge', async (request, reply) => {
    const id = idParam(request.params.id);
    const into = idParam(formOf(request).text('into'));
    const [from, target] = await Promise.all([id ? repo.getStory(id) : null, into ? repo.getStory(into) : null]);
    if (!from) return await ctx.done(request, reply, '/admin/stories', 'There is no such story.');
    if (!target || target.id === from.id) return await ctx.done(request, reply, `/admin/stories/${from.id}`, 'Not merged: give the number of another existing story.');
    try {
      await stories.merge(from.id, target.id);
    } catch (err) {
      return await ctx.done(request, reply, `/admin/stories/${from.id}`, `Not merged: ${(err as Error).message}.`);
    }
    await ctx.audit(request, 'story.merge', `story #${from.id} → #${target.id}`, { from: from.title, into: target.title });
    return await ctx.done(request, reply, `/admin/stories/${target.id}`, `Merged “${from.title}” into this story.`);
  });

  app.post<{ Params: { id: string } }>('/articles/:id/split', async (request, reply) => {
    const id = idParam(request.params.id);
    const article = id ? await repo.getArticle(id) : null;
    if (!article || article.storyId === null) return await ctx.done(request, reply, '/admin/stories', 'There is no such article in a story.');
    const before = article.storyId;
    let story: number;
    try {
      story = await stories.split(article.id);
    } catch (err) {
      return await ctx.done(request, reply, `/admin/stories/${before}`, `Not split: ${(err as Error).message}.`);
    }
    await ctx.audit(request, 'story.split', `article #${article.id} ${article.title}`, { fromStory: before, toStory: story });
    return await ctx.done(request, reply, `/admin/stories/${story}`, `“${article.title}” is now a story of its own.`);
  });
}
