// /admin/audit: every admin action, newest first, 50 to a page.
import type { FastifyInstance } from 'fastify';
import type { AuditEntry } from '../../../admin/store.js';
import { html, type SafeHtml } from '../../html.js';
import { timeTag } from '../../layout.js';
import { type AdminContext, idParam } from '../context.js';
import { adminPage } from '../layout.js';

export const AUDIT_PAGE_SIZE = 50;

export function auditTable(entries: AuditEntry[], now = new Date()): SafeHtml {
  return html`<div class="table-scroll"><table class="admin-table audit">
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Details</th></tr></thead>
<tbody>${entries.map(
    (e) => html`<tr><td>${timeTag(e.createdAt, now)}</td><td>${e.userEmail ?? '—'}</td><td><code>${e.action}</code></td><td>${e.target ?? ''}</td><td><small>${e.details ?? ''}</small></td></tr>`,
  )}</tbody></table></div>`;
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get('/audit', async (request, reply) => {
    const view = await ctx.view(request);
    const before = idParam((request.query as Record<string, unknown>).before) ?? undefined;
    const entries = await ctx.store.listAudit({ limit: AUDIT_PAGE_SIZE + 1, beforeId: before });
    const shown = entries.slice(0, AUDIT_PAGE_SIZE);
    const total = await ctx.store.countAudit();
    return ctx.send(
      reply,
      adminPage(view, {
        title: 'Audit log',
        active: 'audit',
        body: html`<p class="lede">Who did what in the admin, and when: ${total} ${total === 1 ? 'entry' : 'entries'}, newest first.</p>
${shown.length ? auditTable(shown) : html`<p class="empty">No entries${before ? ' before this one' : ''}.</p>`}
<nav class="pager">${before ? html`<a href="/admin/audit">Newest</a> ` : ''}${entries.length > AUDIT_PAGE_SIZE ? html`<a href="/admin/audit?before=${shown[shown.length - 1]!.id}" rel="next">Older entries →</a>` : ''}</nav>`,
      }),
    );
  });
}
