// A story's page: the event whole. Headline and summary, the time span, who reported first,
// every outlet's coverage grouped and in order with syndicated copies folded under their
// original, the outlets cited, and a timeline.
import type { ArticleView, Section, Story, StoryCitation } from '../../model.js';
import { absoluteTime } from '../format.js';
import { html, type SafeHtml, safeHref } from '../html.js';
import type { Crumb } from '../layout.js';
import { leadImage, page, timeTag } from '../layout.js';
import type { PageExtras } from './extras.js';

interface OutletCoverage {
  outlet: string;
  sourceId: number;
  articles: ArticleView[];
}

export function groupCoverage(articles: ArticleView[]): { coverage: OutletCoverage[]; copiesOf: Map<number, ArticleView[]> } {
  const copiesOf = new Map<number, ArticleView[]>();
  const originals: ArticleView[] = [];
  const ids = new Set(articles.map((a) => a.id));
  for (const a of articles) {
    if (a.originalId !== null && ids.has(a.originalId)) copiesOf.set(a.originalId, [...(copiesOf.get(a.originalId) ?? []), a]);
    else originals.push(a);
  }
  const byOutlet = new Map<number, OutletCoverage>();
  for (const a of originals) {
    const group = byOutlet.get(a.sourceId) ?? { outlet: a.sourceName, sourceId: a.sourceId, articles: [] };
    group.articles.push(a);
    byOutlet.set(a.sourceId, group);
  }
  // Outlets in the order they joined the story; each outlet's articles oldest first.
  const coverage = [...byOutlet.values()].sort((x, y) => x.articles[0]!.publishedAt.getTime() - y.articles[0]!.publishedAt.getTime());
  return { coverage, copiesOf };
}

function articleLine(a: ArticleView, copies: ArticleView[], now: Date): SafeHtml {
  const original = safeHref(a.url);
  return html`<li class="coverage-item">
  <a class="coverage-title" href="/article/${a.id}">${a.title}</a>
  <span class="meta">${timeTag(a.publishedAt, now)}${a.author ? html` · ${a.author}` : ''}${original ? html` · <a href="${original}" rel="noopener">original ↗</a>` : ''}</span>
  ${copies.length
    ? html`<ul class="copies">${copies.map(
        (c) => html`<li>Republished by <a href="/article/${c.id}">${c.sourceName}</a> · ${timeTag(c.publishedAt, now)}</li>`,
      )}</ul>`
    : ''}
</li>`;
}

export function storyPage(options: {
  siteName: string;
  sections: Section[];
  story: Story;
  articles: ArticleView[];
  citations: StoryCitation[];
  extras?: PageExtras;
}): string {
  const extras = options.extras ?? {};
  const { story, articles, citations, sections, siteName } = options;
  const now = new Date();
  const section = sections.find((s) => s.slug === story.section) ?? null;
  const { coverage, copiesOf } = groupCoverage(articles);
  const first = articles.find((a) => a.id === story.firstArticleId) ?? null;
  const crumbs: Crumb[] = [{ label: 'Home', href: '/' }];
  if (section) crumbs.push({ label: section.name, href: `/section/${section.slug}` });
  crumbs.push({ label: story.title });
  const cited = new Map<string, StoryCitation[]>();
  for (const c of citations) cited.set(c.outlet, [...(cited.get(c.outlet) ?? []), c]);
  const timeline = [...articles].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id - b.id);
  const image = safeHref(story.imageUrl);
  return page({
    siteName,
    title: story.title,
    sections,
    active: section?.slug ?? null,
    breadcrumbs: crumbs,
    ...(story.summary ? { description: story.summary } : {}),
    aside: extras.aside ?? null,
    scripts: extras.scripts ?? [],
    ...(extras.head ? { headLinks: extras.head } : {}),
    body: html`${extras.top ?? ''}<article class="story">
  <header class="story-header">
    ${section ? html`<a class="kicker" href="/section/${section.slug}">${section.name}</a>` : ''}
    <h1>${story.title}</h1>
    ${story.summary ? html`<p class="lede">${story.summary}</p>` : ''}
    <p class="meta">
      <span class="outlet-count">${story.outletCount} ${story.outletCount === 1 ? 'outlet' : 'outlets'}</span>
      · ${story.articleCount} ${story.articleCount === 1 ? 'article' : 'articles'}
      ${(extras.storyNotes ?? []).map((note) => html` · <span class="story-note">${note}</span>`)}
      ${story.firstReportedAt && story.lastReportedAt
        ? html` · <span class="span">${absoluteTime(story.firstReportedAt)} – ${absoluteTime(story.lastReportedAt)}</span>`
        : ''}
    </p>
    ${first
      ? html`<p class="first-reported">First reported by <a href="/article/${first.id}">${first.sourceName}</a> · ${timeTag(first.publishedAt, now)}</p>`
      : ''}
  </header>
  ${image ? leadImage(image, 'article-image', 'eager') : ''}
  <section class="coverage" aria-labelledby="coverage-heading">
    <h2 id="coverage-heading">Full coverage</h2>
    ${coverage.map(
      (group) => html`<div class="coverage-outlet">
      <h3>${group.outlet}</h3>
      <ul>${group.articles.map((a) => articleLine(a, copiesOf.get(a.id) ?? [], now))}</ul>
    </div>`,
    )}
  </section>
  ${cited.size
    ? html`<section class="cited" aria-labelledby="cited-heading">
    <h2 id="cited-heading">Sources cited</h2>
    <ul>${[...cited.entries()].map(
      ([outlet, list]) => html`<li><strong>${outlet}</strong> — cited by ${[...new Set(list.map((c) => c.citingOutlet))].join(', ')} <span class="phrase">(“${list[0]!.phrase}”)</span></li>`,
    )}</ul>
  </section>`
    : ''}
  <section class="timeline" aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">Timeline</h2>
    <ol>${timeline.map(
      (a) => html`<li><time datetime="${a.publishedAt.toISOString()}">${absoluteTime(a.publishedAt)}</time> <strong>${a.sourceName}</strong>${a.originalId !== null ? ' republished' : ''}: <a href="/article/${a.id}">${a.title}</a></li>`,
    )}</ol>
  </section>
</article>${extras.bottom ?? ''}`,
  });
}
