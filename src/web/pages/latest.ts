// /latest (and a section's latest): every article, newest first, a page of cards at a time.
// It is not Top Stories, so it neither says so in its heading nor marks Top Stories as the
// current page in the navigation (screen readers announce aria-current).
import type { ArticleView, Section } from '../../model.js';
import { html } from '../html.js';
import type { Crumb } from '../layout.js';
import { page } from '../layout.js';
import type { PageExtras } from './extras.js';
import { articleList, nextCursor } from './article-list.js';

export const PAGE_SIZE = 30;

export function latestPage(options: {
  siteName: string;
  sections: Section[];
  section: Section | null;
  articles: ArticleView[];
  basePath: string;
  extras?: PageExtras;
}): string {
  const extras = options.extras ?? {};
  const { section, articles, sections, siteName } = options;
  const heading = section ? section.name : 'Latest';
  const cursor = nextCursor(articles, PAGE_SIZE);
  const crumbs: Crumb[] = section
    ? [{ label: 'Home', href: '/' }, { label: section.name }]
    : [{ label: 'Home', href: '/' }, { label: 'Latest' }];
  return page({
    siteName,
    title: section ? section.name : 'Latest',
    sections,
    active: section ? section.slug : null,
    breadcrumbs: crumbs,
    description: section ? `${section.name} news on ${siteName}` : `The latest news from every outlet ${siteName} follows.`,
    aside: extras.aside ?? null,
    scripts: extras.scripts ?? [],
    body: html`<h1 class="page-title">${heading}</h1>
${articleList(
  articles,
  sections,
  cursor ? `${options.basePath}?before=${encodeURIComponent(cursor)}` : null,
  section
    ? html`Nothing in ${section.name} yet. Articles appear here as the sources in this section publish them.`
    : html`No articles yet. Add a source (<code>newsroom sources add URL</code>) and its articles appear here after the next fetch.`,
)}`,
  });
}
