// A forgiving XML reader for feeds. Real feeds are often not well-formed XML: HTML entities
// (&nbsp;) that XML does not define, bare `&`, control characters, unclosed or misnested
// tags, a truncated end. A strict parser gives up on them; readers of the same feed in a
// browser do not. This one never throws: it builds the best tree it can, and records the
// first problem it saw.
//
// Speed matters (every feed of every source, every few minutes), so it scans with indexOf
// and slices rather than going character by character, and decodes entities only where a
// `&` occurs.
import { decodeHTMLStrict } from 'entities';

export interface XmlElement {
  /**
   * The name adapters match on: lower-case local name, prefixed with the canonical prefix
   * of its namespace (`dc:creator`, `content:encoded`, `atom:link`, `media:content`)
   * unless it is in the document's own vocabulary (RSS, Atom or RSS 1.0 elements are bare).
   */
  key: string;
  /** The name as written in the document. */
  name: string;
  lowerName: string;
  /** Attributes by lower-case name as written (`href`, `xml:base`, `rdf:about`); values decoded. */
  attrs: Record<string, string>;
  children: Array<XmlElement | string>;
  parent: XmlElement | null;
  /** The xml:base in force for this element's content, or the document URL. */
  base: string | null;
  /** Child elements by key, built on the first lookup (adapters ask each item ~30 times). */
  index?: Map<string, XmlElement[]>;
  /** Offsets of the element's content in the source, for re-reading inline markup. */
  innerStart: number;
  innerEnd: number;
}

export interface XmlDocument {
  root: XmlElement | null;
  /** The decoded source the offsets refer to. */
  source: string;
  /** The first well-formedness problem seen, if any (the tree is still usable). */
  problem: string | null;
}

/** Canonical prefixes of the namespaces feeds use, keyed by normalised namespace URI. */
const NAMESPACES: Record<string, string> = {
  'www.w3.org/2005/atom': 'atom',
  'purl.org/atom/ns': 'atom03',
  'purl.org/rss/1.0': 'rss1',
  'my.netscape.com/rdf/simple/0.9': 'rss090',
  'backend.userland.com/rss2': 'rss2',
  'backend.userland.com/rss': 'rss2',
  'www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'purl.org/dc/elements/1.1': 'dc',
  'purl.org/dc/elements/1.0': 'dc',
  'purl.org/dc/terms': 'dcterms',
  'purl.org/rss/1.0/modules/content': 'content',
  'search.yahoo.com/mrss': 'media',
  'search.yahoo.com/rss': 'media',
  'www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'www.itunes.com/dtds/podcast-1.0': 'itunes',
  'www.w3.org/1999/xhtml': 'xhtml',
  'www.w3.org/xml/1998/namespace': 'xml',
  'www.w3.org/2003/01/geo/wgs84_pos': 'geo',
  'purl.org/syndication/thread/1.0': 'thr',
  'wellformedweb.org/commentapi': 'wfw',
  'purl.org/rss/1.0/modules/slash': 'slash',
  'purl.org/rss/1.0/modules/syndication': 'sy',
  'podcastindex.org/namespace/1.0': 'podcast',
  'www.google.com/schemas/play-podcasts/1.0': 'googleplay',
  'www.georss.org/georss': 'georss',
  'www.w3.org/2000/xmlns': 'xmlns',
  'rssnamespace.org/feedburner/ext/1.0': 'feedburner',
};

function normaliseNamespace(uri: string): string {
  return uri
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/#]+$/, '');
}

const prefixCache = new Map<string, string>();

function canonicalPrefix(uri: string | undefined, written: string): string {
  if (uri === undefined) return written; // an undeclared prefix: keep it as written
  if (uri === '') return '';
  let prefix = prefixCache.get(uri);
  if (prefix === undefined) {
    prefix = NAMESPACES[normaliseNamespace(uri)] ?? normaliseNamespace(uri);
    if (prefixCache.size < 1000) prefixCache.set(uri, prefix);
  }
  return prefix;
}

const XML_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  // HTML 4's angle brackets (what feeds written against HTML 4 mean); HTML 5 redefined
  // these two names as mathematical brackets.
  lang: '\u2329', rang: '\u232A',
};

