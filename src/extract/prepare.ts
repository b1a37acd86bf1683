// From the page's HTML string to a DOM worth reading. Before linkedom builds the tree, one
// lexical pass drops what extraction never reads: scripts (JSON-LD is kept aside first),
// styles, comments, inline SVG, templates, and the attributes we never look at. This is not
// cosmetic: linkedom spends most of its parsing time creating attribute nodes (each one a
// DOM node with its own listener map), and real pages carry dozens of data-*, aria-*, style
// and tracking attributes per element. Dropping them before parsing makes the parse several
// times cheaper and changes nothing the extractor sees.
import { parseHTML } from 'linkedom';

export interface PreparedPage {
  document: Document;
  /** The text of each <script type="application/ld+json">, in document order. */
  jsonLd: string[];
}

const JSON_LD = /^\s*application\/ld\+json\s*$/i;
const TYPE_ATTRIBUTE = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

// Elements whose whole content goes: scripts and styles are raw text (no nested tags), SVG and
// templates are markup we never show. Comments too.
const DROPPED = /<!--[\s\S]*?(?:-->|$)|<(script|style|svg|template|math)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/\1\s*>/gi;

// An opening tag with attributes. The attribute part skips quoted values whole, so a `>`
// inside a value does not end the tag.
const OPEN_TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Attributes the extractor or the sanitiser reads; every other one is dropped before parsing. */
const KEPT = new Set([
  'id', 'class', 'href', 'src', 'srcset', 'alt', 'title', 'lang', 'dir', 'hidden', 'aria-hidden', 'role',
  'itemprop', 'itemtype', 'itemscope', 'property', 'name', 'content', 'rel', 'type', 'datetime', 'charset',
  'http-equiv', 'colspan', 'rowspan', 'cite', 'poster', 'width', 'height', 'start', 'value', 'allowfullscreen',
  'data-src', 'data-srcset', 'data-original', 'data-lazy-src', 'data-lazy-srcset', 'data-hi-res-src',
  'data-full-src', 'data-image-src', 'data-img-src', 'data-url', 'data-original-src', 'data-src-medium',
  'data-srcset-medium', 'data-lazy', 'data-echo', 'abbr', 'scope', 'headers',
]);

// `style` is kept only as the fact that matters: an element hidden by its inline style.
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

function filterAttributes(_tag: string, name: string, attrs: string, selfClosing: string): string {
  let kept = '';
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attrs); m; m = ATTRIBUTE.exec(attrs)) {
    const key = m[1]!.toLowerCase();
    if (KEPT.has(key)) {
      kept += ` ${m[0]}`;
    } else if (key === 'style') {
      const value = m[2] ?? m[3] ?? m[4] ?? '';
      if (HIDING_STYLE.test(value)) kept += ' hidden';
    }
  }
  return `<${name}${kept}${selfClosing}>`;
}

/** The page with the parts extraction never reads removed, as a string (exported for tests). */
export function stripPage(html: string, jsonLd: string[]): string {
  const dropped = html.replace(DROPPED, (whole: string, tag: string | undefined, attrs: string | undefined, body: string | undefined) => {
    if (tag && tag.toLowerCase() === 'script' && attrs && body) {
      const type = TYPE_ATTRIBUTE.exec(attrs);
      if (type && JSON_LD.test(type[1] ?? type[2] ?? type[3] ?? '')) jsonLd.push(body);
    }
    return whole.charCodeAt(1) === 33 /* ! */ ? '' : ' ';
  });
  return dropped.replace(OPEN_TAG, filterAttributes);
}

export function preparePage(html: string): PreparedPage {
  const jsonLd: string[] = [];
  const stripped = stripPage(html, jsonLd);
  const { document } = parseHTML(stripped);
  return { document: document as unknown as Document, jsonLd };
}
