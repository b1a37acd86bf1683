// The list of article cards used by the home and section pages.
import type { ArticleView, Section } from '../../model.js';
import { html, SafeHtml, safeHref } from '../html.js';
import { leadImage, timeTag } from '../layout.js';

export function articleCard(article: ArticleView, sections: Section[], now: Date, lead = false): SafeHtml {
  const section = sections.find((s) => s.slug === article.section);
  const image = safeHref(article.imageUrl);
  return html`<article class="card${lead ? ' card-lead' : ''}">
  ${image ? leadImage(image, 'card-image', lead ? 'eager' : 'lazy') : ''}
  <div class="card-body">
    ${section ? html`<a class="kicker" href="/section/${section.slug}">${section.name}</a>` : ''}
    <h2 class="card-title"><a href="/article/${article.id}">${article.title}</a></h2>
    ${article.summary ? html`<p class="card-summary">${article.summary}</p>` : ''}
    <p class="meta"><span class="outlet">${article.sourceName}</span> · ${timeTag(article.publishedAt, now)}</p>
  </div>
</article>`;
}

export function articleList(articles: ArticleView[], sections: Section[], nextHref: string | null, emptyMessage: SafeHtml): SafeHtml {
  const now = new Date();
  if (articles.length === 0) return html`<p class="empty">${emptyMessage}</p>`;
  return html`<div class="cards">${articles.map((a, i) => articleCard(a, sections, now, i === 0))}</div>
${nextHref ? html`<nav class="pager"><a rel="next" href="${nextHref}">Older articles →</a></nav>` : ''}`;
}

/** The cursor of the page after this one: the last article's (time, id). */
export function nextCursor(articles: ArticleView[], pageSize: number): string | null {
  if (articles.length < pageSize) return null;
  const last = articles[articles.length - 1]!;
  return `${last.publishedAt.toISOString()}_${last.id}`;
}

export function parseCursor(value: unknown): { publishedAt: Date; id: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = value.match(/^(.+)_(\d+)$/);
  if (!match) return undefined;
  const publishedAt = new Date(match[1]!);
  return Number.isNaN(publishedAt.getTime()) ? undefined : { publishedAt, id: Number(match[2]) };
}
