// /api/docs: the API for people, rendered on the server from the same route list as the
// OpenAPI document (no script: the CSP allows none from elsewhere, and none is needed).
import type { Section } from '../../model.js';
import { html, type SafeHtml } from '../html.js';
import { page } from '../layout.js';
import { openApiPath, parametersOf } from './openapi.js';
import { API_ROUTES, type ApiRoute } from './routes.js';
import { EXAMPLES } from './examples.js';
import type { JsonSchema } from './schemas.js';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Descriptions are CommonMark in OpenAPI; here only their `code spans` are rendered. */
function prose(text: string): SafeHtml {
  return html`${text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}`;
}

function typeOf(schema: JsonSchema): string {
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  const limits = [
    schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : '',
    schema.maximum !== undefined && schema.maximum !== Number.MAX_SAFE_INTEGER ? `≤ ${String(schema.maximum)}` : '',
  ].filter(Boolean);
  return limits.length ? `${type} (${limits.join(', ')})` : type;
}

function endpoint(route: ApiRoute): SafeHtml {
  const path = openApiPath(route);
  const parameters = parametersOf(route);
  return html`<section class="api-endpoint" id="${route.operationId}">
<h2><code>GET ${path}</code></h2>
<p><strong>${route.summary}.</strong> ${prose(route.description)}</p>
${parameters.length
  ? html`<div class="table-scroll"><table class="sources">
<thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Default</th><th scope="col">Description</th></tr></thead>
<tbody>${parameters.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? ' (required)' : ''}</td><td>${p.in}</td><td>${typeOf(p.schema)}</td><td>${p.schema.default === undefined ? '—' : String(p.schema.default)}</td><td>${prose(p.description ?? '')}</td></tr>`)}</tbody>
</table></div>`
  : html`<p>No parameters.</p>`}
<p>Responses: <code>200</code> ${String(route.response.description ?? '').replace(/\.$/, '')}, <code>304</code> not modified${route.errors.map((s) => html`, <code>${s}</code> ${s === 404 ? 'not found' : 'bad parameter'}`)}.</p>
<details><summary>Example response</summary><div class="table-scroll"><pre><code>${json(route.example)}</code></pre></div></details>
</section>`;
}

export function apiDocsPage(options: { siteName: string; sections: Section[]; base: string }): string {
  const { siteName, sections, base } = options;
  return page({
    siteName,
    title: 'API',
    sections,
    breadcrumbs: [{ label: 'Home', href: '/' }, { label: 'API' }],
    description: `The JSON API of ${siteName}: stories, articles, sections and sources.`,
    // A reference page that carries no script at all.
    keyboard: false,
    body: html`<h1 class="page-title">API</h1>
<p class="lede">Read-only JSON over HTTP at <code>${base}/api/v1/</code>. The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<ul>
<li><strong>Pagination.</strong> Lists take <code>limit</code> (1–100, default 20) and answer <code>{"items": […], "next": "…"}</code>; pass <code>next</code> as <code>cursor</code> for the following page. <code>next</code> is <code>null</code> on the last page. Cursors are opaque.</li>
<li><strong>Errors</strong> are <code>{"error": {"code", "message"}}</code> with status 400 (<code>bad_request</code>: a parameter is not valid) or 404 (<code>not_found</code>). For example: <code>${JSON.stringify(EXAMPLES.badRequest)}</code></li>
<li><strong>Caching.</strong> Every response has an <code>ETag</code>; send it back as <code>If-None-Match</code> to get <code>304 Not Modified</code> when nothing changed.</li>
<li><strong>Hidden stories</strong> (hidden by the editors) and their articles are not in the API.</li>
<li><strong>Feeds.</strong> The same stories as RSS, Atom and JSON Feed: <a href="/feeds/top.rss">/feeds/top.rss</a>, <code>/feeds/section/{slug}.atom</code>, <code>/feeds/story/{id}.json</code> and so on.</li>
<li>Times are ISO 8601 in UTC; links to our pages are absolute; <code>summary</code> and <code>title</code> are plain text, as the publisher wrote them.</li>
</ul>
<nav aria-label="Endpoints"><ul>${API_ROUTES.map((r) => html`<li><a href="#${r.operationId}"><code>GET ${openApiPath(r)}</code></a> — ${r.summary}</li>`)}</ul></nav>
${API_ROUTES.map(endpoint)}`,
  });
}
