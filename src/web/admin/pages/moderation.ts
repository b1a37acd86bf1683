// /admin/moderation: the comment queue with approve, spam, delete (one or many at once),
// bans by name, email or client, and the blocklist — all through the comments feature's
// moderation API (docs/comments.md).
import type { FastifyInstance } from 'fastify';
import { isModerationAction, MODERATION_ACTIONS, nextStatus, type ModerationAction } from '../../../comments/moderation.js';
import type { BanKind, CommentWithStory } from '../../../comments/store.js';
import type { CommentStatus } from '../../../model.js';
import { html, safeHref } from '../../html.js';
import { timeTag } from '../../layout.js';
import { type AdminContext, idParam } from '../context.js';
import { formOf } from '../http.js';
import { type AdminView, adminPage, csrfField } from '../layout.js';
import type { ModerationApi } from '../moderation-api.js';

const STATUSES: CommentStatus[] = ['pending', 'approved', 'spam', 'deleted'];
const STATUS_LABELS: Record<CommentStatus, string> = { pending: 'Waiting', approved: 'Published', spam: 'Spam', deleted: 'Deleted' };
const ACTION_LABELS: Record<ModerationAction, string> = { approve: 'Approve', spam: 'Spam', delete: 'Delete', hold: 'Unpublish', restore: 'Back to queue' };
const BAN_KINDS: BanKind[] = ['name', 'email', 'client'];
const BAN_LABELS: Record<BanKind, string> = { name: 'name', email: 'email', client: 'client' };
const PAGE_SIZE = 50;

function isStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (STATUSES as string[]).includes(value);
}

function commentItem(c: CommentWithStory, now: Date) {
  const website = safeHref(c.website);
  return html`<li class="comment-mod">
<label class="check"><input type="checkbox" name="ids" value="${String(c.id)}"> <strong>${c.authorName}</strong></label>
<span class="meta">${website ? html` · <a href="${website}" rel="nofollow noopener">${website}</a>` : ''} · on <a href="/story/${c.storyId}#comment-${c.id}">${c.storyTitle}</a> · ${timeTag(c.createdAt, now)}</span>
<div class="comment-body">${c.body.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div>
<p class="meta">client <code title="${c.clientHash}">${c.clientHash.slice(0, 10)}</code>${c.emailHash ? html` · email <code title="${c.emailHash}">${c.emailHash.slice(0, 10)}</code>` : ''}</p>
<div class="comment-actions">${MODERATION_ACTIONS.filter((a) => nextStatus(c.status, a)).map(
    (a) => html`<button type="submit" class="button-small${a === 'delete' || a === 'spam' ? ' button-danger' : ''}" name="one" value="${a}:${c.id}">${ACTION_LABELS[a]}</button> `,
  )}<span class="hint">Ban:</span> ${BAN_KINDS.filter((k) => k !== 'email' || c.emailHash).map(
    (k) => html`<button type="submit" class="button-small" name="one" value="ban-${k}:${c.id}" title="Ban this ${BAN_LABELS[k]} and mark the comment spam">${BAN_LABELS[k]}</button> `,
  )}</div>
</li>`;
}

