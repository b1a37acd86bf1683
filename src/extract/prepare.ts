// From the page's HTML string to a DOM worth reading. Before linkedom builds the tree, three
// lexical passes drop what extraction never reads: scripts (JSON-LD is kept aside first),
// styles, comments, inline SVG and templates; menus, footers and asides (their links kept
// aside for the support link); then, tag by tag, the attributes we never look at, the whitespace-only text between block tags, and void tags of no use (<link>, <input>,
// <source>). This is not cosmetic: linkedom spends most of its parsing time creating nodes
// (every attribute and every text node is one, each with its own listener map), and real pages
// carry dozens of data-*, aria-*, style and tracking attributes per element. The document it
// builds is the same for every purpose of the extractor, at a fraction of the cost.
import { parseHTML } from 'linkedom';

export interface PreparedPage {
  document: Document;
  /** The text of each <script type="application/ld+json">, in document order. */
  jsonLd: string[];
  /** Links found in the page furniture removed before parsing (for the support link). */
  furnitureLinks: FurnitureLink[];
}

export interface FurnitureLink {
  href: string;
  text: string;
}

const JSON_LD = /^\s*application\/ld\+json\s*$/i;
const TYPE_ATTRIBUTE = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

// Elements whose whole content goes: scripts and styles are raw text (no nested tags), SVG and
// templates are markup we never show. Comments too (an unclosed one runs to the end, as in
// browsers).
const DROPPED = /<!--[\s\S]*?(?:-->|$)|<(script|style|svg|template|math)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/\1\s*>/gi;

// Page furniture the extractor drops whatever it holds (prune in content.ts removes these
// elements first thing): menus, footers, asides, buttons and drop-downs. Not parsing them at
// all saves about a third of the nodes of a news page. A nested element of the same name ends
// the match early; what remains of the outer one is parsed, and pruned, as before.
const FURNITURE = /<(nav|footer|aside|select|button)(?=[\s>\/])(?:[^>"']|"[^"]*"|'[^']*')*>([\s\S]*?)<\/\1\s*>/gi;
// Links inside removed furniture, kept for the support-link search ("Donate" in a menu).
const LINK_OPEN = /<a\s(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const ANY_TAG = /<[^>]*>/g;
// Microdata naming the article's author. Blogs put the byline in an <aside> or <footer> beside
// the text; such a block is kept for the survey (prune in content.ts still drops it).
const AUTHOR_MICRODATA = /\bitemprop\s*=\s*["']?[^"'>]*\bauthor\b/i;

// Any tag, with the whitespace after it. The attribute part skips quoted values whole, so a
// `>` inside a value does not end the tag.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*?)?(\/?)>(\s*)/g;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Attributes kept on every element. */
const GLOBAL = new Set(['id', 'class', 'hidden', 'aria-hidden', 'role', 'itemprop', 'itemtype', 'itemscope']);
const LAZY = ['data-src', 'data-srcset', 'data-original', 'data-lazy-src', 'data-lazy-srcset', 'data-hi-res-src', 'data-full-src', 'data-image-src', 'data-img-src', 'data-url', 'data-original-src', 'data-src-medium', 'data-srcset-medium', 'data-lazy', 'data-echo'];
const MEDIA = ['src', 'srcset', 'alt', 'title', 'width', 'height', ...LAZY];
/** Attributes kept on particular elements. */
const BY_TAG: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'rel']),
  img: new Set(MEDIA),
  iframe: new Set(['src', 'data-src', 'width', 'height']),
  video: new Set(['src', 'poster', 'width', 'height']),
  meta: new Set(['name', 'property', 'content', 'http-equiv', 'charset']),
  link: new Set(['rel', 'href']),
  base: new Set(['href']),
  html: new Set(['lang']),
  time: new Set(['datetime']),
  del: new Set(['datetime']),
  ins: new Set(['datetime']),
  blockquote: new Set(['cite']),
  q: new Set(['cite']),
  abbr: new Set(['title']),
  td: new Set(['colspan', 'rowspan', 'headers']),
  th: new Set(['colspan', 'rowspan', 'scope', 'headers']),
  col: new Set(['span']),
  ol: new Set(['start', 'reversed']),
  li: new Set(['value']),
};
const NONE: ReadonlySet<string> = new Set();

// Whitespace after these tags (opening or closing) is never seen by a reader: dropping it
// saves a text node each time.
const BLOCK = new Set([
  'html', 'head', 'body', 'div', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td',
  'th', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'blockquote', 'form', 'fieldset', 'hr', 'br', 'meta', 'link', 'title', 'noscript', 'iframe', 'picture',
  'address', 'center', 'details', 'summary', 'caption', 'colgroup', 'col', 'dialog', 'hgroup', 'menu', 'video', 'audio',
  'select', 'option', 'base', 'label', 'button',
]);
/** Void tags never read. <link> is read only for rel=canonical and image_src. */
const VOID_DROPPED = new Set(['input', 'source', 'track', 'wbr', 'param', 'keygen']);
const USEFUL_LINK = /\brel\s*=\s*["']?[^"'>]*\b(?:canonical|image_src)\b/i;

// `style` is kept only as the fact that matters: an element hidden by its inline style.
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

function filterAttributes(name: string, attrs: string): string {
  const own = BY_TAG[name] ?? NONE;
  let kept = '';
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attrs); m; m = ATTRIBUTE.exec(attrs)) {
    const key = m[1]!.toLowerCase();
    if (GLOBAL.has(key) || own.has(key)) {
      kept += ` ${m[0]}`;
    } else if (key === 'style') {
      const value = m[2] ?? m[3] ?? m[4] ?? '';
      if (HIDING_STYLE.test(value)) kept += ' hidden';
    }
  }
  return kept;
}

