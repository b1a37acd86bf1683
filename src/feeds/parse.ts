// One entry point for every feed format: decode, sniff, read, adapt to Feed.
// A feed that cannot be read is a value (FeedParseError), never an exception.
import { decodeBody } from '../fetch/charset.js';
import type { Feed } from '../model.js';
import { adaptAtom } from './atom.js';
import { adaptJsonFeed } from './json-feed.js';
import { adaptRssInJson, isRssInJson } from './rss-in-json.js';
import { adaptRss } from './rss.js';
import { formatOfRoot, sniffSyntax } from './sniff.js';
import { parseXml } from './xml.js';

export interface FeedParseError {
  error: string;
}

export type FeedParseResult = { feed: Feed } | FeedParseError;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Trailing commas and junk after the document are the usual breakage.
    const end = text.lastIndexOf('}');
    return JSON.parse(text.slice(0, end + 1).replace(/,\s*([}\]])/g, '$1'));
  }
}

/**
 * What readers show when a feed leaves things out: the site's address as the feed's title,
 * and as the link of an entry that has none. (Ingest does not take such an entry as an
 * article of its own: the site's address identifies no article.)
 */
function withSiteFallbacks(feed: Feed): Feed {
  if (!feed.link) return feed;
  return {
    ...feed,
    title: feed.title ?? feed.link,
    entries: feed.entries.map((e) => (e.link ? e : { ...e, link: feed.link, title: e.title ?? feed.link })),
  };
}

/** Parses feed text (already decoded); `feedUrl` resolves relative links. */
export function parseFeedText(body: string, feedUrl: string | null = null): FeedParseResult {
  const syntax = sniffSyntax(body);
  if (syntax === null) return { error: body.trim() ? 'not a feed: neither XML nor JSON' : 'empty document' };
  try {
    if (syntax === 'json') {
      let document: unknown;
      try {
        document = parseJson(body.replace(/^\uFEFF/, ''));
      } catch (err) {
        return { error: `not a feed: invalid JSON (${err instanceof Error ? err.message : String(err)})` };
      }
      const feed = isRssInJson(document) ? adaptRssInJson(document, feedUrl) : adaptJsonFeed(document, feedUrl);
      return 'error' in feed ? feed : { feed: withSiteFallbacks(feed) };
    }
    const doc = parseXml(body, { url: feedUrl });
    if (!doc.root) return { error: 'not a feed: no root element' };
    const format = formatOfRoot(doc.root);
    if (!format) {
      const name = doc.root.name.toLowerCase();
      return { error: name === 'html' ? 'not a feed: an HTML page' : `not a feed: root element <${doc.root.name}>` };
    }
    return { feed: withSiteFallbacks(format === 'atom' ? adaptAtom(doc, doc.root) : adaptRss(doc, doc.root, format)) };
  } catch (err) {
    // A bug, not a property of the feed: still a value for the caller, with the cause.
    return { error: `feed could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * Parses a feed's raw bytes: decodes them (BOM, HTTP charset, XML declaration, sniffing),
 * then parses the text. `url` is the address the feed was fetched from.
 */
export function parseFeedBytes(bytes: Uint8Array, options: { url?: string | null; contentType?: string | null } = {}): FeedParseResult {
  const { text } = decodeBody(bytes, options.contentType ?? null);
  return parseFeedText(text, options.url ?? null);
}

export function isParseError(result: FeedParseResult): result is FeedParseError {
  return 'error' in result;
}
