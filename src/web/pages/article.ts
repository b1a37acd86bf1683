// An article's page: its text as the feed gave it (as plain paragraphs, never the
// publisher's markup), and a clear credit and link to the original.
import type { ArticlePage, ArticleView, Section, Story } from '../../model.js';
import { htmlToParagraphs } from '../../text/html-text.js';
import { absoluteTime } from '../format.js';
import { html, safeHref } from '../html.js';
import type { Crumb } from '../layout.js';
import { leadImage, page, timeTag } from '../layout.js';
import type { PageExtras } from './extras.js';

export function articlePage(options: {
  siteName: string;
  sections: Section[];
  article: ArticleView;
  story?: Story | null;
  /** The publisher's page and what extraction made of it, when fetched. */
  page?: ArticlePage | null;
  /** The article this one republishes, when it is a syndicated copy. */
  original?: ArticleView | null;
  extras?: PageExtras;
}): string {
  const extras = options.extras ?? {};
  const { article, sections, siteName, story, original: originalArticle } = options;
  const section = sections.find((s) => s.slug === article.section) ?? null;
  // The text extracted from the publisher's page when there is one, else what the feed gave.
  const extracted = options.page?.status === 'ok' && options.page.text ? options.page.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) : [];
  const paragraphs = extracted.length > 0 ? extracted : article.contentHtml ? htmlToParagraphs(article.contentHtml) : [];
  const body = paragraphs.length > 0 ? paragraphs : article.summary ? [article.summary] : [];
  const byline = article.author ?? options.page?.byline ?? null;
  const original = safeHref(article.url);
  const image = safeHref(article.imageUrl);
  const crumbs: Crumb[] = [{ label: 'Home', href: '/' }];
  if (section) crumbs.push({ label: section.name, href: `/section/${section.slug}` });
  crumbs.push({ label: article.title });
  return page({
    siteName,
    title: article.title,
    sections,
    active: section?.slug ?? null,
    breadcrumbs: crumbs,
    ...(article.summary ? { description: article.summary } : {}),
    aside: extras.aside ?? null,
    scripts: extras.scripts ?? [],
    body: html`${extras.top ?? ''}<article class="article">
  <header class="article-header">
    ${section ? html`<a class="kicker" href="/section/${section.slug}">${section.name}</a>` : ''}
    <h1>${article.title}</h1>
    <p class="meta">
      <span class="outlet">${article.sourceName}</span>
      ${byline ? html` · <span class="byline">By ${byline}</span>` : ''}
      · ${timeTag(article.publishedAt)} <span class="abs-time">(${absoluteTime(article.publishedAt)})</span>
    </p>
  </header>
  ${image ? leadImage(image, 'article-image', 'eager') : ''}
  <div class="article-text">
    ${body.length ? body.map((p) => html`<p>${p}</p>`) : html`<p class="empty">The feed gave no text for this article.</p>`}
  </div>
  <aside class="attribution">
    ${original
      ? html`<a class="original" href="${original}" rel="noopener">Read the original article on ${article.sourceName}</a>`
      : html`<span>Published by ${article.sourceName}</span>`}
    ${safeHref(options.page?.supportUrl) ? html`<p class="support"><a href="${safeHref(options.page?.supportUrl)}" rel="noopener">Support ${article.sourceName}</a></p>` : ''}
    ${originalArticle
      ? html`<p class="syndicated">Republished by ${article.sourceName}; first published by <a href="/article/${originalArticle.id}">${originalArticle.sourceName}</a>.</p>`
      : article.statedOriginal
        ? html`<p class="syndicated">${article.sourceName} credits ${article.statedOriginal} as the original publisher.</p>`
        : ''}
  </aside>
  ${story && story.outletCount > 0
    ? html`<aside class="full-coverage"><a href="/story/${story.id}">Full coverage: ${story.outletCount} ${story.outletCount === 1 ? 'outlet' : 'outlets'}</a>
      <span class="meta">${story.title}${(extras.storyNotes ?? []).map((note) => html` · <span class="story-note">${note}</span>`)}</span></aside>`
    : ''}
</article>${extras.bottom ?? ''}`,
  });
}
