// One walk over the whole page, before anything is removed, collecting what the metadata and
// the support link are read from: meta and link tags, the title, headings, microdata, <time>
// elements, byline candidates, links. One pass instead of a dozen selector queries.
import { attrOf } from './dom.js';

export interface Survey {
  /**
   * Meta tags by lower-cased name, property, itemprop or http-equiv; the first non-empty value
   * wins, except that a `property` tag replaces a `name` tag of the same key.
   */
  meta: Map<string, string>;
  /** The keys of `meta` whose value came from a `property` attribute. */
  metaByProperty: Set<string>;
  canonical: string | null;
  imageSrc: string | null;
  baseHref: string | null;
  title: string;
  lang: string | null;
  h1: Element[];
  /** The first element with each itemprop (headline, author, datePublished…), lower-cased. */
  itemprop: Map<string, Element>;
  /** <time datetime> elements outside page furniture, in document order. */
  times: Element[];
  /** Elements that may hold the byline (rel=author, class or id with "byline"/"author"), in document order. */
  bylines: Element[];
  /** Every link with an href. */
  links: Element[];
}

const BYLINE_HINT = /byline|author(?!ity)|writer|reporter/i;
const FURNITURE_HINT = /comment|related|recirc|sidebar|footer/i;
const FURNITURE_TAGS = new Set(['aside', 'nav', 'footer']);
const MAX_BYLINES = 30;

function walk(el: Element, s: Survey, furniture: boolean): void {
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    const name = child.localName;
    switch (name) {
      case 'meta': {
        const content = attrOf(child, 'content');
        if (content && content.trim()) {
          for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
            const key = attrOf(child, attr);
            if (!key) continue;
            // "og:title twitter:title" in one attribute means both.
            for (const k of key.toLowerCase().split(/\s+/)) {
              // Dublin Core comes as "DC.title", "dc:title", "dcterm:title"…: one spelling, "dc:" / "dcterms:".
              const canonical = k.replace(/^(dc|dcterms?)[.:]/, (_m, p: string) => `${p === 'dc' ? 'dc' : 'dcterms'}:`);
              // `property` is the attribute Open Graph and RDFa define; pages that carry both
              // spellings (DC.title as name, dc:title as property) mean the property one.
              if (!canonical || s.metaByProperty.has(canonical)) continue;
              if (attr === 'property') {
                s.meta.set(canonical, content.trim());
                s.metaByProperty.add(canonical);
              } else if (!s.meta.has(canonical)) s.meta.set(canonical, content.trim());
            }
          }
        }
        const itemprop = attrOf(child, 'itemprop');
        if (itemprop) for (const p of itemprop.toLowerCase().split(/\s+/)) if (p && !s.itemprop.has(p)) s.itemprop.set(p, child);
        continue;
      }
      case 'link': {
        const rel = (attrOf(child, 'rel') ?? '').toLowerCase();
        const href = attrOf(child, 'href');
        if (href && /\bcanonical\b/.test(rel) && s.canonical === null) s.canonical = href;
        if (href && /\bimage_src\b/.test(rel) && s.imageSrc === null) s.imageSrc = href;
        continue;
      }
      case 'base':
        s.baseHref ??= attrOf(child, 'href');
        continue;
      case 'title':
        if (!s.title) s.title = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        continue;
      case 'h1':
        s.h1.push(child);
        break;
      case 'time':
        if (!furniture && child.hasAttribute('datetime')) s.times.push(child);
        break;
      case 'a':
        if (child.hasAttribute('href')) s.links.push(child);
        break;
    }
    const itemprop = attrOf(child, 'itemprop');
    if (itemprop) for (const p of itemprop.toLowerCase().split(/\s+/)) if (p && !s.itemprop.has(p)) s.itemprop.set(p, child);
    const cls = attrOf(child, 'class');
    const id = attrOf(child, 'id');
    if (s.bylines.length < MAX_BYLINES) {
      if (
        (name === 'a' && /\bauthor\b/i.test(attrOf(child, 'rel') ?? '')) ||
        (itemprop !== null && /\bauthor\b/i.test(itemprop)) ||
        (cls !== null && BYLINE_HINT.test(cls)) ||
        (id !== null && BYLINE_HINT.test(id))
      ) {
        s.bylines.push(child);
      }
    }
    if (child.firstElementChild) {
      const inFurniture = furniture || FURNITURE_TAGS.has(name) || (cls !== null && FURNITURE_HINT.test(cls)) || (id !== null && FURNITURE_HINT.test(id));
      walk(child, s, inFurniture);
    }
  }
}

export function surveyPage(doc: Document): Survey {
  const s: Survey = {
    meta: new Map(),
    metaByProperty: new Set(),
    canonical: null,
    imageSrc: null,
    baseHref: null,
    title: '',
    lang: doc.documentElement?.getAttribute('lang') ?? null,
    h1: [],
    itemprop: new Map(),
    times: [],
    bylines: [],
    links: [],
  };
  if (doc.documentElement) walk(doc.documentElement, s, false);
  return s;
}