function rewriteTag(_whole: string, slash: string, rawName: string, attrs: string | undefined, selfClosing: string, space: string): string {
  const name = rawName.toLowerCase();
  const after = space && BLOCK.has(name) ? '' : space;
  if (slash) return `</${rawName}>${after}`;
  if (VOID_DROPPED.has(name) || (name === 'link' && !(attrs && USEFUL_LINK.test(attrs)))) return after;
  return `<${rawName}${attrs ? filterAttributes(name, attrs) : ''}${selfClosing}>${after}`;
}

function collectLinks(chunk: string, out: FurnitureLink[]): void {
  if (chunk.indexOf('<a') === -1 && chunk.indexOf('<A') === -1) return;
  LINK_OPEN.lastIndex = 0;
  for (let m = LINK_OPEN.exec(chunk); m; m = LINK_OPEN.exec(chunk)) {
    const href = HREF.exec(m[0]);
    if (!href) continue;
    const from = m.index + m[0].length;
    const close = chunk.indexOf('</a', from);
    const inner = chunk.slice(from, close === -1 || close - from > 300 ? from + 300 : close);
    out.push({ href: href[1] ?? href[2] ?? href[3] ?? '', text: inner.replace(ANY_TAG, ' ').replace(/\s+/g, ' ').trim() });
  }
}

/** The page with the parts extraction never reads removed, as a string (exported for tests). */
export function stripPage(html: string, jsonLd: string[], furnitureLinks: FurnitureLink[] = []): string {
  const dropped = html.replace(DROPPED, (whole: string, tag: string | undefined, attrs: string | undefined, body: string | undefined) => {
    if (tag && tag.toLowerCase() === 'script' && attrs && body) {
      const type = TYPE_ATTRIBUTE.exec(attrs);
      if (type && JSON_LD.test(type[1] ?? type[2] ?? type[3] ?? '')) jsonLd.push(body);
    }
    return whole.charCodeAt(1) === 33 /* ! */ ? '' : ' ';
  });
  const lean = dropped.replace(FURNITURE, (whole: string, tag: string, inner: string) => {
    if (/^(?:aside|footer)$/i.test(tag) && AUTHOR_MICRODATA.test(inner)) return whole;
    collectLinks(inner, furnitureLinks);
    return ' ';
  });
  return lean.replace(TAG, rewriteTag);
}

export function preparePage(html: string): PreparedPage {
  const jsonLd: string[] = [];
  const furnitureLinks: FurnitureLink[] = [];
  const stripped = stripPage(html, jsonLd, furnitureLinks);
  const { document } = parseHTML(stripped);
  return { document: document as unknown as Document, jsonLd, furnitureLinks };
}
