// Atom 0.3 and 1.0.
import type { Feed } from '../model.js';
import { finishEntry, parseDate, plainTitle, text } from './entry.js';
import type { Loose } from './loose.js';
import { list } from './loose.js';

function alternateLink(links: unknown): string | null {
  const all = list(links);
  const alternate = all.find((l: Loose) => !l.rel || l.rel === 'alternate') ?? all[0];
  return text(alternate?.href);
}

export function adaptAtom(feed: Loose, feedUrl: string | null): Feed {
  const feedLink = alternateLink(feed.links);
  return {
    format: 'atom',
    title: plainTitle(feed.title),
    link: feedLink,
    ttlMinutes: null,
    entries: list(feed.entries).map((entry: Loose) =>
      finishEntry(
        {
          guid: text(entry.id),
          title: plainTitle(entry.title),
          link: alternateLink(entry.links),
          published: parseDate(entry.published ?? entry.issued ?? entry.created),
          updated: parseDate(entry.updated ?? entry.modified),
          author: text(list(entry.authors)[0]?.name) ?? text(list(feed.authors)[0]?.name),
          summary: text(entry.summary),
          content: text(entry.content),
          categories: list(entry.categories).map((c: Loose) => text(c?.label ?? c?.term)).filter((c): c is string => !!c),
          enclosures: list(entry.links)
            .filter((l: Loose) => l.rel === 'enclosure')
            .map((l: Loose) => ({ url: text(l.href) ?? '', type: text(l.type), length: typeof l.length === 'number' ? l.length : null })),
        },
        feedUrl ?? feedLink,
      ),
    ),
  };
}
