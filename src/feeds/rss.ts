// RSS 0.9x/2.0 and RSS 1.0 (RDF) share their item vocabulary once feedsmith has read them.
import type { Feed } from '../model.js';
import { finishEntry, parseDate, personName, plainTitle, text } from './entry.js';
import type { Loose } from './loose.js';
import { list } from './loose.js';

function authorOf(item: Loose): string | null {
  const creators = list(item.dc?.creators ?? item.dc?.creator);
  const author = list(item.authors ?? item.author)[0];
  return (
    personName(typeof author === 'object' ? author?.name ?? author?.email : author) ??
    personName(creators[0]) ??
    personName(item.itunes?.author)
  );
}

export function adaptRss(feed: Loose, format: 'rss' | 'rdf', feedUrl: string | null): Feed {
  const base = text(feed.link) ?? feedUrl;
  const resolveBase = feedUrl ?? base;
  const items = list(feed.items);
  return {
    format,
    title: plainTitle(feed.title),
    link: text(feed.link),
    ttlMinutes: typeof feed.ttl === 'number' ? feed.ttl : null,
    entries: items.map((item: Loose) => {
      const guid = text(item.guid?.value ?? item.guid) ?? text(item.rdf?.about);
      return finishEntry(
        {
          guid,
          title: plainTitle(item.title),
          link: text(item.link) ?? (item.guid?.isPermaLink !== false ? guid : null),
          published: parseDate(item.pubDate ?? item.dc?.date ?? item.dc?.dates?.[0]),
          updated: parseDate(item.dcterms?.modified),
          author: authorOf(item),
          summary: text(item.description),
          content: text(item.content?.encoded),
          categories: list(item.categories).map((c: Loose) => text(c?.name ?? c)).filter((c): c is string => !!c)
            .concat(list(item.dc?.subjects).map((s: Loose) => text(s)).filter((s): s is string => !!s)),
          enclosures: list(item.enclosures).map((e: Loose) => ({
            url: text(e.url) ?? '',
            type: text(e.type),
            length: typeof e.length === 'number' ? e.length : null,
          })),
        },
        resolveBase,
      );
    }),
  };
}
