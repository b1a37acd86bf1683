// Most Popular: a sidebar widget (last 24 hours) and its own page (24 hours and 7 days),
// from story views counted on story and article pages (views.ts).
import type { Repository } from '../../store/repository.js';
import { portableQuery } from '../../store/portable.js';
import type { SiteExtension } from '../extension.js';
import { html, type SafeHtml } from '../html.js';
import { page } from '../layout.js';
import { isBot, type PopularStory, StoryViews } from './views.js';

function list(stories: PopularStory[], empty: string): SafeHtml {
  if (stories.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<ol class="popular-list">${stories.map(
    (s) => html`<li><a href="/story/${s.storyId}">${s.title}</a> <span class="meta">${s.views} ${s.views === 1 ? 'reader' : 'readers'}</span></li>`,
  )}</ol>`;
}

export function popularExtension(options: { repo: Repository; siteName: string; views?: StoryViews }): SiteExtension {
  const views = options.views ?? new StoryViews(portableQuery(options.repo));
  return {
    name: 'popular',
    register(app) {
      // Count a view when a story or article page was served to a reader.
      app.addHook('onResponse', async (request, reply) => {
        // Crawlers are not counted: asked first, so that they cost no lookup (cached pages answer them fast).
        if (request.method !== 'GET' || reply.statusCode !== 200 || isBot(request.headers['user-agent'])) return;
        const route = request.routeOptions.url;
        const id = Number((request.params as { id?: string }).id);
        if (!Number.isSafeInteger(id)) return;
        let storyId: number | null = null;
        if (route === '/story/:id') storyId = id;
        else if (route === '/article/:id') storyId = (await options.repo.getArticle(id))?.storyId ?? null;
        if (storyId !== null) await views.record(storyId, request.ip, request.headers['user-agent']);
      });

      app.get('/popular', async (_request, reply) => {
        const sections = await options.repo.listSections();
        const body = html`<h1 class="page-title">Most Popular</h1>
<div class="popular-columns">
  <section><h2>Last 24 hours</h2>${list(await views.popular(24, 20), 'No views in the last 24 hours yet.')}</section>
  <section><h2>Last 7 days</h2>${list(await views.popular(24 * 7, 20), 'No views in the last 7 days yet.')}</section>
</div>
<p class="meta">Counted without cookies: a reader's views of a story count once a day, identified only by a hash that changes daily; crawlers are not counted.</p>`;
        return reply.type('text/html; charset=utf-8').send(
          page({ siteName: options.siteName, title: 'Most Popular', sections, breadcrumbs: [{ label: 'Home', href: '/' }, { label: 'Most Popular' }], body }),
        );
      });
    },
    async sidebar() {
      const top = await views.popular(24, 5);
      if (top.length === 0) return null;
      return html`<section class="widget popular" aria-labelledby="popular-heading"><h2 id="popular-heading"><a href="/popular">Most Popular</a></h2>${list(top, '')}</section>`;
    },
  };
}
