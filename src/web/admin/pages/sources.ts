// /admin/sources: follow a site or feed (with discovery), edit, pause, remove, OPML in and
// out, and each source's health: last fetch, HTTP status, last error, back-off, volume.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readOpml, writeOpml } from '../../../feeds/opml.js';
import { subscribe } from '../../../jobs/subscribe.js';
import type { Section, Source } from '../../../model.js';
import { html, safeHref } from '../../html.js';
import { timeTag } from '../../layout.js';
import { sourceHealth } from '../../pages/sources.js';
import { type AdminContext, idParam } from '../context.js';
import { formOf } from '../http.js';
import { type AdminView, adminPage, csrfField, postButton } from '../layout.js';

const VOLUME_DAYS = 7;
const MAX_IMPORT = 500;

const SourceEdit = z.object({
  name: z.string().trim().min(1, 'the name cannot be empty').max(200),
  section: z.string().trim().max(60),
  weight: z.coerce.number().min(0, 'the weight is from 0 to 10').max(10, 'the weight is from 0 to 10'),
  interval: z.coerce.number().int('the interval is a whole number of minutes').min(1, 'the interval is from 1 minute to 7 days').max(7 * 24 * 60, 'the interval is from 1 minute to 7 days'),
});

function sectionSelect(sections: Section[], selected: string | null, name = 'section', emptyLabel = '— none —') {
  return html`<select name="${name}"><option value="">${emptyLabel}</option>${sections.map(
    (s) => html`<option value="${s.slug}"${s.slug === selected ? html` selected` : ''}>${s.name}</option>`,
  )}</select>`;
}

function perDay(count: number): string {
  const value = count / VOLUME_DAYS;
  return value === 0 ? '0' : value < 0.1 ? '< 0.1' : value.toFixed(value < 10 ? 1 : 0);
}

function sourcesBody(view: AdminView, sources: Source[], volume: Map<number, number>) {
  const now = new Date();
  const csrf = view.session.csrfToken;
  return html`<div class="admin-columns">
<section class="admin-panel">
<h2>Add a source</h2>
<form class="admin-form" method="post" action="/admin/sources/add">${csrfField(csrf)}
  <label>Site or feed address <input type="url" name="url" required placeholder="https://www.example-news.org/"></label>
  <label>Name <input type="text" name="name" maxlength="200" placeholder="from the feed"></label>
  <label>Section ${sectionSelect(view.sections, null)}</label>
  <button type="submit" class="button">Add source</button>
  <p class="hint">A site's address is enough: the feeds its page advertises are found, then common feed paths are tried.</p>
</form>
</section>
<section class="admin-panel">
<h2>OPML</h2>
<form class="admin-form" method="post" action="/admin/sources/import" enctype="multipart/form-data">${csrfField(csrf)}
  <label>OPML file <input type="file" name="file" accept=".opml,.xml,text/xml,text/x-opml,application/xml"></label>
  <label>Section for all ${sectionSelect(view.sections, null, 'section', '— from the file —')}</label>
  <button type="submit" class="button">Import</button>
  <p class="hint">Every feed of the file is checked and followed; feeds already followed are skipped.</p>
</form>
<p><a href="/admin/sources/export.opml" download>Export every source as OPML</a></p>
</section>
</div>
<section class="admin-panel">
<h2>${sources.length} ${sources.length === 1 ? 'source' : 'sources'}</h2>
${sources.length === 0
  ? html`<p class="empty">No sources yet.</p>`
  : html`<div class="table-scroll"><table class="admin-table sources-admin">
<thead><tr><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Last fetch</th><th scope="col">Back-off</th><th scope="col">Articles/day</th><th scope="col">Extraction failures</th><th scope="col">Settings</th><th scope="col"></th></tr></thead>
<tbody>${sources.map((s) => {
      const health = sourceHealth(s);
      return html`<tr${s.paused ? html` class="paused"` : ''}>
<td><a href="/admin/sources/${s.id}"><strong>${s.name}</strong></a><br><a class="feed-url" href="${safeHref(s.feedUrl) ?? '#'}" rel="noopener">${s.feedUrl}</a></td>
<td>${s.paused ? html`<span class="status status-warn">paused</span><br>` : ''}<span class="status status-${health.tone}">${health.label}</span>${s.lastHttpStatus ? html`<br><small>HTTP ${s.lastHttpStatus}</small>` : ''}${s.lastError ? html`<br><small class="error-text">${s.lastError}</small>` : ''}</td>
<td>${s.lastFetchAt ? timeTag(s.lastFetchAt, now) : '—'}</td>
<td>${s.errorCount > 0 ? html`${s.errorCount} ${s.errorCount === 1 ? 'error' : 'errors'} in a row<br>` : ''}${s.paused ? 'not polled while paused' : html`next ${timeTag(s.nextFetchAt, now)}`}</td>
<td>${perDay(volume.get(s.id) ?? 0)}</td>
<td>—</td>
<td><small>${view.sections.find((x) => x.slug === s.section)?.name ?? 'no section'} · weight ${s.weight} · every ${s.intervalMinutes} min</small></td>
<td class="actions">${postButton(view, `/admin/sources/${s.id}/${s.paused ? 'resume' : 'pause'}`, s.paused ? 'Resume' : 'Pause')} <a class="button-small" href="/admin/sources/${s.id}">Edit</a></td>
</tr>`;
    })}</tbody></table></div>
<p class="hint">Articles/day: articles published in the last ${VOLUME_DAYS} days, divided by ${VOLUME_DAYS}. Extraction failures show "—" until article-page extraction arrives (the extraction issue); today only feeds are read.</p>`}
</section>`;
}

