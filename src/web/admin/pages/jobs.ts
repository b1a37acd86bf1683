// /admin/jobs: the queues of the production roles (web, worker, scheduler): how much waits
// in each and for how long, and the dead-letter list — jobs that failed their last attempt —
// with their error and a retry button. In the all-in-one `serve` there are no queues.
import type { FastifyInstance } from 'fastify';
import { failedJobs, formatAge, queueDepths, removeJob, retryAllFailed, retryJob } from '../../../queue/dead-letter.js';
import { html } from '../../html.js';
import { timeTag } from '../../layout.js';
import type { AdminContext } from '../context.js';
import { formOf } from '../http.js';
import { adminPage, postButton } from '../layout.js';

const FAILED_SHOWN = 100;

export function registerJobRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get('/jobs', async (request, reply) => {
    const view = await ctx.view(request);
    const queue = ctx.deps.queue;
    if (!queue) {
      return ctx.send(
        reply,
        adminPage(view, {
          title: 'Jobs',
          active: 'jobs',
          body: html`<p class="lede">This site runs as one process (<code>newsroom serve</code>): fetching, extraction and clustering happen inside it, without queues.</p>
<p class="hint">With <code>NEWSROOM_REDIS_URL</code> set, <code>newsroom web</code>, <code>newsroom worker</code> and <code>newsroom scheduler</code> share the work through queues, and this page shows them (see docs/roles.md).</p>`,
        }),
      );
    }
    const [depths, failed] = await Promise.all([queueDepths(queue), failedJobs(queue, FAILED_SHOWN)]);
    const now = new Date();
    return ctx.send(
      reply,
      adminPage(view, {
        title: 'Jobs',
        active: 'jobs',
        body: html`<p class="lede">Work shared by the workers through Redis (queues <code>${queue.settings.prefix}</code>). A job that fails is retried with growing pauses; after its last attempt it stays below, in the dead-letter list, until it is retried or removed.</p>
<section class="admin-panel">
<h2>Queues</h2>
<div class="table-scroll"><table class="admin-table jobs-queues">
<thead><tr><th scope="col">Queue</th><th scope="col">Waiting</th><th scope="col">Oldest waiting</th><th scope="col">Running</th><th scope="col">Retrying later</th><th scope="col">Failed</th></tr></thead>
<tbody>${depths.map(
          (d) => html`<tr><th scope="row"><code>${d.name}</code></th><td>${d.waiting}</td><td>${formatAge(d.oldestWaitingMs)}</td><td>${d.active}</td><td>${d.delayed}</td><td>${d.failed}</td></tr>`,
        )}</tbody></table></div>
</section>
<section class="admin-panel">
<h2>Failed jobs</h2>
${failed.length === 0
  ? html`<p class="empty">No failed jobs.</p>`
  : html`${postButton(view, '/admin/jobs/retry-all', 'Retry all', { className: 'button' })}
<div class="table-scroll"><table class="admin-table jobs-failed">
<thead><tr><th scope="col">Job</th><th scope="col">Failed</th><th scope="col">Attempts</th><th scope="col">Error</th><th scope="col"></th></tr></thead>
<tbody>${failed.map(
      (f) => html`<tr><td><code>${f.ref}</code><br><small>${JSON.stringify(f.data)}</small></td><td>${f.failedAt ? timeTag(f.failedAt, now) : '—'}</td><td>${f.attempts}</td><td class="error-text">${f.error}</td>
<td class="actions">${postButton(view, '/admin/jobs/retry', 'Retry', { fields: { job: f.ref } })} ${postButton(view, '/admin/jobs/remove', 'Remove', { fields: { job: f.ref }, confirm: 'Delete this job: it will not run' })}</td></tr>`,
    )}</tbody></table></div>`}
</section>`,
      }),
    );
  });

  for (const [action, run, done] of [
    ['retry', retryJob, 'queued again'],
    ['remove', removeJob, 'removed'],
  ] as const) {
    app.post(`/jobs/${action}`, async (request, reply) => {
      const queue = ctx.deps.queue;
      if (!queue) return ctx.done(request, reply, '/admin/jobs', 'There are no queues in this process.');
      const ref = formOf(request).text('job').slice(0, 300);
      const result = await run(queue, ref);
      if (!result.ok) return ctx.done(request, reply, '/admin/jobs', `Not ${done}: ${result.error}.`);
      await ctx.audit(request, `job.${action}`, result.ref);
      return ctx.done(request, reply, '/admin/jobs', `Job ${result.ref} ${done}.`);
    });
  }

  app.post('/jobs/retry-all', async (request, reply) => {
    const queue = ctx.deps.queue;
    if (!queue) return ctx.done(request, reply, '/admin/jobs', 'There are no queues in this process.');
    const n = await retryAllFailed(queue);
    await ctx.audit(request, 'job.retry-all', null, { jobs: n });
    return ctx.done(request, reply, '/admin/jobs', n === 0 ? 'No failed jobs to retry.' : `${n} failed ${n === 1 ? 'job' : 'jobs'} queued again.`);
  });
}
