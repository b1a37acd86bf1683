// One entry point for every feed format: sniff, parse with feedsmith, adapt to Feed.
// A feed that cannot be read is a value (FeedParseError), never an exception.
import { parseFeed as feedsmithParse } from 'feedsmith';
import type { Feed } from '../model.js';
import { adaptAtom } from './atom.js';
import { adaptJsonFeed } from './json-feed.js';
import { adaptRss } from './rss.js';

export interface FeedParseError {
  error: string;
}

export type FeedParseResult = { feed: Feed } | FeedParseError;

/** Parses feed text (already decoded); `feedUrl` resolves relative links. */
export function parseFeedText(body: string, feedUrl: string | null = null): FeedParseResult {
  const content = body.replace(/^\uFEFF/, '').trimStart();
  if (!content) return { error: 'empty document' };
  let parsed: { format: string; feed: unknown };
  try {
    parsed = feedsmithParse(content) as { format: string; feed: unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { error: /^\s*<(!doctype\s+)?html/i.test(content) ? `not a feed: an HTML page (${message})` : `not a feed: ${message}` };
  }
  try {
    switch (parsed.format) {
      case 'rss':
      case 'rdf':
        return { feed: adaptRss(parsed.feed, parsed.format, feedUrl) };
      case 'atom':
        return { feed: adaptAtom(parsed.feed, feedUrl) };
      case 'json':
        return { feed: adaptJsonFeed(parsed.feed, feedUrl) };
      default:
        return { error: `unsupported feed format ${parsed.format}` };
    }
  } catch (err) {
    return { error: `feed could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function isParseError(result: FeedParseResult): result is FeedParseError {
  return 'error' in result;
}
