// The frame of every public page: header with the site's name and section navigation,
// breadcrumbs, the page's content, and a footer.
import type { Section } from '../model.js';
import { absoluteTime, relativeTime } from './format.js';
import { html, SafeHtml } from './html.js';

export interface Crumb {
  label: string;
  href?: string;
}

export interface PageOptions {
  siteName: string;
  title: string;
  sections: Section[];
  /** Slug of the section the page belongs to, or 'top' for Top Stories. */
  active?: string | null;
  breadcrumbs: Crumb[];
  description?: string;
  body: SafeHtml;
  /** Widgets beside the content (Most Popular, Recent Comments…), from the site's extensions. */
  aside?: SafeHtml | null;
  /** Scripts of our own (served from /assets), loaded deferred: pages work without them. */
  scripts?: string[];
  /** Extra <link> elements for the head (feeds advertised with rel="alternate", …). */
  headLinks?: SafeHtml;
  /** The keyboard shortcuts (keys.js); on unless a page promises to carry no script at all. */
  keyboard?: boolean;
}

/** Keyboard shortcuts (j/k, Enter, /) on every public page; see docs/accessibility.md. */
export const KEYS_SCRIPT = '/assets/keys.js';

export function timeTag(date: Date, now = new Date()): SafeHtml {
  return html`<time datetime="${date.toISOString()}" title="${absoluteTime(date)}">${relativeTime(date, now)}</time>`;
}

/**
 * A lead image with its box reserved before it loads, so nothing below it moves: the
 * width and height give the 16:9 ratio the stylesheet crops every lead image to.
 */
export function leadImage(src: string, className: 'card-image' | 'article-image', loading: 'eager' | 'lazy'): SafeHtml {
  const [width, height] = className === 'card-image' ? [640, 360] : [1200, 675];
  return html`<img class="${className}" src="${src}" alt="" width="${width}" height="${height}" loading="${loading}" decoding="async">`;
}

function breadcrumbs(crumbs: Crumb[]): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>${crumbs.map((c, i) =>
    i === crumbs.length - 1 || !c.href
      ? html`<li aria-current="${i === crumbs.length - 1 ? 'page' : 'false'}">${c.label}</li>`
      : html`<li><a href="${c.href}">${c.label}</a></li>`,
  )}</ol></nav>`;
}

export function page(options: PageOptions): string {
  const { siteName, sections, active } = options;
  const title = options.title === siteName ? siteName : `${options.title} · ${siteName}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
${options.headLinks ?? ''}
${[...new Set([...(options.keyboard === false ? [] : [KEYS_SCRIPT]), ...(options.scripts ?? [])])].map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="masthead">
  <div class="wrap masthead-row">
    <a class="brand" href="/">${siteName}</a>
    <span class="masthead-links"><a class="masthead-link" href="/search">Search</a> <a class="masthead-link" href="/sources">Sources</a></span>
  </div>
  <nav class="sections" aria-label="Sections">
    <ul class="wrap">
      <li><a href="/"${active === 'top' ? html` aria-current="page"` : ''}>Top Stories</a></li>
      ${sections.map(
        (s) => html`<li><a href="/section/${s.slug}"${active === s.slug ? html` aria-current="page"` : ''}>${s.name}</a></li>`,
      )}
    </ul>
  </nav>
</header>
<main id="main" class="wrap${options.aside ? ' with-aside' : ''}">
${breadcrumbs(options.breadcrumbs)}
${options.aside ? html`<div class="page-grid"><div class="page-main">${options.body}</div><aside class="page-aside">${options.aside}</aside></div>` : options.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${siteName} gathers the news from the publishers listed on <a href="/sources">Sources</a>; every article links to its original.</p>
    <p>Powered by Newsroom, a self-hosted news aggregator.</p>
    <p class="shortcuts">Keyboard: <kbd>j</kbd> and <kbd>k</kbd> move between stories, <kbd>Enter</kbd> opens one, <kbd>/</kbd> searches.</p>
  </div>
</footer>
</body>
</html>`.value;
}
