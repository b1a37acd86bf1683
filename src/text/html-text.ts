// Plain text out of untrusted HTML (feed summaries and content). The result is text, so
// pages escape it like any other string: nothing from a publisher's markup is rendered.
import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG']);

/** Paragraphs of text in document order; whitespace folded, empty ones dropped. */
export function htmlToParagraphs(html: string): string[] {
  if (!/[<&]/.test(html)) return splitPlain(html);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) current += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toUpperCase();
        if (SKIP.has(tag)) continue;
        const block = BLOCK.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(document.body);
  flush();
  return paragraphs;
}

function splitPlain(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** All the text as one line, for summaries and titles. */
export function htmlToText(html: string): string {
  return htmlToParagraphs(html).join(' ');
}

/** Shortens text at a word boundary, with an ellipsis when it was cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const SCRIPT_OR_STYLE = /<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi;
// An unterminated comment is read as a declaration ending at the next `>` (as SGML did),
// so it cannot swallow the rest of the text.
const COMMENT = /<!--[\s\S]*?-->/g;
// Block-level tags separate words; inline ones (b, i, a, span) do not.
const BLOCK_TAG = /<\/?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|hr|dd|dt|pre|figure|figcaption)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const TAG = /<\/?[A-Za-z](?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>/g;

/**
 * Text of a short piece of HTML (a title, a summary line) without building a DOM: tags
 * dropped, references decoded, whitespace folded. For paragraphs use htmlToParagraphs.
 */
export function fastHtmlToText(html: string): string {
  let text = html;
  if (text.indexOf('<') !== -1) text = text.replace(COMMENT, '').replace(SCRIPT_OR_STYLE, ' ').replace(BLOCK_TAG, ' ').replace(TAG, '');
  if (text.indexOf('&') !== -1) text = decodeHTML(text);
  return text.replace(/\s+/g, ' ').trim();
}

/** True when a string looks like HTML rather than plain text (a tag or a character reference). */
export function looksLikeHtml(text: string): boolean {
  return /<[A-Za-z/!][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]+);/i.test(text);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text made safe to treat as HTML. */
export function textToHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!);
}