function editBody(view: AdminView, source: Source, articleCount: number, error?: string) {
  const csrf = view.session.csrfToken;
  return html`${error ? html`<p class="error-text" role="alert">${error}</p>` : ''}
<section class="admin-panel">
<form class="admin-form" method="post" action="/admin/sources/${source.id}">${csrfField(csrf)}
  <label>Name <input type="text" name="name" value="${source.name}" maxlength="200" required></label>
  <label>Section ${sectionSelect(view.sections, source.section)}</label>
  <label>Weight <input type="number" name="weight" value="${String(source.weight)}" min="0" max="10" step="0.1" required>
    <span class="hint">How much this outlet counts when stories are ranked (1 is normal).</span></label>
  <label>Polling interval, minutes <input type="number" name="interval" value="${String(source.intervalMinutes)}" min="1" max="10080" step="1" required></label>
  <button type="submit" class="button">Save</button>
</form>
<p>Feed: <a class="feed-url" href="${safeHref(source.feedUrl) ?? '#'}" rel="noopener">${source.feedUrl}</a>${source.siteUrl ? html` · site: <a href="${safeHref(source.siteUrl) ?? '#'}" rel="noopener">${source.siteUrl}</a>` : ''}</p>
</section>
<section class="admin-panel">
<h2>${source.paused ? 'Paused' : 'Polling'}</h2>
<p>${source.paused ? 'This source is not polled until it is resumed.' : html`Next fetch ${timeTag(source.nextFetchAt)}.`}</p>
${postButton(view, `/admin/sources/${source.id}/${source.paused ? 'resume' : 'pause'}`, source.paused ? 'Resume polling' : 'Pause polling', { className: 'button', fields: { back: 'edit' } })}
</section>
<section class="admin-panel danger-zone">
<h2>Remove</h2>
<form method="post" action="/admin/sources/${source.id}/remove">${csrfField(csrf)}
  <label class="check"><input type="checkbox" name="confirm" value="yes" required> Stop following ${source.name} and delete the ${articleCount} ${articleCount === 1 ? 'article' : 'articles'} it brought</label>
  <button type="submit" class="button button-danger">Remove source</button>
</form>
</section>`;
}

