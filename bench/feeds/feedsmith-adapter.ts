// The baseline: feedsmith's parseFeed on the same decoded text Newsroom gets, its format-shaped
// output mapped to the evaluation shape with a deliberately small adapter (the obvious field of
// each format, nothing clever). Relative links are resolved against the feed's URL so feedsmith
// is not penalised for leaving that to its caller.
import { parseFeed } from 'feedsmith';
import { decodeBody } from '../../src/fetch/charset.js';
import type { EvalEntry, EvalFeed } from './shape.js';

type FeedsmithResult = ReturnType<typeof parseFeed>;

/** Decodes the bytes by BOM / XML declaration (as Newsroom does) and parses with feedsmith. Throws on failure. */
export function feedsmithParse(bytes: Uint8Array): FeedsmithResult {
  return parseFeed(decodeBody(bytes, null).text);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** feedsmith returns dates as the feed's raw strings; read them as JavaScript does. */
function iso(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string' || !value.trim()) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function resolver(url: string | null | undefined): (link: unknown) => string | null {
  return (link) => {
    const value = str(link)?.trim();
    if (!value) return null;
    if (!url) return value;
    try {
      return new URL(value, url).href;
    } catch {
      return value;
    }
  };
}

interface AtomLinkLike {
  href?: string;
  rel?: string;
}

function alternate(links: AtomLinkLike[] | undefined): string | null {
  return str(links?.find((l) => !l.rel || l.rel === 'alternate')?.href);
}

/** feedsmith's parse result in the evaluation shape; `url` (the case's URL) resolves relative links. */
export function feedsmithShape(parsed: FeedsmithResult, url: string | null | undefined): EvalFeed {
  const resolve = resolver(url);
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      return {
        title: str(feed.title),
        link: resolve(feed.link),
        entries: (feed.items ?? []).map(
          (item): EvalEntry => ({
            id: str(item.guid?.value),
            title: str(item.title),
            link: resolve(item.link),
            published: iso(item.pubDate ?? item.dc?.dates?.[0]),
            updated: null,
            author: str(item.authors?.[0]?.name) ?? str(item.dc?.creators?.[0]),
            summary: str(item.description),
            content: str(item.content?.encoded),
          }),
        ),
      };
    }
    case 'rdf': {
      const feed = parsed.feed;
      return {
        title: str(feed.title),
        link: resolve(feed.link),
        entries: (feed.items ?? []).map(
          (item): EvalEntry => ({
            id: str(item.rdf?.about),
            title: str(item.title),
            link: resolve(item.link),
            published: iso(item.dc?.dates?.[0]),
            updated: null,
            author: str(item.dc?.creators?.[0]),
            summary: str(item.description),
            content: str(item.content?.encoded),
          }),
        ),
      };
    }
    case 'atom': {
      const feed = parsed.feed;
      return {
        title: str(feed.title?.value),
        link: resolve(alternate(feed.links)),
        entries: (feed.entries ?? []).map(
          (entry): EvalEntry => ({
            id: str(entry.id),
            title: str(entry.title?.value),
            link: resolve(alternate(entry.links)),
            published: iso(entry.published),
            updated: iso(entry.updated),
            author: str(entry.authors?.[0]?.name),
            summary: str(entry.summary?.value),
            content: str(entry.content?.value),
          }),
        ),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        title: str(feed.title),
        link: resolve(feed.home_page_url),
        entries: (feed.items ?? []).map(
          (item): EvalEntry => ({
            id: item.id == null ? null : String(item.id),
            title: str(item.title),
            link: resolve(item.url),
            published: iso(item.date_published),
            updated: iso(item.date_modified),
            author: str(item.authors?.[0]?.name),
            summary: str(item.summary),
            content: str(item.content_html) ?? str(item.content_text),
          }),
        ),
      };
    }
    default:
      throw new Error(`unknown feedsmith format ${(parsed as { format: string }).format}`);
  }
}
