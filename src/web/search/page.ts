// The search page: the form with its filters, the count, one result per story with its
// highlighted snippet, and the pages. Works without JavaScript; everything is escaped.
import type { Section, Source } from '../../model.js';
import { describeQuery } from '../../search/query.js';
import { PAGE_SIZE, type SearchOutcome } from '../../search/service.js';
import type { SearchHit } from '../../search/store.js';
import { plural } from '../format.js';
import { html, type SafeHtml, safeHref } from '../html.js';
import { page, timeTag } from '../layout.js';
import { markedHtml } from './highlight.js';
import { MAX_QUERY_LENGTH, type SearchParams, searchQueryString } from './params.js';

const selected = (on: boolean) => (on ? html` selected` : '');

/** The search box: on the search page (with filters) and as a widget beside the core pages. */
export function searchBox(options: { q?: string; filters?: SafeHtml; id?: string } = {}): SafeHtml {
  const id = options.id ?? 'search-q';
  return html`<form class="site-search" method="get" action="/search" role="search">
  <div class="site-search-row">
    <label class="search-hidden-label" for="${id}">Search the news</label>
    <input id="${id}" type="search" name="q" value="${options.q ?? ''}" maxlength="${MAX_QUERY_LENGTH}" placeholder="Search the news" autocomplete="off">
    <button type="submit">Search</button>
  </div>
  ${options.filters ?? ''}
</form>`;
}

export function searchWidget(): SafeHtml {
  return html`<section class="widget search-widget" aria-label="Search">${searchBox({ id: 'search-widget-q' })}</section>`;
}

function filterFields(params: SearchParams, sections: Section[], sources: Source[]): SafeHtml {
  const open = params.section !== '' || params.outlet !== '' || params.from !== '' || params.to !== '';
  return html`<details class="search-filters"${open ? html` open` : ''}>
  <summary>Filters</summary>
  <div class="search-filter-fields">
    <label>Section
      <select name="section">
        <option value="">All sections</option>
        ${sections.map((s) => html`<option value="${s.slug}"${selected(s.slug === params.section)}>${s.name}</option>`)}
      </select>
    </label>
    <label>Outlet
      <select name="outlet">
        <option value="">All outlets</option>
        ${sources.map((s) => html`<option value="${String(s.id)}"${selected(String(s.id) === params.outlet)}>${s.name}</option>`)}
      </select>
    </label>
    <label>From <input type="date" name="from" value="${params.from}"></label>
    <label>To <input type="date" name="to" value="${params.to}"></label>
  </div>
</details>`;
}

function result(hit: SearchHit, sections: Section[], now: Date): SafeHtml {
  const { article, story } = hit;
  const section = sections.find((s) => s.slug === article.section);
  const original = safeHref(article.url);
  return html`<li class="search-result">
  <h2 class="card-title"><a href="/article/${String(article.id)}">${markedHtml(article.markedTitle)}</a></h2>
  <p class="meta"><span class="outlet">${article.outlet}</span> · ${timeTag(article.publishedAt, now)}${
    section ? html` · <a href="/section/${section.slug}">${section.name}</a>` : ''}${
    original ? html` · <a href="${original}" rel="noopener">original ↗</a>` : ''}</p>
  ${article.snippet ? html`<p class="search-snippet">${markedHtml(article.snippet)}</p>` : ''}
  ${story
    ? html`<p class="search-story">${hit.moreInStory > 0
        ? html`<a href="/story/${String(story.id)}">${plural(hit.moreInStory, 'more article')} in this story</a>`
        : html`Story: <a href="/story/${String(story.id)}">${story.title}</a>`}</p>`
    : ''}
</li>`;
}

function pager(params: SearchParams, outcome: SearchOutcome): SafeHtml {
  const link = (p: number) => `/search?${searchQueryString(params, p)}`;
  const previous = outcome.page > 1 ? html`<a rel="prev" href="${link(outcome.page - 1)}">← Previous</a>` : '';
  const next = outcome.hasNext ? html`<a rel="next" href="${link(outcome.page + 1)}">Next →</a>` : '';
  if (!previous && !next) return html``;
  return html`<nav class="pager search-pager" aria-label="Result pages">${previous} <span class="meta">Page ${String(outcome.page)}</span> ${next}</nav>`;
}

function countLine(params: SearchParams, outcome: SearchOutcome): SafeHtml {
  const stories = outcome.capped ? `More than ${outcome.total.toLocaleString('en')} results` : plural(outcome.total, 'result');
  const from = (outcome.page - 1) * PAGE_SIZE + 1;
  const range = outcome.total > outcome.hits.length && outcome.hits.length > 0
    ? html` · showing ${String(from)}–${String(from + outcome.hits.length - 1)}`
    : '';
  return html`<p class="search-count" role="status">${stories} for <q>${params.q}</q>${range}</p>`;
}

function tips(): SafeHtml {
  return html`<p class="search-tips">Tips: all words must appear; <code>"exact phrase"</code>; <code>portv*</code> for words that begin so; <code>-word</code> to leave a word out.</p>`;
}

export function searchPage(options: {
  siteName: string;
  sections: Section[];
  sources: Source[];
  params: SearchParams;
  outcome: SearchOutcome | null;
  error?: string | null;
  now: Date;
}): string {
  const { params, outcome, sections, now } = options;
  const understood = outcome ? describeQuery(outcome.query) : '';
  let results: SafeHtml;
  if (options.error) {
    results = html`<p class="search-error" role="alert">${options.error}</p>`;
  } else if (!outcome || params.q === '') {
    results = tips();
  } else if (outcome.hits.length === 0) {
    const why = !outcome.searched && outcome.query.exclude.length > 0 ? ' Add a word to look for: words after “-” are only left out.' : '';
    const beyond = outcome.searched && outcome.page > 1 && outcome.total > 0 ? ` on page ${outcome.page}` : '';
    results = html`<p class="empty search-empty">No results for <q>${params.q}</q>${beyond}.${why}</p>${tips()}`;
  } else {
    results = html`${countLine(params, outcome)}
<ol class="search-results">${outcome.hits.map((h) => result(h, sections, now))}</ol>
${pager(params, outcome)}`;
  }
  const feed = params.q !== '' && !options.error
    ? html`<link rel="alternate" type="application/rss+xml" title="Search: ${params.q}" href="/search.rss?${searchQueryString(params)}">`
    : '';
  return page({
    siteName: options.siteName,
    title: params.q ? `${params.q} · Search` : 'Search',
    sections,
    active: null,
    breadcrumbs: [{ label: 'Home', href: '/' }, { label: 'Search' }],
    description: `Search every article on ${options.siteName}.`,
    headLinks: html`<meta name="robots" content="noindex">${feed}`,
    body: html`<h1 class="page-title">Search</h1>
${searchBox({ q: params.q, filters: filterFields(params, sections, options.sources) })}
${understood && understood.toLowerCase() !== params.q.toLowerCase() && !options.error ? html`<p class="meta search-understood">Searched for: ${understood}</p>` : ''}
${results}`,
  });
}
