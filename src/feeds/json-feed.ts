// JSON Feed 1.0 and 1.1.
import type { Feed } from '../model.js';
import { finishEntry, parseDate, plainTitle, text } from './entry.js';
import type { Loose } from './loose.js';
import { list } from './loose.js';

export function adaptJsonFeed(feed: Loose, feedUrl: string | null): Feed {
  const feedAuthor = text(list(feed.authors)[0]?.name) ?? text(feed.author?.name);
  return {
    format: 'json',
    title: plainTitle(feed.title),
    link: text(feed.home_page_url),
    ttlMinutes: null,
    entries: list(feed.items).map((item: Loose) =>
      finishEntry(
        {
          guid: text(item.id),
          title: plainTitle(item.title),
          link: text(item.url) ?? text(item.external_url),
          published: parseDate(item.date_published),
          updated: parseDate(item.date_modified),
          author: text(list(item.authors)[0]?.name) ?? text(item.author?.name) ?? feedAuthor,
          summary: text(item.summary),
          content: text(item.content_html) ?? text(item.content_text),
          categories: list(item.tags).map((t) => text(t)).filter((t): t is string => !!t),
          enclosures: [
            ...(text(item.image) ? [{ url: text(item.image)!, type: 'image', length: null }] : []),
            ...list(item.attachments).map((a: Loose) => ({
              url: text(a.url) ?? '',
              type: text(a.mime_type),
              length: typeof a.size_in_bytes === 'number' ? a.size_in_bytes : null,
            })),
          ],
        },
        feedUrl ?? text(feed.home_page_url),
      ),
    ),
  };
}
