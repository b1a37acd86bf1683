// The sources page: every outlet the site follows, with the health of its feed, so
// readers see where the news comes from and operators see what is failing.
import type { Section, Source } from '../../model.js';
import { html, safeHref } from '../html.js';
import { page, timeTag } from '../layout.js';

export function sourceHealth(source: Source): { label: string; tone: 'ok' | 'warn' | 'error' | 'new' } {
  if (!source.lastOutcome) return { label: 'not fetched yet', tone: 'new' };
  if (source.lastOutcome === 'error') {
    return { label: source.errorCount > 1 ? `failing (${source.errorCount} times in a row)` : 'failed', tone: 'error' };
  }
  return { label: source.lastOutcome === 'not_modified' ? 'ok (not modified)' : 'ok', tone: 'ok' };
}

export function sourcesPage(options: { siteName: string; sections: Section[]; sources: Source[] }): string {
  const { sources, sections, siteName } = options;
  const now = new Date();
  return page({
    siteName,
    title: 'Sources',
    sections,
    breadcrumbs: [{ label: 'Home', href: '/' }, { label: 'Sources' }],
    description: `The publishers ${siteName} follows.`,
    body: html`<h1 class="page-title">Sources</h1>
<p class="lede">${siteName} follows ${sources.length} ${sources.length === 1 ? 'feed' : 'feeds'}. OPML: <a href="/sources.opml">sources.opml</a></p>
${sources.length === 0
  ? html`<p class="empty">No sources yet. Add one with <code>newsroom sources add URL</code>.</p>`
  : html`<div class="table-scroll"><table class="sources">
<thead><tr><th scope="col">Outlet</th><th scope="col">Section</th><th scope="col">Status</th><th scope="col">Last fetch</th><th scope="col">Next fetch</th></tr></thead>
<tbody>${sources.map((s) => {
      const health = sourceHealth(s);
      const site = safeHref(s.siteUrl);
      return html`<tr>
<td>${site ? html`<a href="${site}" rel="noopener">${s.name}</a>` : s.name}<br><a class="feed-url" href="${safeHref(s.feedUrl) ?? '#'}">${s.feedUrl}</a></td>
<td>${sections.find((x) => x.slug === s.section)?.name ?? '—'}</td>
<td><span class="status status-${health.tone}">${health.label}</span>${s.lastError ? html`<br><small class="error-text">${s.lastError}</small>` : ''}</td>
<td>${s.lastFetchAt ? timeTag(s.lastFetchAt, now) : '—'}</td>
<td>${timeTag(s.nextFetchAt, now)}</td>
</tr>`;
    })}</tbody></table></div>`}`,
  });
}
