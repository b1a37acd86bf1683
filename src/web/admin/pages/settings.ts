// /admin/settings: the site's name, its sections (add, rename, reorder) and the comment
// policy, stored under the keys documented in docs/admin.md.
import type { FastifyInstance } from 'fastify';
import { readSettings, type SettingKey, settingProblem, writeSetting } from '../../../admin/settings.js';
import { slugify } from '../../../text/slug.js';
import { html } from '../../html.js';
import type { AdminContext } from '../context.js';
import { formOf } from '../http.js';
import { adminPage, csrfField, postButton } from '../layout.js';

export function registerSettingsRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { repo, config } = ctx.deps;

  app.get('/settings', async (request, reply) => {
    const view = await ctx.view(request);
    const settings = await readSettings(ctx.store, config.siteName, config.ops.retainBodiesDays ?? 0);
    const sections = await ctx.store.sections();
    const usage = await ctx.store.sectionUsage();
    const moderation = ctx.deps.moderation;
    const commentsOn = moderation ? await Promise.all(sections.map((s) => moderation.sectionCommentsEnabled(s.slug))) : null;
    const csrf = view.session.csrfToken;
    return ctx.send(
      reply,
      adminPage(view, {
        title: 'Settings',
        active: 'settings',
        body: html`<section class="admin-panel">
<h2>Site and comments</h2>
<form class="admin-form" method="post" action="/admin/settings">${csrfField(csrf)}
  <label>Site name <input type="text" name="site.name" value="${settings['site.name']}" maxlength="80" required>
    <span class="hint">Shown in the header and page titles; takes effect when the server is restarted.${settings['site.name'] !== config.siteName ? ` Running now as “${config.siteName}”.` : ''}</span></label>
  <fieldset>
    <legend>Comments</legend>
    <label class="check"><input type="checkbox" name="comments.enabled" value="yes"${settings['comments.enabled'] ? html` checked` : ''}> Readers may comment (site-wide)</label>
    <label class="check"><input type="checkbox" name="comments.holdAll" value="yes"${settings['comments.holdAll'] ? html` checked` : ''}> Hold every new comment for moderation</label>
    <label>Close comments this many days after a story is first reported <input type="number" name="comments.closeAfterDays" value="${String(settings['comments.closeAfterDays'])}" min="0" max="3650" step="1" required>
      <span class="hint">0 keeps them open.</span></label>
  </fieldset>
  <fieldset>
    <legend>Retention</legend>
    <label>Keep article bodies for this many days <input type="number" name="retention.bodiesDays" value="${String(settings['retention.bodiesDays'])}" min="0" max="36500" step="1">
      <span class="hint">Older articles lose their stored page and full text (hourly, while the scheduler runs); titles, links, summaries and stories stay. 0 keeps everything.</span></label>
  </fieldset>
  <button type="submit" class="button">Save settings</button>
</form>
</section>
<section class="admin-panel">
<h2>Sections</h2>
<p class="hint">Renaming keeps the section’s address (<code>/section/slug</code>), so links keep working.</p>
<div class="table-scroll"><table class="admin-table">
<thead><tr><th scope="col">Order</th><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Sources</th>${commentsOn ? html`<th scope="col">Comments</th>` : ''}</tr></thead>
<tbody>${sections.map(
          (s, i) => html`<tr>
<td class="actions">${i > 0 ? postButton(view, `/admin/sections/${s.slug}/move`, '↑', { fields: { direction: 'up' } }) : ''}${i < sections.length - 1 ? postButton(view, `/admin/sections/${s.slug}/move`, '↓', { fields: { direction: 'down' } }) : ''}</td>
<td><form class="inline-form" method="post" action="/admin/sections/${s.slug}/rename">${csrfField(csrf)}<input type="text" name="name" value="${s.name}" maxlength="60" required aria-label="Name of ${s.name}"> <button type="submit" class="button-small">Rename</button></form></td>
<td><a href="/section/${s.slug}"><code>/section/${s.slug}</code></a></td>
<td>${usage.get(s.slug) ?? 0}</td>
${commentsOn ? html`<td>${commentsOn[i] ? 'on' : html`<strong>off</strong>`} ${postButton(view, `/admin/sections/${s.slug}/comments`, commentsOn[i] ? 'Turn off' : 'Turn on', { fields: { enabled: commentsOn[i] ? 'no' : 'yes' } })}</td>` : ''}
</tr>`,
        )}</tbody></table></div>
<form class="admin-form inline-add" method="post" action="/admin/sections/add">${csrfField(csrf)}
  <label>New section <input type="text" name="name" maxlength="60" required></label>
  <button type="submit" class="button">Add section</button>
</form>
</section>`,
      }),
    );
  });

  app.post('/settings', async (request, reply) => {
    const form = formOf(request);
    const bodiesDaysDefault = config.ops.retainBodiesDays ?? 0;
    const before = await readSettings(ctx.store, config.siteName, bodiesDaysDefault);
    const retention = form.text('retention.bodiesDays');
    const values: Record<SettingKey, unknown> = {
      // Left out of the form: unchanged (not "keep forever").
      'retention.bodiesDays': retention === '' ? before['retention.bodiesDays'] : Number(retention),
      'site.name': form.text('site.name'),
      'comments.enabled': form.text('comments.enabled') === 'yes',
      'comments.holdAll': form.text('comments.holdAll') === 'yes',
      'comments.closeAfterDays': form.text('comments.closeAfterDays') === '' ? NaN : Number(form.text('comments.closeAfterDays')),
    };
    const keys = Object.keys(values) as SettingKey[];
    // Everything is checked first, so a bad value saves nothing.
    const errors = keys.map((key) => settingProblem(key, values[key])).filter((e): e is string => e !== null);
    if (errors.length) return await ctx.done(request, reply, '/admin/settings', `Not saved: ${errors.join('; ')}.`);
    // Retention is stored only when the editor changes it, so NEWSROOM_RETAIN_BODIES_DAYS keeps
    // governing until then rather than being frozen by saving some other setting.
    for (const key of keys) if (key !== 'retention.bodiesDays' || values[key] !== before[key]) await writeSetting(ctx.store, key, values[key]);
    const after = await readSettings(ctx.store, config.siteName, bodiesDaysDefault);
    const changed = Object.fromEntries(keys.filter((key) => after[key] !== before[key]).map((key) => [key, { from: before[key], to: after[key] }]));
    await ctx.audit(request, 'settings.save', null, changed);
    return await ctx.done(request, reply, '/admin/settings', Object.keys(changed).length ? `Saved: ${Object.keys(changed).join(', ')}.` : 'Nothing changed.');
  });

  app.post('/sections/add', async (request, reply) => {
    const name = formOf(request).text('name').replace(/\s+/g, ' ').slice(0, 60);
    if (!slugify(name)) return await ctx.done(request, reply, '/admin/settings', 'A section needs a name with letters or digits.');
    const existing = (await repo.listSections()).find((s) => s.slug === slugify(name) || s.name.toLowerCase() === name.toLowerCase());
    if (existing) return await ctx.done(request, reply, '/admin/settings', `There is already a section ${existing.name}.`);
    const section = await repo.ensureSection(name);
    if (section.name !== name) await ctx.store.renameSection(section.slug, name);
    await ctx.audit(request, 'section.add', `${name} (/section/${section.slug})`);
    return await ctx.done(request, reply, '/admin/settings', `Added the section ${name}.`);
  });

  app.post<{ Params: { slug: string } }>('/sections/:slug/rename', async (request, reply) => {
    const { slug } = request.params;
    const name = formOf(request).text('name').replace(/\s+/g, ' ').slice(0, 60);
    const sections = await repo.listSections();
    const section = sections.find((s) => s.slug === slug);
    if (!section) return await ctx.done(request, reply, '/admin/settings', 'There is no such section.');
    if (!name) return await ctx.done(request, reply, '/admin/settings', 'A section needs a name.');
    if (sections.some((s) => s.slug !== slug && s.name.toLowerCase() === name.toLowerCase())) return await ctx.done(request, reply, '/admin/settings', `There is already a section named ${name}.`);
    if (name === section.name) return await ctx.done(request, reply, '/admin/settings');
    await ctx.store.renameSection(slug, name);
    await ctx.audit(request, 'section.rename', `/section/${slug}`, { from: section.name, to: name });
    return await ctx.done(request, reply, '/admin/settings', `Renamed ${section.name} to ${name}.`);
  });

  app.post<{ Params: { slug: string } }>('/sections/:slug/comments', async (request, reply) => {
    const moderation = ctx.deps.moderation;
    const enabled = formOf(request).text('enabled') === 'yes';
    if (!moderation || !(await moderation.setSectionComments(request.params.slug, enabled))) return await ctx.done(request, reply, '/admin/settings', 'There is no such section.');
    await ctx.audit(request, enabled ? 'section.comments.on' : 'section.comments.off', `/section/${request.params.slug}`);
    return await ctx.done(request, reply, '/admin/settings', `Comments are ${enabled ? 'on' : 'off'} in /section/${request.params.slug}.`);
  });

  app.post<{ Params: { slug: string } }>('/sections/:slug/move', async (request, reply) => {
    const { slug } = request.params;
    const order = (await ctx.store.sections()).map((s) => s.slug);
    const at = order.indexOf(slug);
    if (at < 0) return await ctx.done(request, reply, '/admin/settings', 'There is no such section.');
    const to = formOf(request).text('direction') === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= order.length) return await ctx.done(request, reply, '/admin/settings');
    [order[at], order[to]] = [order[to]!, order[at]!];
    await ctx.store.orderSections(order);
    await ctx.audit(request, 'section.move', `/section/${slug}`, { position: to + 1 });
    return await ctx.done(request, reply, '/admin/settings');
  });
}
