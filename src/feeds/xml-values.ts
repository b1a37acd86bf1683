// Reading values out of feed elements: text, HTML and dates, the same way in every adapter.
import { fastHtmlToText, looksLikeHtml, textToHtml } from '../text/html-text.js';
import { parseFeedDate } from './dates.js';
import { hasElementChildren, innerXml, textContent, type XmlDocument, type XmlElement } from './xml.js';

const CDATA = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;

/** The element's text, trimmed; null when empty or missing. */
export function text(element: XmlElement | null | undefined): string | null {
  if (!element) return null;
  const value = textContent(element).trim();
  return value || null;
}

/** Plain text for titles and names: inline or escaped markup dropped, references decoded. */
export function plainText(element: XmlElement | null | undefined): string | null {
  const value = text(element);
  if (value === null) return null;
  // Markup that leaves no text (a title that is only an <img>) is an empty title, not a missing one.
  return looksLikeHtml(value) ? fastHtmlToText(value) : value.replace(/\s+/g, ' ');
}

/**
 * The element's content as HTML. RSS puts escaped HTML in text (decoded once, it is HTML),
 * or, in broken feeds, unescaped markup as child elements (taken as written).
 */
export function html(doc: XmlDocument, element: XmlElement | null | undefined): string | null {
  if (!element) return null;
  if (hasElementChildren(element)) {
    const markup = innerXml(doc, element).replace(CDATA, '$1').trim();
    return markup || null;
  }
  return text(element);
}

/** An Atom text construct (title, subtitle, summary, content, rights) as HTML. */
export function textConstructHtml(doc: XmlDocument, element: XmlElement | null | undefined): string | null {
  if (!element) return null;
  const type = (element.attrs.type ?? '').toLowerCase();
  const mode = (element.attrs.mode ?? '').toLowerCase();
  let value: string | null;
  const binaryType = type.includes('/') && !type.startsWith('text/') && !/[+/]xml$/.test(type) && type !== 'application/xhtml+xml';
  if (mode === 'base64' || (binaryType && !hasElementChildren(element))) {
    const decoded = Buffer.from(textContent(element).replace(/\s+/g, ''), 'base64').toString('utf8').trim();
    return decoded ? (type.includes('html') || looksLikeHtml(decoded) ? decoded : textToHtml(decoded)) : null;
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml' || hasElementChildren(element)) {
    const div = element.children.find((c) => typeof c !== 'string' && (c.key === 'xhtml:div' || c.key === 'div'));
    const target = div && typeof div !== 'string' && element.children.every((c) => c === div || typeof c === 'string' && !c.trim()) ? div : element;
    value = innerXml(doc, target).replace(CDATA, '$1').trim();
    return value || null;
  }
  value = text(element);
  if (value === null) return null;
  if (type === 'html' || type.endsWith('/html') || mode === 'escaped') return value;
  // type="text" (or absent): plain text, escaped so that it stays text when shown as HTML.
  // Atom 0.3 feeds often omit the type and still carry HTML; keep that as HTML.
  return type === '' && looksLikeHtml(value) ? value : textToHtml(value);
}

/** An Atom text construct as plain text (titles). */
export function textConstructText(doc: XmlDocument, element: XmlElement | null | undefined): string | null {
  const value = textConstructHtml(doc, element);
  if (value === null) return null;
  return fastHtmlToText(value);
}

export function date(element: XmlElement | null | undefined): Date | null {
  const value = text(element);
  return value ? parseFeedDate(value) : null;
}