// References to 0x80–0x9F mean windows-1252 characters (feeds written on Windows: &#146;
// for an apostrophe, &#150; for a dash), as HTML reads them.
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function codePointText(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80]!;
  return String.fromCodePoint(code);
}

// Named HTML entities are few (about 2,000); their decoding is cached.
const htmlEntityCache = new Map<string, string>();

/**
 * Decodes character and entity references: XML's five, those the document declares in its
 * DOCTYPE, and every HTML named entity (feeds use &nbsp; and &eacute; without declaring
 * them). An unknown `&name;` and a bare `&` stay as written.
 */
export function decodeEntities(text: string, declared?: Record<string, string>): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  // A hand-written scan: escaped HTML in feed descriptions is dense with references, and
  // this is several times faster than a replace() with a callback.
  let out = '';
  let from = 0;
  const n = text.length;
  while (amp !== -1) {
    const semi = text.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 42) break;
    let replacement: string | undefined;
    const first = text.charCodeAt(amp + 1);
    if (first === 35 /* # */) {
      const hex = text.charCodeAt(amp + 2) === 120 || text.charCodeAt(amp + 2) === 88;
      const digits = text.slice(amp + (hex ? 3 : 2), semi);
      if (digits.length > 0 && (hex ? /^[0-9a-fA-F]{1,8}$/ : /^[0-9]{1,10}$/).test(digits)) {
        replacement = codePointText(parseInt(digits, hex ? 16 : 10));
      }
    } else {
      const ref = text.slice(amp + 1, semi);
      replacement = XML_ENTITIES[ref] ?? declared?.[ref];
      if (replacement === undefined && /^[A-Za-z][A-Za-z0-9._-]*$/.test(ref)) {
        replacement = htmlEntityCache.get(ref);
        if (replacement === undefined) {
          const decoded = decodeHTMLStrict(`&${ref};`);
          replacement = decoded === `&${ref};` ? undefined : decoded;
          if (htmlEntityCache.size < 4096) htmlEntityCache.set(ref, replacement ?? `&${ref};`);
        }
      }
    }
    if (replacement !== undefined) {
      out += text.slice(from, amp) + replacement;
      from = semi + 1;
      amp = text.indexOf('&', from);
    } else {
      amp = text.indexOf('&', amp + 1);
    }
  }
  return from === 0 ? text : out + text.slice(from, n);
}

// Control characters are not allowed in XML and carry no text; feeds contain them anyway.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function stripControls(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  CONTROL.lastIndex = 0;
  return text.replace(CONTROL, '');
}

/** Character data as the document means it: control characters dropped, references decoded. */
function readText(raw: string, declared: Record<string, string>): string {
  const clean = stripControls(raw);
  return clean.indexOf('&') === -1 ? clean : decodeEntities(clean, declared);
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 58 || code >= 0xc0;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function resolveBase(value: string, base: string | null): string | null {
  try {
    return base ? new URL(value, base).href : new URL(value).href;
  } catch {
    return base;
  }
}

/** Finds the `>` that ends a tag starting at `from`, skipping quoted attribute values. */
function tagEnd(source: string, from: number): number {
  let quote = 0;
  // A `>` seen inside a quoted value: where the tag ends if the quote turns out unclosed.
  let gtInQuote = -1;
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (quote) {
      if (c === quote) {
        quote = 0;
        gtInQuote = -1;
      } else if (c === 62 /* > */ && gtInQuote === -1) {
        gtInQuote = i;
      } else if (c === 60 /* < */ && gtInQuote !== -1) {
        // `<a href="x>text</a>`: a quote left open swallows markup; end the tag at its `>`.
        return gtInQuote;
      }
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62 /* > */) {
      return i;
    } else if (c === 60 /* < */) {
      // A `<` before the `>`: the tag was never closed (truncated or broken). End it here.
      return i - 1;
    }
  }
  return gtInQuote !== -1 ? gtInQuote : source.length - 1;
}

