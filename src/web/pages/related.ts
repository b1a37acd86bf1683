// The "Related stories" box on story and article pages (src/stories/related.ts decides).
import type { Story } from '../../model.js';
import { html, type SafeHtml } from '../html.js';

export function relatedBox(stories: Story[]): SafeHtml | null {
  if (stories.length === 0) return null;
  return html`<section class="related" aria-labelledby="related-heading">
  <h2 id="related-heading">Related stories</h2>
  <ul>${stories.map(
    (s) => html`<li><a href="/story/${s.id}">${s.title}</a> <span class="meta">${s.outletCount} ${s.outletCount === 1 ? 'outlet' : 'outlets'}</span></li>`,
  )}</ul>
</section>`;
}
