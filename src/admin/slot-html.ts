// Sponsor snippets are HTML pasted by an admin from an ad network or a sponsor's email:
// untrusted in practice. They are parsed with a real HTML parser and rebuilt from a small
// allowlist, so what reaches a page can hold no script, handler, style or javascript: URL
// (the site's CSP would block most of that anyway; this keeps it out of the page at all).
import { parseHTML } from 'linkedom';
import { escapeHtml } from '../web/html.js';

const ALLOWED = new Set(['a', 'img', 'p', 'strong', 'em', 'span', 'div']);
/** Attributes kept, per element (title and class on every allowed element). */
const ATTRIBUTES: Record<string, string[]> = { a: ['href'], img: ['src', 'alt'] };
const COMMON_ATTRIBUTES = ['title', 'class'];
/** Dropped with everything inside them; any other element is replaced by its content. */
const DROPPED = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'template', 'noscript', 'svg', 'math',
  'head', 'title', 'meta', 'link', 'base', 'form', 'input', 'button', 'select', 'textarea', 'option', 'audio', 'video',
  'source', 'track', 'canvas', 'portal', 'noembed', 'noframes', 'xmp', 'plaintext',
]);
const MAX_INPUT = 20_000;
const MAX_DEPTH = 32;

/** Only absolute http(s) URLs survive (no javascript:, data:, vbscript:, relative tricks). */
function safeUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function safeClass(value: string): string {
  return value.split(/\s+/).filter((c) => /^[A-Za-z0-9_-]{1,40}$/.test(c)).slice(0, 8).join(' ');
}

/** The snippet rebuilt from the allowlist: a, img, p, strong, em, span, div with href/src/alt/title/class. */
export function sanitizeSlotHtml(input: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${input.slice(0, MAX_INPUT)}</body></html>`);
  const out: string[] = [];
  const walk = (node: Node, depth: number) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        out.push(escapeHtml(child.textContent ?? ''));
        continue;
      }
      if (child.nodeType !== 1) continue; // comments, processing instructions
      const element = child as Element;
      const tag = element.tagName.toLowerCase();
      if (DROPPED.has(tag) || depth >= MAX_DEPTH) continue;
      if (!ALLOWED.has(tag)) {
        walk(element, depth + 1);
        continue;
      }
      const attrs: string[] = [];
      for (const name of [...(ATTRIBUTES[tag] ?? []), ...COMMON_ATTRIBUTES]) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        const clean = name === 'href' || name === 'src' ? safeUrl(value) : name === 'class' ? safeClass(value) : value.slice(0, 300);
        if (clean) attrs.push(` ${name}="${escapeHtml(clean)}"`);
      }
      if (tag === 'img') {
        if (attrs.some((a) => a.startsWith(' src='))) out.push(`<img${attrs.join('')}>`);
        continue;
      }
      // Links in an advertisement are paid links: say so to search engines, and keep the opener away.
      if (tag === 'a' && attrs.some((a) => a.startsWith(' href='))) attrs.push(' rel="sponsored noopener"');
      out.push(`<${tag}${attrs.join('')}>`);
      walk(element, depth + 1);
      out.push(`</${tag}>`);
    }
  };
  walk(document.body, 0);
  return out.join('').trim();
}
