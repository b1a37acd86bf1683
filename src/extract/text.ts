// Plain text of a DOM subtree: block elements and <br> break lines, runs of whitespace fold
// to one space, the cells of a table row share its line. Paragraphs (blocks) are separated by a blank line, <br> lines by one newline.
// The benchmark turns expected and competing HTML into text with this same function.

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot',
  'thead', 'tr', 'ul', 'img', 'iframe', 'video', 'audio', 'picture', 'option', 'legend', 'menu',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'select', 'textarea', 'button']);

const PARAGRAPH = '\u0000';
const LINE = '\u0001';

/** Collects the text of `root` into `out` with paragraph and line markers. */
function collect(root: Node, out: string[], skip: ((el: Element) => boolean) | undefined): void {
  for (let node = root.firstChild; node; node = node.nextSibling) {
    const type = node.nodeType;
    if (type === 3) {
      out.push((node as Text).data);
    } else if (type === 1) {
      const name = (node as Element).localName;
      if (name === 'br') {
        out.push(LINE);
        continue;
      }
      if (SKIP.has(name) || (skip && skip(node as Element))) continue;
      if (name === 'td' || name === 'th') {
        // Cells of a row stay on the row's line.
        out.push(' ');
        collect(node, out, skip);
        out.push(' ');
        continue;
      }
      if (BLOCK.has(name)) {
        out.push(PARAGRAPH);
        collect(node, out, skip);
        out.push(PARAGRAPH);
      } else {
        collect(node, out, skip);
      }
    }
  }
}

/**
 * Paragraphs of text, in document order; each may hold lines broken by <br>. Elements for
 * which `skip` is true are left out with their content.
 */
export function textParagraphs(root: Node, skip?: (el: Element) => boolean): string[] {
  const out: string[] = [];
  collect(root, out, skip);
  const paragraphs: string[] = [];
  for (const block of out.join('').split(PARAGRAPH)) {
    if (!/\S/.test(block)) continue;
    const lines: string[] = [];
    for (const line of block.split(LINE)) {
      const folded = line.replace(/\s+/g, ' ').trim();
      if (folded) lines.push(folded);
    }
    if (lines.length) paragraphs.push(lines.join('\n'));
  }
  return paragraphs;
}

/** The text of a subtree, paragraphs separated by a blank line. */
export function nodeText(root: Node): string {
  return textParagraphs(root).join('\n\n');
}
