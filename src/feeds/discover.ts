// Feed discovery: a site's address is enough to follow it. Pages advertise their feeds
// with <link rel="alternate" type="application/rss+xml" href="...">.
import { parseHTML } from 'linkedom';
import { resolveUrl } from '../text/url.js';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'text/xml',
  'application/xml',
]);

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
}

/** The feeds a page advertises, in page order, without duplicates. */
export function discoverFeedLinks(html: string, pageUrl: string): DiscoveredFeed[] {
  const { document } = parseHTML(html);
  const base = resolveUrl(document.querySelector('base[href]')?.getAttribute('href'), pageUrl) ?? pageUrl;
  const seen = new Set<string>();
  const feeds: DiscoveredFeed[] = [];
  for (const link of Array.from(document.querySelectorAll('link[rel][href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0]!.trim();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = resolveUrl(link.getAttribute('href'), base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    feeds.push({ url, title: link.getAttribute('title')?.trim() || null, type });
  }
  return feeds;
}

/** The page's own name, to name a source added by its site address. */
export function siteNameOf(html: string): string | null {
  const { document } = parseHTML(html);
  const og = document.querySelector('meta[property="og:site_name"]')?.getAttribute('content');
  return og?.trim() || document.querySelector('title')?.textContent?.trim() || null;
}