/** Reads `<!ENTITY name "value">` declarations from a DOCTYPE's internal subset. */
function readDeclaredEntities(doctype: string, into: Record<string, string>): void {
  const declaration = /<!ENTITY\s+([^\s%]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
  for (let m = declaration.exec(doctype); m; m = declaration.exec(doctype)) {
    const name = m[1]!;
    if (!(name in into)) into[name] = decodeEntities(m[2] ?? m[3] ?? '', into);
  }
}

export interface ParseXmlOptions {
  /** The document's own URL, the base for relative links. */
  url?: string | null;
}

export function parseXml(input: string, options: ParseXmlOptions = {}): XmlDocument {
  const source = input;
  const n = source.length;
  const declared: Record<string, string> = {};
  let problem: string | null = null;
  const note = (message: string) => {
    problem ??= message;
  };

  let root = null as XmlElement | null;
  let current = null as XmlElement | null;
  // Namespace maps parallel the element stack; an element that declares nothing shares its
  // parent's map, so a lookup is one property read.
  const XML_NAMESPACE: Record<string, string> = { '': '', xml: 'http://www.w3.org/XML/1998/namespace' };
  const scopes: Array<Record<string, string>> = [];
  let ownVocabulary: Set<string> | null = null;

  const lookupNamespace = (prefix: string): string | undefined => (scopes[scopes.length - 1] ?? XML_NAMESPACE)[prefix];

  const appendText = (text: string) => {
    if (!current) {
      if (text.trim()) note('text outside the root element');
      return;
    }
    const last = current.children[current.children.length - 1];
    if (typeof last === 'string') current.children[current.children.length - 1] = last + text;
    else current.children.push(text);
  };

  const close = (element: XmlElement, at: number) => {
    element.innerEnd = at;
  };

  let i = 0;
  while (i < n) {
    const lt = source.indexOf('<', i);
    if (lt === -1) {
      appendText(readText(source.slice(i), declared));
      break;
    }
    if (lt > i) appendText(readText(source.slice(i, lt), declared));
    const next = source.charCodeAt(lt + 1);

    if (next === 33 /* ! */) {
      if (source.startsWith('<!--', lt)) {
        const end = source.indexOf('-->', lt + 4);
        i = end === -1 ? n : end + 3;
      } else if (source.startsWith('<![CDATA[', lt)) {
        const end = source.indexOf(']]>', lt + 9);
        const cdata = source.slice(lt + 9, end === -1 ? n : end);
        appendText(stripControls(cdata));
        if (end === -1) note('unterminated CDATA section');
        i = end === -1 ? n : end + 3;
      } else if (/^<!doctype/i.test(source.slice(lt, lt + 9))) {
        const bracket = source.indexOf('[', lt);
        const gt = source.indexOf('>', lt);
        let end = gt;
        if (bracket !== -1 && (gt === -1 || bracket < gt)) {
          const close = source.indexOf(']', bracket);
          readDeclaredEntities(source.slice(bracket, close === -1 ? n : close), declared);
          end = close === -1 ? -1 : source.indexOf('>', close);
        }
        i = end === -1 ? n : end + 1;
      } else {
        const end = source.indexOf('>', lt);
        i = end === -1 ? n : end + 1;
      }
      continue;
    }

    if (next === 63 /* ? */) {
      const end = source.indexOf('?>', lt + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }

    if (next === 47 /* / */) {
      const end = source.indexOf('>', lt + 2);
      // The usual case, `</name>` closing the current element, without allocating.
      if (current && end === lt + 2 + current.name.length && source.startsWith(current.name, lt + 2)) {
        close(current, lt);
        current = current.parent;
        scopes.pop();
        i = end + 1;
        continue;
      }
      const name = source.slice(lt + 2, end === -1 ? n : end).trim().toLowerCase();
      i = end === -1 ? n : end + 1;
      // Close the nearest open element of that name; a stray end tag closes nothing.
      let match: XmlElement | null = current;
      while (match && match.lowerName !== name) match = match.parent;
      if (!match) {
        note(`unexpected end tag </${name}>`);
        continue;
      }
      while (current && current !== match) {
        note(`<${current.name}> not closed`);
        close(current, lt);
        current = current.parent;
        scopes.pop();
      }
      close(match, lt);
      current = match.parent;
      scopes.pop();
      continue;
    }

    if (!isNameStart(next)) {
      // A bare `<` in text.
      appendText('<');
      i = lt + 1;
      continue;
    }

    const end = tagEnd(source, lt + 1);
    let body = source.slice(lt + 1, end);
    const selfClosing = body.endsWith('/');
    if (selfClosing) body = body.slice(0, -1);
    let space = -1;
    for (let k = 0; k < body.length; k++) {
      if (isSpace(body.charCodeAt(k))) {
        space = k;
        break;
      }
    }
    const name = space === -1 ? body : body.slice(0, space);
    const attrs: Record<string, string> = space === -1 ? NO_ATTRIBUTES : {};
    let scope: Record<string, string> | null = null;
    if (space !== -1) {
      ATTRIBUTE.lastIndex = 0;
      const attributeText = body.slice(space);
      for (let m = ATTRIBUTE.exec(attributeText); m; m = ATTRIBUTE.exec(attributeText)) {
        const attrName = m[1]!;
        const raw = m[2] ?? m[3] ?? m[4] ?? '';
        const value = readText(raw, declared);
        if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
          scope ??= {};
          scope[attrName === 'xmlns' ? '' : attrName.slice(6)] = value;
        }
        const lower = attrName.toLowerCase();
        if (!(lower in attrs)) attrs[lower] = value;
      }
    }
    const parentScope = scopes[scopes.length - 1] ?? XML_NAMESPACE;
    scopes.push(scope ? { ...parentScope, ...scope } : parentScope);
    const lowerName = name.toLowerCase();
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const local = colon === -1 ? lowerName : lowerName.slice(colon + 1);
    const vocabulary = canonicalPrefix(lookupNamespace(prefix), prefix.toLowerCase());
    if (!ownVocabulary) {
      // The root decides which vocabulary is the document's own; RDF roots hold RSS 1.0.
      // Whatever namespace the root is in (even an unknown one) is the document's own.
      ownVocabulary = vocabulary === 'rdf' ? new Set(['', 'rss1', 'rss090']) : new Set(['', vocabulary]);
    }
    const key = vocabulary === '' || ownVocabulary.has(vocabulary) ? local : `${vocabulary}:${local}`;
    const parentBase = current ? current.base : options.url ?? null;
    const xmlBase = attrs['xml:base'];
    const element: XmlElement = {
      key,
      name,
      lowerName,
      attrs,
      children: [],
      parent: current,
      base: xmlBase !== undefined ? resolveBase(xmlBase, parentBase) : parentBase,
      index: undefined,
      innerStart: end + 1,
      innerEnd: end + 1,
    };
    if (current) current.children.push(element);
    else if (!root) root = element;
    else {
      note('more than one root element');
      // A second root (concatenated documents): read its content as part of the first.
      root.children.push(element);
      element.parent = root;
    }
    i = end + 1;
    if (selfClosing) {
      scopes.pop();
    } else {
      current = element;
    }
  }
  while (current) {
    note(`<${current.name}> not closed at the end of the document`);
    close(current, n);
    current = current.parent;
  }
  return { root, source, problem };
}

// ------------------------------------------------------------------ reading the tree

export function childElements(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) if (typeof child !== 'string') out.push(child);
  return out;
}

