// JSON Feed 1.0 and 1.1.
import type { Enclosure, Feed } from '../model.js';
import { fastHtmlToText, textToHtml } from '../text/html-text.js';
import { absolute, finishEntry, numberOrNull, personName } from './entry.js';
import { parseFeedDate } from './dates.js';

type Json = Record<string, unknown>;

const str = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim() || null : typeof value === 'number' ? String(value) : null;
const obj = (value: unknown): Json | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const dateOf = (value: unknown) => {
  const s = str(value);
  return s ? parseFeedDate(s) : null;
};

/** Every author named in `authors` (1.1) and `author` (1.0), joined. */
function authorOf(holder: Json | null): string | null {
  if (!holder) return null;
  const names = [...arr(holder.authors), holder.author]
    .map((a) => personName(str(obj(a)?.name)))
    .filter((name): name is string => !!name);
  return names.length ? [...new Set(names)].join(', ') : null;
}

export function adaptJsonFeed(document: unknown, feedUrl: string | null): Feed | { error: string } {
  const feed = obj(document);
  if (!feed) return { error: 'not a feed: JSON that is not an object' };
  const version = str(feed.version);
  if (!arr(feed.items).length && !(version && /jsonfeed\.org/i.test(version))) {
    return { error: 'not a feed: a JSON document without JSON Feed version or items' };
  }
  const base = feedUrl ?? str(feed.feed_url);
  const feedAuthor = authorOf(feed);
  return {
    format: 'json',
    title: str(feed.title) ? fastHtmlToText(str(feed.title)!) : null,
    link: absolute(str(feed.home_page_url), base),
    ttlMinutes: null,
    entries: arr(feed.items)
      .map(obj)
      .filter((item): item is Json => item !== null)
      .map((item) => {
        const enclosures: Enclosure[] = [];
        for (const key of ['image', 'banner_image']) {
          const url = absolute(str(item[key]), base);
          if (url) enclosures.push({ url, type: 'image', length: null });
        }
        for (const attachment of arr(item.attachments).map(obj)) {
          const url = absolute(str(attachment?.url), base);
          if (url) enclosures.push({ url, type: str(attachment?.mime_type), length: numberOrNull(str(attachment?.size_in_bytes)) });
        }
        const contentText = str(item.content_text);
        return finishEntry({
          guid: str(item.id),
          title: str(item.title) ? fastHtmlToText(str(item.title)!) : null,
          link: absolute(str(item.url), base) ?? absolute(str(item.external_url), base),
          published: dateOf(item.date_published),
          updated: dateOf(item.date_modified),
          author: authorOf(item) ?? feedAuthor,
          summary: str(item.summary) ? textToHtml(str(item.summary)!) : null,
          content: str(item.content_html) ?? (contentText ? textToHtml(contentText) : null),
          categories: arr(item.tags).map(str).filter((t): t is string => t !== null),
          enclosures,
        });
      }),
  };
}
