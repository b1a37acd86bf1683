// How a sponsor slot looks on a public page: the snippet inside a box clearly labelled
// "Advertisement", so it is never mistaken for the news.
import { html, type SafeHtml } from '../html.js';

export function advertisement(content: SafeHtml, name: string): SafeHtml {
  return html`<aside class="ad-slot ad-slot-${name}" aria-label="Advertisement"><p class="ad-label">Advertisement</p><div class="ad-content">${content}</div></aside>`;
}