const NONE: XmlElement[] = [];

function childIndex(element: XmlElement): Map<string, XmlElement[]> {
  let index = element.index;
  if (!index) {
    index = new Map();
    for (const c of element.children) {
      if (typeof c === 'string') continue;
      const list = index.get(c.key);
      if (list) list.push(c);
      else index.set(c.key, [c]);
    }
    element.index = index;
  }
  return index;
}

/** The first child element with one of these keys. */
export function child(element: XmlElement | null | undefined, ...keys: string[]): XmlElement | null {
  if (!element) return null;
  const index = childIndex(element);
  for (const key of keys) {
    const found = index.get(key);
    if (found) return found[0]!;
  }
  return null;
}

/** The child elements with this key, in document order (do not modify the list). */
export function children(element: XmlElement | null | undefined, key: string): XmlElement[] {
  if (!element) return NONE;
  return childIndex(element).get(key) ?? NONE;
}

/** All the text inside an element, markup dropped. */
export function textContent(element: XmlElement): string {
  if (element.children.length === 1 && typeof element.children[0] === 'string') return element.children[0];
  let out = '';
  for (const c of element.children) out += typeof c === 'string' ? c : textContent(c);
  return out;
}

/** True when an element holds child elements (inline markup that was not escaped). */
export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((c) => typeof c !== 'string');
}

/** The markup inside an element, as written in the document. */
export function innerXml(doc: XmlDocument, element: XmlElement): string {
  return stripControls(doc.source.slice(element.innerStart, element.innerEnd));
}