async function moderationBody(view: AdminView, moderation: ModerationApi, status: CommentStatus, before: number | undefined) {
  const [counts, comments, bans, blocklist] = await Promise.all([
    moderation.counts(),
    moderation.listQueue({ status, limit: PAGE_SIZE + 1, ...(before ? { beforeId: before } : {}) }),
    moderation.listBans(),
    moderation.listBlocklist(),
  ]);
  const shown = comments.slice(0, PAGE_SIZE);
  const now = new Date();
  const csrf = view.session.csrfToken;
  return html`<nav class="tabs" aria-label="Comments by status"><ul>${STATUSES.map(
    (s) => html`<li><a href="/admin/moderation?status=${s}"${s === status ? html` aria-current="page"` : ''}>${STATUS_LABELS[s]} <span class="count">${counts[s]}</span></a></li>`,
  )}</ul></nav>
<form method="post" action="/admin/moderation" class="moderation-queue">${csrfField(csrf)}
<input type="hidden" name="status" value="${status}">
${shown.length === 0
  ? html`<p class="empty">No comments here.</p>`
  : html`<div class="bulk-bar">
  <label>With the selected comments <select name="action">${MODERATION_ACTIONS.map((a) => html`<option value="${a}">${ACTION_LABELS[a]}</option>`)}</select></label>
  <button type="submit" class="button" name="bulk" value="1">Apply</button>
</div>
<ol class="comment-queue">${shown.map((c) => commentItem(c, now))}</ol>`}
</form>
<nav class="pager">${before ? html`<a href="/admin/moderation?status=${status}">Newest</a> ` : ''}${comments.length > PAGE_SIZE ? html`<a href="/admin/moderation?status=${status}&amp;before=${shown[shown.length - 1]!.id}" rel="next">Older →</a>` : ''}</nav>
<div class="admin-columns">
<section class="admin-panel">
<h2>Bans</h2>
<p class="hint">Comments from a banned name, email or client go straight to spam.</p>
<form class="admin-form" method="post" action="/admin/moderation/bans">${csrfField(csrf)}
  <label>Ban a <select name="kind">${BAN_KINDS.map((k) => html`<option value="${k}">${BAN_LABELS[k]}</option>`)}</select></label>
  <label>Value <input type="text" name="value" required maxlength="300" placeholder="a name, an email address, or a client hash"></label>
  <button type="submit" class="button">Ban</button>
</form>
${bans.length === 0
  ? html`<p class="empty">No bans.</p>`
  : html`<ul class="plain-list">${bans.map(
      (b) => html`<li><span class="badge">${b.kind}</span> <code>${b.value}</code> <form class="inline-form" method="post" action="/admin/moderation/bans/remove">${csrfField(csrf)}<input type="hidden" name="kind" value="${b.kind}"><input type="hidden" name="value" value="${b.value}"><button type="submit" class="button-small">Lift</button></form></li>`,
    )}</ul>`}
</section>
<section class="admin-panel">
<h2>Blocklist</h2>
<p class="hint">A comment containing one of these words or phrases, or linking to one of these hosts, goes to spam.</p>
<form class="admin-form" method="post" action="/admin/moderation/blocklist">${csrfField(csrf)}
  <label>Add, one per line <textarea name="terms" rows="3" maxlength="5000" placeholder="cheap pills&#10;spam.example"></textarea></label>
  <button type="submit" class="button">Add</button>
</form>
${blocklist.length === 0
  ? html`<p class="empty">The blocklist is empty.</p>`
  : html`<ul class="plain-list">${blocklist.map(
      (t) => html`<li><code>${t.term}</code> <form class="inline-form" method="post" action="/admin/moderation/blocklist/remove">${csrfField(csrf)}<input type="hidden" name="term" value="${t.term}"><button type="submit" class="button-small">Remove</button></form></li>`,
    )}</ul>`}
</section>
</div>`;
}

