// Home (Top Stories) and section pages: stories, ranked (src/stories/rank.ts), each as a
// card with its headline, lead image, summary, how many outlets cover it, who reported
// first and when; then the latest articles as a compact list.
import type { ArticleView, Section, Story } from '../../model.js';
import { html, type SafeHtml, safeHref } from '../html.js';
import type { Crumb } from '../layout.js';
import { leadImage, page, timeTag } from '../layout.js';
import type { PageExtras } from './extras.js';

export interface StoryCard {
  story: Story;
  firstOutlet: string | null;
  /** Notes from extensions ("3 comments"). */
  notes: string[];
}

function storyCard(card: StoryCard, sections: Section[], now: Date, lead: boolean): SafeHtml {
  const { story } = card;
  const section = sections.find((s) => s.slug === story.section);
  const image = safeHref(story.imageUrl);
  return html`<article class="card story-card${lead ? ' card-lead' : ''}${story.pinned ? ' pinned' : ''}" data-story="${story.id}">
  ${image ? leadImage(image, 'card-image', lead ? 'eager' : 'lazy') : ''}
  <div class="card-body">
    ${section ? html`<a class="kicker" href="/section/${section.slug}">${section.name}</a>` : ''}
    <h2 class="card-title"><a href="/story/${story.id}">${story.title}</a></h2>
    ${story.summary ? html`<p class="card-summary">${story.summary}</p>` : ''}
    <p class="meta">
      <a class="outlets" href="/story/${story.id}">${story.outletCount} ${story.outletCount === 1 ? 'outlet' : 'outlets'}</a>
      ${card.firstOutlet ? html` · first by <span class="outlet">${card.firstOutlet}</span>` : ''}
      · ${timeTag(story.lastReportedAt ?? story.updatedAt, now)}
      ${card.notes.length ? html` · ${card.notes.join(' · ')}` : ''}
    </p>
  </div>
</article>`;
}

function latestList(articles: ArticleView[], now: Date): SafeHtml {
  if (articles.length === 0) return html``;
  return html`<section class="latest" aria-labelledby="latest-heading">
  <h2 id="latest-heading">Latest</h2>
  <ol>${articles.map(
    (a) => html`<li><a href="/article/${a.id}">${a.title}</a> <span class="meta"><span class="outlet">${a.sourceName}</span> · ${timeTag(a.publishedAt, now)}</span></li>`,
  )}</ol>
</section>`;
}

export const STORIES_PER_PAGE = 30;

export function topStoriesPage(options: {
  siteName: string;
  sections: Section[];
  section: Section | null;
  cards: StoryCard[];
  latest: ArticleView[];
  page: number;
  hasMore: boolean;
  basePath: string;
  extras?: PageExtras;
}): string {
  const extras = options.extras ?? {};
  const { section, cards, sections, siteName } = options;
  const now = new Date();
  const heading = section ? section.name : 'Top Stories';
  const crumbs: Crumb[] = section
    ? [{ label: 'Home', href: '/' }, { label: section.name }]
    : [{ label: 'Home', href: '/' }, { label: 'Top Stories' }];
  const empty = section
    ? html`Nothing in ${section.name} yet. Stories appear here as the sources in this section publish.`
    : html`No stories yet. Add a source (<code>newsroom sources add URL</code>) and its articles appear here, grouped into stories, after the next fetch.`;
  const pager = html`<nav class="pager">${options.page > 1 ? html`<a rel="prev" href="${options.basePath}?page=${options.page - 1}">← Newer</a> ` : ''}${
    options.hasMore ? html`<a rel="next" href="${options.basePath}?page=${options.page + 1}">More stories →</a>` : ''
  }</nav>`;
  return page({
    siteName,
    title: section ? section.name : siteName,
    sections,
    active: section ? section.slug : 'top',
    breadcrumbs: crumbs,
    description: section ? `${section.name} news on ${siteName}: every story with all its coverage.` : `Top Stories on ${siteName}: every story with all its coverage.`,
    aside: extras.aside ?? null,
    scripts: extras.scripts ?? [],
    ...(extras.head ? { headLinks: extras.head } : {}),
    body: html`<h1 class="page-title">${heading}</h1>
${cards.length === 0 ? html`<p class="empty">${empty}</p>` : html`<div class="cards">${cards.map((c, i) => storyCard(c, sections, now, i === 0 && options.page === 1))}</div>`}
${options.page > 1 || options.hasMore ? pager : ''}
${options.page === 1 ? latestList(options.latest, now) : ''}`,
  });
}
