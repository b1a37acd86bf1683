// The allowlist sanitiser: serialises an article subtree to HTML keeping only the elements
// and attributes below. Everything else is dropped (with its content, for scripts, forms,
// embeds and the like) or unwrapped (its text kept, for spans, fonts and unknown tags). Links
// and images are made absolute; only http(s) and mailto links survive; no event handler,
// style or class attribute is ever written; iframes only for the allowed video players.
// Lazy-loaded images get their real source from the data-* attribute that holds it.
import { resolveUrl } from '../text/url.js';
import { attrOf } from './dom.js';

/** Elements written out, with the attributes each may keep. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [], br: [], hr: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  ul: [], ol: ['start', 'reversed'], li: ['value'], dl: [], dt: [], dd: [],
  blockquote: ['cite'], q: ['cite'], cite: [], pre: [], code: [], kbd: [], samp: [], var: [],
  em: [], strong: [], b: [], i: [], u: [], s: [], del: [], ins: [], sub: [], sup: [], small: [], mark: [],
  abbr: ['title'], time: ['datetime'], a: ['href', 'title'], img: ['src', 'srcset', 'alt', 'title', 'width', 'height'],
  figure: [], figcaption: [], table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [],
  th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'], colgroup: [], col: ['span'],
  details: [], summary: [], div: [], iframe: ['src', 'width', 'height', 'allowfullscreen'],
  video: ['src', 'poster', 'controls', 'width', 'height'],
};
/** Renamed on the way out: the page's own title level, and sectioning that means nothing here. */
const RENAMED: Record<string, string> = { h1: 'h2', section: 'div', article: 'div', main: 'div', center: 'div', header: 'div' };
/** Dropped with everything inside. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea',
  'option', 'label', 'svg', 'math', 'canvas', 'link', 'meta', 'head', 'title', 'base', 'frame', 'frameset', 'noembed',
  'dialog', 'nav', 'audio', 'source', 'track', 'map', 'area', 'param',
]);
const VOID = new Set(['br', 'hr', 'img', 'col']);

/** Video players whose embeds are kept (iframe src). */
const VIDEO_HOSTS = [
  /^https:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\//,
  /^https:\/\/player\.vimeo\.com\/video\//,
];

export function isAllowedVideo(src: string | null | undefined): boolean {
  if (!src) return false;
  const url = src.startsWith('//') ? `https:${src}` : src.replace(/^http:/, 'https:');
  return VIDEO_HOSTS.some((re) => re.test(url));
}