export function registerModerationRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const unavailable = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const view = await ctx.view(request);
    return ctx.send(reply, adminPage(view, { title: 'Moderation', active: 'moderation', body: html`<p class="empty">Comments are not installed on this site, so there is nothing to moderate.</p>` }));
  };

  app.get('/moderation', async (request, reply) => {
    const moderation = ctx.deps.moderation;
    if (!moderation) return unavailable(request, reply);
    const query = request.query as Record<string, unknown>;
    const status = isStatus(query.status) ? query.status : 'pending';
    const view = await ctx.view(request);
    const body = await moderationBody(view, moderation, status, idParam(query.before) ?? undefined);
    return ctx.send(reply, adminPage(view, { title: 'Moderation', active: 'moderation', body }));
  });

  app.post('/moderation', async (request, reply) => {
    const moderation = ctx.deps.moderation;
    if (!moderation) return unavailable(request, reply);
    const form = formOf(request);
    const status = isStatus(form.text('status')) ? form.text('status') : 'pending';
    const back = `/admin/moderation?status=${status}`;
    const one = /^(approve|spam|delete|hold|restore|ban-name|ban-email|ban-client):(\d+)$/.exec(form.text('one'));
    if (one) {
      const [, action, idText] = one;
      const id = Number(idText);
      if (action!.startsWith('ban-')) {
        const kind = action!.slice(4) as BanKind;
        const result = await moderation.banAuthorOf(id, [kind]);
        if (!result.ok) return await ctx.done(request, reply, back, `Comment #${id} was not found.`);
        await ctx.audit(request, `comment.ban.${kind}`, `comment #${id} by ${result.comment.authorName}`);
        return await ctx.done(request, reply, back, `Banned the ${kind} of comment #${id} and marked it spam.`);
      }
      const result = await moderation.apply(id, action as ModerationAction);
      if (!result.ok) return await ctx.done(request, reply, back, result.error === 'not-found' ? `Comment #${id} was not found.` : `Comment #${id} is ${result.status ?? 'elsewhere'}; “${action}” does not apply.`);
      await ctx.audit(request, `comment.${action}`, `comment #${id} by ${result.comment.authorName}`);
      return await ctx.done(request, reply, back, `Comment #${id}: ${ACTION_LABELS[action as ModerationAction].toLowerCase()} done.`);
    }
    const action = form.text('action');
    const ids = form.all('ids').map((v) => idParam(v)).filter((n): n is number => n !== null);
    if (!isModerationAction(action)) return await ctx.done(request, reply, back, 'Choose an action.');
    if (ids.length === 0) return await ctx.done(request, reply, back, 'Select the comments to act on first.');
    const result = await moderation.bulk(ids, action);
    await ctx.audit(request, `comments.${action}`, `${result.changed.length} comments`, { ids: result.changed.map((c) => c.id), failed: result.failed.map((f) => f.id) });
    return await ctx.done(request, reply, back, `${ACTION_LABELS[action]}: ${result.changed.length} ${result.changed.length === 1 ? 'comment' : 'comments'}${result.failed.length ? `; ${result.failed.length} skipped (the action does not apply to them)` : ''}.`);
  });

  app.post('/moderation/bans', async (request, reply) => {
    const moderation = ctx.deps.moderation;
    if (!moderation) return unavailable(request, reply);
    const form = formOf(request);
    const kind = form.text('kind') as BanKind;
    const value = form.text('value');
    if (!BAN_KINDS.includes(kind) || !value) return await ctx.done(request, reply, '/admin/moderation', 'Choose what to ban and give its value.');
    const stored = await moderation.ban(kind, value);
    // The email address itself is not written to the log: its hash is what is stored.
    await ctx.audit(request, `comment.ban.${kind}`, kind === 'email' ? `email ${stored.slice(0, 12)}…` : `${kind} ${stored}`);
    return await ctx.done(request, reply, '/admin/moderation', `Banned that ${kind}.`);
  });

  app.post('/moderation/bans/remove', async (request, reply) => {
    const moderation = ctx.deps.moderation;
    if (!moderation) return unavailable(request, reply);
    const form = formOf(request);
    const kind = form.text('kind') as BanKind;
    const value = form.text('value');
    if (!BAN_KINDS.includes(kind) || !(await moderation.unban(kind, value))) return await ctx.done(request, reply, '/admin/moderation', 'There is no such ban.');
    await ctx.audit(request, `comment.unban.${kind}`, `${kind} ${value.slice(0, 40)}`);
    return await ctx.done(request, reply, '/admin/moderation', `Lifted the ban on that ${kind}.`);
  });

  app.post('/moderation/blocklist', async (request, reply) => {
    const moderation = ctx.deps.moderation;
    if (!moderation) return unavailable(request, reply);
    const terms = formOf(request).raw('terms')?.split(/\r?\n/).map((t) => t.trim()).filter(Boolean).slice(0, 200) ?? [];
    const added: string[] = [];
    for (const term of terms) if (await moderation.addBlocklistTerm(term)) added.push(term);
    if (added.length) await ctx.audit(request, 'blocklist.add', added.join(', ').slice(0, 500));
    return await ctx.done(request, reply, '/admin/moderation', added.length ? `Added ${added.length} ${added.length === 1 ? 'term' : 'terms'} to the blocklist.` : 'Nothing new to add.');
  });

  app.post('/moderation/blocklist/remove', async (request, reply) => {
    const moderation = ctx.deps.moderation;
    if (!moderation) return unavailable(request, reply);
    const term = formOf(request).text('term');
    if (!(await moderation.removeBlocklistTerm(term))) return await ctx.done(request, reply, '/admin/moderation', 'That term is not on the blocklist.');
    await ctx.audit(request, 'blocklist.remove', term);
    return await ctx.done(request, reply, '/admin/moderation', `Removed “${term}” from the blocklist.`);
  });
}
