// /admin: what the system is doing — counts, the last fetch cycle, failing sources, the
// moderation queue and the latest admin actions.
import type { FastifyInstance } from 'fastify';
import { html } from '../../html.js';
import { timeTag } from '../../layout.js';
import { sourceHealth } from '../../pages/sources.js';
import type { AdminContext } from '../context.js';
import { adminPage } from '../layout.js';
import { auditTable } from './audit.js';

export function registerDashboardRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get('/', async (request, reply) => {
    const view = await ctx.view(request);
    const { repo, scheduler, moderation } = ctx.deps;
    const [counts, sources, queue] = await Promise.all([repo.counts(), repo.listSources(), moderation ? moderation.counts() : Promise.resolve(null)]);
    const now = new Date();
    const failing = sources.filter((s) => s.lastOutcome === 'error').sort((a, b) => b.errorCount - a.errorCount);
    const paused = sources.filter((s) => s.paused).length;
    const status = scheduler?.status() ?? null;
    const lastFetch = sources.reduce<Date | null>((latest, s) => (s.lastFetchAt && (!latest || s.lastFetchAt > latest) ? s.lastFetchAt : latest), null);
    const cycle = status?.lastCycle ?? null;
    const recent = await ctx.store.listAudit({ limit: 8 });
    return ctx.send(
      reply,
      adminPage(view, {
        title: 'Dashboard',
        active: 'dashboard',
        body: html`<ul class="stat-grid">
  <li><a href="/admin/sources"><strong>${counts.sources}</strong> sources</a><span>${failing.length} failing · ${paused} paused</span></li>
  <li><strong>${counts.articles}</strong> articles</li>
  <li><a href="/admin/stories"><strong>${counts.stories}</strong> stories</a></li>
  <li><a href="/admin/moderation"><strong>${queue ? queue.pending : '—'}</strong> comments to moderate</a>${queue ? html`<span>${queue.spam} in spam</span>` : html`<span>comments not installed</span>`}</li>
</ul>
<section class="admin-panel">
<h2>Fetching</h2>
${status
  ? html`<p>${status.running ? html`<strong>A fetch cycle is running</strong> (started ${timeTag(status.lastCycleStartedAt ?? now, now)}).` : 'The scheduler is idle between cycles.'}
  ${status.lastCycleFinishedAt ? html` The last cycle finished ${timeTag(status.lastCycleFinishedAt, now)}` : ' No cycle has finished since the server started'}${cycle
      ? html`: ${cycle.polled.length} sources polled, ${cycle.inserted} new articles, ${cycle.notModified} not modified, ${cycle.errors} errors.`
      : '.'}</p>`
  : html`<p>The scheduler is not running in this process (started with <code>--no-scheduler</code>, or fetching runs elsewhere).</p>`}
<p>Latest fetch of any source: ${lastFetch ? timeTag(lastFetch, now) : 'never'}.</p>
</section>
<section class="admin-panel">
<h2>Failing sources</h2>
${failing.length === 0
  ? html`<p class="empty">Every source fetched fine on its last try.</p>`
  : html`<div class="table-scroll"><table class="admin-table">
<thead><tr><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Last error</th><th scope="col">Next try</th></tr></thead>
<tbody>${failing.slice(0, 20).map(
      (s) => html`<tr><td><a href="/admin/sources/${s.id}">${s.name}</a></td><td><span class="status status-error">${sourceHealth(s).label}</span>${s.lastHttpStatus ? html` (HTTP ${s.lastHttpStatus})` : ''}</td><td><small class="error-text">${s.lastError ?? ''}</small></td><td>${timeTag(s.nextFetchAt, now)}</td></tr>`,
    )}</tbody></table></div>${failing.length > 20 ? html`<p><a href="/admin/sources">All ${failing.length} failing sources</a></p>` : ''}`}
</section>
<section class="admin-panel">
<h2>Latest admin actions</h2>
${recent.length ? auditTable(recent, now) : html`<p class="empty">Nothing yet.</p>`}
<p><a href="/admin/audit">The whole audit log</a></p>
</section>`,
      }),
    );
  });
}
