// RSS 0.9x, 2.0 and 1.0 (RDF): one vocabulary once namespaces are resolved. In RSS 1.0
// and 0.90 the items are siblings of <channel>; in 0.91–2.0 they are inside it.
import type { Enclosure, Feed } from '../model.js';
import { absolute, finishEntry, numberOrNull, personName } from './entry.js';
import { parseFeedDate } from './dates.js';
import { date, html, plainText, text } from './xml-values.js';
import { child, children, type XmlDocument, type XmlElement } from './xml.js';

function categoriesOf(item: XmlElement): string[] {
  const out: string[] = [];
  for (const c of children(item, 'category')) {
    const value = text(c);
    if (value) out.push(value);
  }
  for (const key of ['dc:subject', 'media:category', 'itunes:category']) {
    for (const c of children(item, key)) {
      const value = text(c) ?? c.attrs.text ?? null;
      if (value) out.push(value);
    }
  }
  return out;
}

function enclosuresOf(item: XmlElement, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  const add = (url: string | undefined, type: string | null, length: string | null | undefined) => {
    const resolved = absolute(url, base);
    if (resolved) out.push({ url: resolved, type, length: numberOrNull(length) });
  };
  for (const e of children(item, 'enclosure')) add(e.attrs.url, e.attrs.type ?? null, e.attrs.length);
  const media = [...children(item, 'media:content'), ...children(item, 'media:group').flatMap((g) => children(g, 'media:content'))];
  for (const m of media) add(m.attrs.url, m.attrs.type ?? (m.attrs.medium === 'image' ? 'image' : null), m.attrs.filesize);
  for (const t of children(item, 'media:thumbnail')) add(t.attrs.url, 'image', null);
  const itunesImage = child(item, 'itunes:image');
  if (itunesImage) add(itunesImage.attrs.href, 'image', null);
  return out;
}

function alternateLink(element: XmlElement, base: string | null): string | null {
  for (const link of children(element, 'atom:link')) {
    const rel = (link.attrs.rel ?? 'alternate').toLowerCase();
    if (rel === 'alternate') return absolute(link.attrs.href, link.base ?? base);
  }
  return null;
}

/**
 * The link of a channel or item: an Atom-style <link href> written without its namespace
 * first (feeds that mix vocabularies mean it as the alternate), then <link> text.
 */
function linkOf(element: XmlElement): string | null {
  const links = children(element, 'link');
  for (const link of links) {
    const rel = (link.attrs.rel ?? 'alternate').toLowerCase();
    if (link.attrs.href && rel === 'alternate') {
      const resolved = absolute(link.attrs.href, link.base);
      if (resolved) return resolved;
    }
  }
  for (const link of links) {
    const resolved = absolute(text(link), link.base);
    if (resolved) return resolved;
  }
  return null;
}

function itemLink(item: XmlElement): string | null {
  const base = item.base;
  // FeedBurner rewrites links to its click tracker and keeps the publisher's in origLink.
  const original = absolute(text(child(item, 'feedburner:origlink')), base);
  if (original) return original;
  const own = linkOf(item);
  if (own) return own;
  const atom = alternateLink(item, base);
  if (atom) return atom;
  const guid = child(item, 'guid');
  const permaLink = (guid?.attrs.ispermalink ?? 'true').toLowerCase() !== 'false';
  const guidValue = text(guid);
  if (guid && permaLink && guidValue && /^https?:\/\//i.test(guidValue)) return absolute(guidValue, base);
  const about = item.attrs['rdf:about'] ?? item.attrs.href; // RSS 1.0 resource, CDF item
  if (about && /^https?:\/\//i.test(about)) return absolute(about, base);
  // A podcast episode without a page: its media file is what there is to open.
  for (const enclosure of children(item, 'enclosure')) {
    const url = absolute(enclosure.attrs.url, base);
    if (url) return url;
  }
  return null;
}

function authorOf(item: XmlElement, channelAuthor: string | null): string | null {
  for (const key of ['author', 'dc:creator', 'dc:author', 'itunes:author', 'atom:author']) {
    const element = child(item, key);
    if (!element) continue;
    const value = key === 'atom:author' ? plainText(child(element, 'atom:name')) ?? text(child(element, 'atom:email')) : plainText(element);
    const name = personName(value);
    if (name) return name;
  }
  return channelAuthor;
}

export function adaptRss(doc: XmlDocument, root: XmlElement, format: 'rss' | 'rdf'): Feed {
  const channel = root.key === 'channel' ? root : child(root, 'channel');
  const holders = [root, ...(channel && channel !== root ? [channel] : [])];
  // In document order, wherever they sit (inside <channel>, or beside it as in RSS 1.0).
  const items = holders.flatMap((h) => children(h, 'item')).sort((a, b) => a.innerStart - b.innerStart);
  const channelBase = channel?.base ?? root.base;
  const feedLink =
    (channel ? linkOf(channel) ?? alternateLink(channel, channelBase) : null) ?? absolute(channel?.attrs.href, channelBase);
  const channelAuthor = personName(
    plainText(child(channel, 'dc:creator')) ?? plainText(child(channel, 'itunes:author')) ?? null,
  );
  const ttl = numberOrNull(text(child(channel, 'ttl')));
  return {
    format,
    title: plainText(child(channel, 'title')) ?? plainText(child(channel, 'dc:title')),
    link: feedLink,
    ttlMinutes: ttl !== null && ttl > 0 ? ttl : null,
    entries: items.map((item) => {
      const link = itemLink(item);
      const description =
        html(doc, child(item, 'description')) ?? html(doc, child(item, 'dc:description')) ?? html(doc, child(item, 'abstract'));
      const encoded =
        html(doc, child(item, 'content:encoded')) ?? html(doc, child(item, 'xhtml:body')) ?? html(doc, child(item, 'body')) ??
        html(doc, child(item, 'fullitem'));
      const summary =
        description ?? html(doc, child(item, 'summary')) ?? html(doc, child(item, 'itunes:summary')) ??
        html(doc, child(item, 'media:description')) ?? html(doc, child(child(item, 'media:group'), 'media:description'));
      // A second description-like element (RSS with both <description> and <summary>) adds to the content.
      const extra = description ? html(doc, child(item, 'summary')) : null;
      return finishEntry({
        guid: text(child(item, 'guid')) ?? text(child(item, 'dc:identifier')) ?? item.attrs['rdf:about'] ?? null,
        title: plainText(child(item, 'title')) ?? plainText(child(item, 'dc:title')) ?? plainText(child(item, 'media:title')),
        link,
        published:
          date(child(item, 'pubdate')) ?? date(child(item, 'dc:date')) ?? date(child(item, 'dcterms:issued')) ??
          date(child(item, 'dcterms:created')) ?? date(child(item, 'atom:published')) ?? date(child(item, 'issued')),
        updated:
          date(child(item, 'dcterms:modified')) ?? date(child(item, 'atom:updated')) ??
          (item.attrs.lastmod ? parseFeedDate(item.attrs.lastmod) : null), // CDF
        author: authorOf(item, channelAuthor),
        summary,
        content: encoded ?? (extra ? `${description}\n${extra}` : description),
        categories: categoriesOf(item),
        enclosures: enclosuresOf(item, item.base),
      });
    }),
  };
}
