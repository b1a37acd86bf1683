// Atom 1.0 and 0.3. Their differences (issued/modified/created, mode="escaped|base64",
// content types) are folded here into the one Entry model.
import type { Enclosure, Feed } from '../model.js';
import { absolute, finishEntry, numberOrNull, personName } from './entry.js';
import { date, html, plainText, text, textConstructHtml, textConstructText } from './xml-values.js';
import { child, children, type XmlDocument, type XmlElement } from './xml.js';

function alternateLink(element: XmlElement, fallbackBase: string | null = null): string | null {
  const links = children(element, 'link');
  const pick =
    links.find((l) => (l.attrs.rel ?? 'alternate').toLowerCase() === 'alternate' && (!l.attrs.type || /html/i.test(l.attrs.type))) ??
    links.find((l) => (l.attrs.rel ?? 'alternate').toLowerCase() === 'alternate') ??
    links.find((l) => !/^(self|enclosure|edit|replies|hub|license|via)$/i.test(l.attrs.rel ?? ''));
  if (!pick) return null;
  return absolute(pick.attrs.href ?? text(pick), pick.attrs['xml:base'] !== undefined ? pick.base : pick.base ?? fallbackBase);
}

function personOf(element: XmlElement | null): string | null {
  if (!element) return null;
  return personName(plainText(child(element, 'name')) ?? text(child(element, 'email')) ?? plainText(element));
}

function enclosuresOf(entry: XmlElement): Enclosure[] {
  const out: Enclosure[] = [];
  for (const link of children(entry, 'link')) {
    if ((link.attrs.rel ?? '').toLowerCase() !== 'enclosure') continue;
    const url = absolute(link.attrs.href, link.base);
    if (url) out.push({ url, type: link.attrs.type ?? null, length: numberOrNull(link.attrs.length) });
  }
  for (const m of [...children(entry, 'media:content'), ...children(entry, 'media:group').flatMap((g) => children(g, 'media:content'))]) {
    const url = absolute(m.attrs.url, m.base);
    if (url) out.push({ url, type: m.attrs.type ?? (m.attrs.medium === 'image' ? 'image' : null), length: numberOrNull(m.attrs.filesize) });
  }
  for (const t of children(entry, 'media:thumbnail')) {
    const url = absolute(t.attrs.url, t.base);
    if (url) out.push({ url, type: 'image', length: null });
  }
  return out;
}

/** An entry id that is itself a web address, for entries without a link. */
function idAsLink(id: string | null): string | null {
  return id && /^https?:\/\/\S+$/i.test(id) ? id : null;
}

/** True when some element between `element` and the root sets xml:base. */
function hasXmlBase(element: XmlElement | null): boolean {
  for (let e = element; e; e = e.parent) if (e.attrs['xml:base'] !== undefined) return true;
  return false;
}

export function adaptAtom(doc: XmlDocument, root: XmlElement): Feed {
  const feedAuthor = personOf(child(root, 'author'));
  const feedLink = alternateLink(root);
  return {
    format: 'atom',
    title: textConstructText(doc, child(root, 'title')),
    link: feedLink,
    ttlMinutes: null,
    entries: children(root, 'entry').map((entry) => {
      const content = child(entry, 'content');
      const contentHtml = content && !content.attrs.src ? textConstructHtml(doc, content) : null;
      const source = child(entry, 'source');
      const id = text(child(entry, 'id'));
      // Without xml:base, relative entry links are relative to the site (the feed's own
      // alternate link), which is what publishers mean when their feed lives elsewhere.
      const entryLinks = children(entry, 'link');
      const relativeBase = entryLinks.some(hasXmlBase) ? null : feedLink;
      let link: string | null = null;
      if (relativeBase) {
        const pick = entryLinks.find((l) => (l.attrs.rel ?? 'alternate').toLowerCase() === 'alternate' && l.attrs.href);
        link = pick?.attrs.href && !/^[a-z][a-z0-9+.-]*:/i.test(pick.attrs.href) ? absolute(pick.attrs.href, relativeBase) : null;
      }
      return finishEntry({
        guid: id,
        title: textConstructText(doc, child(entry, 'title')),
        link: link ?? alternateLink(entry) ?? idAsLink(id),
        published: date(child(entry, 'published')) ?? date(child(entry, 'issued')) ?? date(child(entry, 'created')) ?? date(child(entry, 'dc:date')),
        updated: date(child(entry, 'updated')) ?? date(child(entry, 'modified')),
        author: personOf(child(entry, 'author')) ?? personName(plainText(child(entry, 'dc:creator'))) ?? personOf(child(source, 'author')) ?? feedAuthor,
        summary:
          textConstructHtml(doc, child(entry, 'summary')) ??
          html(doc, child(entry, 'media:description') ?? child(child(entry, 'media:group'), 'media:description')),
        content: contentHtml,
        categories: children(entry, 'category')
          .map((c) => c.attrs.label ?? c.attrs.term ?? text(c) ?? '')
          .filter(Boolean),
        enclosures: enclosuresOf(entry),
      });
    }),
  };
}
