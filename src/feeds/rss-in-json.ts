// "RSS in JSON": RSS 2.0's elements as a JSON object ({"rss": {"channel": {"item": [...]}}}),
// as some blogging tools publish it next to their XML feed.
import type { Feed } from '../model.js';
import { fastHtmlToText } from '../text/html-text.js';
import { parseFeedDate } from './dates.js';
import { absolute, finishEntry, personName } from './entry.js';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
/** A value as RSS-in-JSON writes it: a string, a number, or an object with its text in `#value`/`_`/`value`. */
const str = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  const o = obj(value);
  return o ? str(o['#value'] ?? o._ ?? o.value ?? o['#text']) : null;
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

export function isRssInJson(document: unknown): boolean {
  return obj(obj(document)?.rss)?.channel !== undefined;
}

export function adaptRssInJson(document: unknown, feedUrl: string | null): Feed {
  const channel = obj(obj(obj(document)?.rss)?.channel) ?? {};
  const site = absolute(str(channel.link), feedUrl);
  const base = feedUrl ?? site;
  return {
    format: 'json',
    title: str(channel.title) ? fastHtmlToText(str(channel.title)!) : null,
    link: site,
    ttlMinutes: null,
    entries: list(channel.item)
      .map(obj)
      .filter((item): item is Json => item !== null)
      .map((item) => {
        const date = str(item.pubDate);
        const guid = str(item.guid);
        return finishEntry({
          guid,
          title: str(item.title) ? fastHtmlToText(str(item.title)!) : null,
          link: absolute(str(item.link), base) ?? (guid && /^https?:/i.test(guid) ? guid : null),
          published: date ? parseFeedDate(date) : null,
          updated: null,
          author: personName(str(item.author) ?? str(item['dc:creator'])),
          summary: str(item.description),
          content: str(item['content:encoded']) ?? str(item.description),
          categories: list(item.category).map(str).filter((c): c is string => c !== null),
          enclosures: list(item.enclosure)
            .map(obj)
            .map((e) => ({ url: absolute(str(e?.url), base) ?? '', type: str(e?.type), length: Number(str(e?.length)) || null })),
        });
      }),
  };
}
