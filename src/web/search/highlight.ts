// Snippets and titles from the index carry their matches between two control characters
// (MARK_START, MARK_END) that the index never contains. Here they become <mark> elements,
// and everything else is escaped text: nothing from a publisher is ever HTML.
import { MARK_END, MARK_START } from '../../search/store.js';
import { html, type SafeHtml } from '../html.js';

const MARKERS = new RegExp(`([${MARK_START}${MARK_END}])`);

export function markedHtml(marked: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let inside = false;
  let text = '';
  const flush = () => {
    if (text) parts.push(inside ? html`<mark>${text}</mark>` : html`${text}`);
    text = '';
  };
  for (const piece of marked.split(MARKERS)) {
    if (piece === MARK_START || piece === MARK_END) {
      flush();
      inside = piece === MARK_START;
    } else {
      text += piece;
    }
  }
  flush();
  return html`${parts}`;
}