/** Attributes that may hold a lazy-loaded image's real address, most specific first. */
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-hi-res-src', 'data-full-src', 'data-image-src', 'data-img-src', 'data-original-src', 'data-src-medium', 'data-lazy', 'data-echo', 'data-url'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'data-srcset-medium'];
const IMAGE_URL = /^(?:https?:)?\/\/|^\/|\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:[?#]|$)/i;

/** An image source that stands in for the picture until a script loads it (a data: URI, a spacer). */
export function isPlaceholderSource(src: string | null): boolean {
  return !src || src.startsWith('data:') || /(?:blank|spacer|placeholder|pixel|lazy|loading|transparent|grey|gray)[^/]*\.(?:gif|png|svg|jpg)/i.test(src);
}

/** The picture's real address: src unless it is a placeholder, else the lazy-loading attribute. */
export function imageSource(img: Element): string | null {
  const src = attrOf(img, 'src');
  if (!isPlaceholderSource(src)) return src;
  for (const attr of LAZY_SRC) {
    const value = attrOf(img, attr);
    if (value && !value.startsWith('data:') && IMAGE_URL.test(value.trim())) return value.trim();
  }
  const srcset = imageSrcset(img);
  if (srcset) return srcset.split(',')[0]!.trim().split(/\s+/)[0] ?? null;
  return null;
}

function imageSrcset(img: Element): string | null {
  for (const attr of ['srcset', ...LAZY_SRCSET]) {
    const value = attrOf(img, attr);
    if (value && !value.startsWith('data:')) return value;
  }
  return null;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\u00a0': '&nbsp;' };
function escapeText(s: string): string {
  return s.replace(/[&<>\u00a0]/g, (c) => TEXT_ESCAPES[c]!);
}
function escapeAttr(s: string): string {
  return s.replace(/[&<>"\u00a0]/g, (c) => TEXT_ESCAPES[c]!);
}

function safeLink(href: string | null, base: string | null): string | null {
  if (!href) return null;
  const value = href.trim();
  if (/^mailto:/i.test(value)) return value;
  if (value.startsWith('#')) return null; // in-page anchors point nowhere once the page is gone
  return resolveUrl(value, base);
}

function srcsetAbsolute(srcset: string, base: string | null): string | null {
  const parts: string[] = [];
  for (const candidate of srcset.split(/,\s+|,(?=\S+\s+\d)/)) {
    const [u, descriptor] = candidate.trim().split(/\s+/, 2);
    const url = resolveUrl(u, base);
    if (url) parts.push(descriptor ? `${url} ${descriptor}` : url);
  }
  return parts.length ? parts.join(', ') : null;
}

function writeAttributes(el: Element, name: string, base: string | null, out: string[]): boolean {
  const allowed = ALLOWED[name]!;
  if (name === 'a') {
    const href = safeLink(attrOf(el, 'href'), base);
    if (href) out.push(` href="${escapeAttr(href)}"`);
    const title = attrOf(el, 'title');
    if (title) out.push(` title="${escapeAttr(title)}"`);
    return true;
  }
  if (name === 'img') {
    const src = resolveUrl(imageSource(el), base);
    if (!src) return false;
    out.push(` src="${escapeAttr(src)}"`);
    const srcset = imageSrcset(el);
    const absolute = srcset && srcsetAbsolute(srcset, base);
    if (absolute) out.push(` srcset="${escapeAttr(absolute)}"`);
    for (const attr of ['alt', 'title', 'width', 'height']) {
      const value = attrOf(el, attr);
      if (value !== null && (attr === 'alt' || /^\d{1,5}$/.test(value) || attr === 'title')) out.push(` ${attr}="${escapeAttr(value)}"`);
    }
    return true;
  }
  if (name === 'iframe') {
    const raw = attrOf(el, 'src') ?? attrOf(el, 'data-src');
    if (!isAllowedVideo(raw)) return false;
    const src = raw!.startsWith('//') ? `https:${raw}` : raw!.replace(/^http:/, 'https:');
    out.push(` src="${escapeAttr(src)}"`, ' allowfullscreen');
    return true;
  }
  if (name === 'video') {
    const src = resolveUrl(attrOf(el, 'src'), base);
    if (src) out.push(` src="${escapeAttr(src)}"`);
    const poster = resolveUrl(attrOf(el, 'poster'), base);
    if (poster) out.push(` poster="${escapeAttr(poster)}"`);
    out.push(' controls');
    return true;
  }
  for (const attr of allowed) {
    const value = attrOf(el, attr);
    if (value === null) continue;
    if (attr === 'cite') {
      const url = resolveUrl(value, base);
      if (url) out.push(` cite="${escapeAttr(url)}"`);
    } else if (/^(?:start|value|colspan|rowspan|span)$/.test(attr)) {
      if (/^\d{1,4}$/.test(value.trim())) out.push(` ${attr}="${value.trim()}"`);
    } else {
      out.push(` ${attr}="${escapeAttr(value)}"`);
    }
  }
  return true;
}

function write(node: Node, base: string | null, out: string[]): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      out.push(escapeText((child as Text).data));
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const tag = el.localName;
    if (DROPPED.has(tag)) continue;
    const name = RENAMED[tag] ?? tag;
    if (!(name in ALLOWED)) {
      write(el, base, out); // unknown or presentational: keep the text, drop the tag
      continue;
    }
    const start = out.length;
    out.push(`<${name}`);
    if (!writeAttributes(el, name, base, out)) {
      out.length = start; // an image without a usable source, a foreign iframe
      continue;
    }
    out.push('>');
    if (VOID.has(name)) continue;
    if (name !== 'iframe' && name !== 'video') write(el, base, out);
    out.push(`</${name}>`);
  }
}

/** The children of `root` as sanitised HTML, links and images absolute against `base`. */
export function sanitize(root: Node, base: string | null): string {
  const out: string[] = [];
  write(root, base, out);
  return out.join('').replace(/\n{3,}/g, '\n\n').trim();
}