export function registerSourceRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { repo, config, http } = ctx.deps;

  app.get('/sources', async (request, reply) => {
    const view = await ctx.view(request);
    const sources = await repo.listSources();
    const volume = await ctx.store.articlesPerSourceSince(new Date(Date.now() - VOLUME_DAYS * 24 * 3600_000));
    return ctx.send(reply, adminPage(view, { title: 'Sources', active: 'sources', body: sourcesBody(view, sources, volume) }));
  });

  app.post('/sources/add', async (request, reply) => {
    const form = formOf(request);
    const url = form.text('url');
    if (!safeHref(url)) return await ctx.done(request, reply, '/admin/sources', `Not added: "${url}" is not an http(s) address.`);
    const result = await subscribe(url, { name: form.text('name') || undefined, section: form.text('section') || undefined }, { http, repo, config });
    if ('error' in result) {
      await ctx.audit(request, 'source.add.failed', url, result.error);
      return await ctx.done(request, reply, '/admin/sources', `Could not add ${url}: ${result.error}`);
    }
    const { source, discoveredFrom } = result;
    await ctx.audit(request, 'source.add', `source #${source.id} ${source.name}`, { feedUrl: source.feedUrl, discoveredFrom });
    return await ctx.done(request, reply, '/admin/sources', `Added ${source.name} (${source.feedUrl})${discoveredFrom ? `, discovered from ${discoveredFrom}` : ''}. It is fetched in the next cycle.`);
  });

  app.post('/sources/import', async (request, reply) => {
    const form = formOf(request);
    const file = form.file('file');
    const text = file?.text ?? form.raw('opml') ?? '';
    if (!text.trim()) return await ctx.done(request, reply, '/admin/sources', 'Choose an OPML file to import.');
    const subscriptions = readOpml(text);
    if ('error' in subscriptions) return await ctx.done(request, reply, '/admin/sources', `Not imported: ${subscriptions.error}.`);
    const section = form.text('section') || undefined;
    let added = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const sub of subscriptions.slice(0, MAX_IMPORT)) {
      if (await repo.findSourceByFeedUrl(sub.feedUrl)) {
        skipped++;
        continue;
      }
      const result = await subscribe(sub.feedUrl, { name: sub.name ?? undefined, section: section ?? sub.section ?? undefined, discover: false }, { http, repo, config });
      if ('error' in result) failures.push(`${sub.feedUrl}: ${result.error}`);
      else added++;
    }
    const over = Math.max(0, subscriptions.length - MAX_IMPORT);
    await ctx.audit(request, 'sources.import', file?.filename ?? 'OPML', { feeds: subscriptions.length, added, skipped, failed: failures.length });
    const summary = `OPML import: ${added} added, ${skipped} already followed, ${failures.length} failed${over ? `, ${over} not read (at most ${MAX_IMPORT} per file)` : ''}.`;
    return await ctx.done(request, reply, '/admin/sources', failures.length ? `${summary} Failed: ${failures.slice(0, 10).join('; ')}${failures.length > 10 ? '; …' : ''}` : summary);
  });

  app.get('/sources/export.opml', async (_request, reply) => {
    const [sources, sections] = await Promise.all([repo.listSources(), repo.listSections()]);
    const nameOf = (slug: string) => sections.find((s) => s.slug === slug)?.name ?? slug;
    return reply
      .type('text/x-opml; charset=utf-8')
      .header('content-disposition', 'attachment; filename="newsroom-sources.opml"')
      .send(writeOpml(sources, `${config.siteName} sources`, nameOf));
  });

  app.get<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    const source = id ? await repo.getSource(id) : null;
    if (!source) return await ctx.done(request, reply, '/admin/sources', 'There is no such source.');
    const view = await ctx.view(request);
    const articles = await ctx.store.articleCountOfSource(source.id);
    return ctx.send(reply, adminPage(view, { title: source.name, active: 'sources', crumbs: [{ label: 'Sources', href: '/admin/sources' }, { label: source.name }], body: editBody(view, source, articles) }));
  });

  app.post<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    const source = id ? await repo.getSource(id) : null;
    if (!source) return await ctx.done(request, reply, '/admin/sources', 'There is no such source.');
    const form = formOf(request);
    const parsed = SourceEdit.safeParse({ name: form.text('name'), section: form.text('section'), weight: form.text('weight'), interval: form.text('interval') });
    const sections = await repo.listSections();
    if (!parsed.success || (parsed.data.section && !sections.some((s) => s.slug === parsed.data.section))) {
      const view = await ctx.view(request);
      const problem = parsed.success ? 'there is no such section' : parsed.error.issues[0]?.message ?? 'invalid value';
      return ctx.send(reply, adminPage(view, { title: source.name, active: 'sources', crumbs: [{ label: 'Sources', href: '/admin/sources' }, { label: source.name }], body: editBody(view, source, 0, `Not saved: ${problem}.`) }), 400);
    }
    const patch = { name: parsed.data.name, section: parsed.data.section || null, weight: parsed.data.weight, intervalMinutes: parsed.data.interval };
    await repo.updateSource(source.id, patch);
    const changed = Object.fromEntries(
      Object.entries(patch).filter(([key, value]) => (source as unknown as Record<string, unknown>)[key] !== value).map(([key, value]) => [key, { from: (source as unknown as Record<string, unknown>)[key], to: value }]),
    );
    await ctx.audit(request, 'source.edit', `source #${source.id} ${patch.name}`, changed);
    return await ctx.done(request, reply, `/admin/sources/${source.id}`, `Saved ${patch.name}.`);
  });

  for (const action of ['pause', 'resume'] as const) {
    app.post<{ Params: { id: string } }>(`/sources/:id/${action}`, async (request, reply) => {
      const id = idParam(request.params.id);
      const source = id ? await repo.updateSource(id, { paused: action === 'pause' }) : null;
      if (!source) return await ctx.done(request, reply, '/admin/sources', 'There is no such source.');
      await ctx.audit(request, `source.${action}`, `source #${source.id} ${source.name}`);
      const back = formOf(request).text('back') === 'edit' ? `/admin/sources/${source.id}` : '/admin/sources';
      return await ctx.done(request, reply, back, action === 'pause' ? `Paused ${source.name}: it is not polled until resumed.` : `Resumed ${source.name}.`);
    });
  }

  app.post<{ Params: { id: string } }>('/sources/:id/remove', async (request, reply) => {
    const id = idParam(request.params.id);
    const source = id ? await repo.getSource(id) : null;
    if (!source) return await ctx.done(request, reply, '/admin/sources', 'There is no such source.');
    if (formOf(request).text('confirm') !== 'yes') return await ctx.done(request, reply, `/admin/sources/${source.id}`, 'Tick the box to confirm the removal.');
    const stories = await ctx.store.storyIdsOfSource(source.id);
    await repo.removeSource(source.id);
    // The stories it had coverage in are outlined again without it (and dropped when left empty).
    await ctx.deps.stories.refreshOutlines(stories);
    await ctx.audit(request, 'source.remove', `source #${source.id} ${source.name}`, { feedUrl: source.feedUrl });
    return await ctx.done(request, reply, '/admin/sources', `Removed ${source.name} and its articles.`);
  });
}
