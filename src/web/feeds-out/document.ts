// One feed, whatever the format it is written in: the three writers (rss.ts, atom.ts,
// json-feed.ts) turn this into RSS 2.0, Atom 1.0 and JSON Feed 1.1.

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedItem {
  /** Stable and unique: the absolute URL of our page for the item. */
  id: string;
  /** Our page for the item (story or article page). */
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** HTML made with the html`` template (every value escaped). */
  contentHtml: string;
  published: Date;
  updated: Date;
  /** The outlet (for a story: the outlet that first reported it). */
  author: string | null;
  /** The publisher's own page, for an article. */
  externalUrl: string | null;
  /** The outlet's feed, for RSS <source>. */
  source: { name: string; feedUrl: string } | null;
  categories: string[];
  imageUrl: string | null;
}

export interface FeedDocument {
  siteName: string;
  title: string;
  description: string;
  /** The page this feed follows: the home, a section or a story page. */
  homeUrl: string;
  /** The same feed in every format (each writer names its own as rel="self"). */
  feedUrls: Record<FeedFormat, string>;
  /** The newest item's time: derived from the data, so the body (and its ETag) is stable. */
  updated: Date;
  items: FeedItem[];
}

/** The newest of the items' update times; the epoch for an empty feed. */
export function newest(items: Array<Pick<FeedItem, 'updated'>>): Date {
  return new Date(Math.max(0, ...items.map((i) => i.updated.getTime())));
}
