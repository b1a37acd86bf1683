// Adding a source from what a person has at hand: a feed's address, or just the site's.
// A site's page is searched for advertised feeds, then common feed paths are tried;
// each candidate must actually parse as a feed before it is stored.
import type { Config } from '../config.js';
import { decodeBody } from '../fetch/charset.js';
import type { HttpClient } from '../fetch/http.js';
import { discoverFeedLinks, siteNameOf } from '../feeds/discover.js';
import { isParseError, parseFeedText } from '../feeds/parse.js';
import type { Feed, Source } from '../model.js';
import type { Repository } from '../store/repository.js';
import { DuplicateSourceError } from '../store/repository.js';
import { FEED_ACCEPT } from './poll-source.js';

const COMMON_FEED_PATHS = ['/feed', '/rss', '/feed.xml', '/rss.xml', '/atom.xml', '/feed.json', '/index.xml'];

export interface SubscribeOptions {
  name?: string | undefined;
  section?: string | undefined;
  intervalMinutes?: number | undefined;
  /**
   * Whether a web page may lead to its feeds (default true). Off for addresses that are
   * declared to be feeds, such as an OPML file's xmlUrl: there an HTML answer is an error.
   */
  discover?: boolean;
}

export type SubscribeResult = { source: Source; discoveredFrom: string | null } | { error: string };

interface FoundFeed {
  url: string;
  feed: Feed;
  siteName: string | null;
  discoveredFrom: string | null;
}

async function tryFeed(http: HttpClient, url: string): Promise<{ url: string; feed: Feed } | { error: string; html?: string }> {
  const result = await http.get(url, {}, FEED_ACCEPT);
  if (result.kind === 'error') return { error: result.message };
  if (result.kind === 'not_modified') return { error: 'unexpected 304 Not Modified' };
  const { text } = decodeBody(result.body, result.contentType);
  const parsed = parseFeedText(text, result.url);
  if (!isParseError(parsed)) return { url: result.url, feed: parsed.feed };
  const looksHtml = /html/i.test(result.contentType ?? '') || /^\s*<(!doctype\s+html|html)/i.test(text);
  return looksHtml ? { error: parsed.error, html: text } : { error: parsed.error };
}

/** Finds the feed behind an address: the address itself, or a feed its page leads to. */
export async function findFeed(http: HttpClient, address: string, discover = true): Promise<FoundFeed | { error: string }> {
  const direct = await tryFeed(http, address);
  if ('feed' in direct) return { ...direct, siteName: null, discoveredFrom: null };
  if (!discover || !('html' in direct) || direct.html === undefined) return { error: `${address}: ${direct.error}` };
  const candidates = discoverFeedLinks(direct.html, address).map((f) => f.url);
  // Common places, at the site's root and beside the page (a blog living under /blog/).
  for (const path of COMMON_FEED_PATHS) candidates.push(new URL(path, address).href);
  for (const path of COMMON_FEED_PATHS) candidates.push(new URL(path.slice(1), address).href);
  for (const candidate of [...new Set(candidates)]) {
    const found = await tryFeed(http, candidate);
    if ('feed' in found) return { ...found, siteName: siteNameOf(direct.html), discoveredFrom: address };
  }
  return { error: `${address} is a web page that advertises no feed that could be read` };
}

export async function subscribe(
  address: string,
  options: SubscribeOptions,
  deps: { http: HttpClient; repo: Repository; config: Config },
): Promise<SubscribeResult> {
  const found = await findFeed(deps.http, address, options.discover ?? true);
  if ('error' in found) return found;
  const section = options.section ? (await deps.repo.ensureSection(options.section)).slug : null;
  const name = options.name ?? found.feed.title ?? found.siteName ?? new URL(found.url).host;
  try {
    const source = await deps.repo.addSource(
      {
        feedUrl: found.url,
        siteUrl: found.feed.link ?? (found.discoveredFrom ? address : null),
        name,
        section,
        ...(options.intervalMinutes !== undefined ? { intervalMinutes: options.intervalMinutes } : {}),
      },
      deps.config.schedule.defaultIntervalMinutes,
    );
    return { source, discoveredFrom: found.discoveredFrom };
  } catch (err) {
    if (err instanceof DuplicateSourceError) return { error: err.message };
    throw err;
  }
}
