// /admin/slots: a sponsor snippet per named place, sanitised to a small allowlist when
// saved, with a preview of exactly what readers will see.
import type { FastifyInstance } from 'fastify';
import { SLOT_DESCRIPTIONS, SLOT_NAMES, isSlotName } from '../../../admin/slots.js';
import { sanitizeSlotHtml } from '../../../admin/slot-html.js';
import { html, raw } from '../../html.js';
import { timeTag } from '../../layout.js';
import type { AdminContext } from '../context.js';
import { formOf } from '../http.js';
import { adminPage, csrfField } from '../layout.js';
import { advertisement } from '../slot-view.js';

/** Elements and attributes in a piece of HTML, roughly: enough to tell that some were removed. */
function markupCount(value: string): number {
  return (value.match(/<[a-zA-Z]/g) ?? []).length + (value.match(/\s[a-zA-Z:-]+\s*=/g) ?? []).length;
}

export function registerSlotRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get('/slots', async (request, reply) => {
    const view = await ctx.view(request);
    const csrf = view.session.csrfToken;
    const slots = new Map(await Promise.all(SLOT_NAMES.map(async (name) => [name, await ctx.store.getSlot(name)] as const)));
    return ctx.send(
      reply,
      adminPage(view, {
        title: 'Sponsor slots',
        active: 'slots',
        body: html`<p class="lede">HTML snippets shown in named places of the article and story pages, each under an “Advertisement” label. Slots are off until you turn them on.</p>
<p class="hint">Only <code>a</code>, <code>img</code>, <code>p</code>, <code>strong</code>, <code>em</code>, <code>span</code> and <code>div</code> are kept, with <code>href</code>, <code>src</code>, <code>alt</code>, <code>title</code> and <code>class</code>; links and images must be http(s). Scripts, event handlers, styles and anything else are removed when you save (the site’s Content-Security-Policy would block scripts anyway).</p>
${SLOT_NAMES.map((name) => {
  const slot = slots.get(name);
  const preview = slot?.html ? sanitizeSlotHtml(slot.html) : '';
  return html`<section class="admin-panel" id="slot-${name}">
<h2>${SLOT_DESCRIPTIONS[name]} <code>${name}</code> ${slot?.enabled ? html`<span class="badge badge-on">on</span>` : html`<span class="badge">off</span>`}</h2>
<form class="admin-form" method="post" action="/admin/slots/${name}">${csrfField(csrf)}
  <label>HTML <textarea name="html" rows="5" spellcheck="false">${slot?.html ?? ''}</textarea></label>
  <label class="check"><input type="checkbox" name="enabled" value="yes"${slot?.enabled ? html` checked` : ''}> Show this slot</label>
  <button type="submit" class="button">Save</button>
  ${slot?.updatedAt ? html`<span class="hint">Saved ${timeTag(slot.updatedAt)}.</span>` : ''}
</form>
${preview ? html`<h3>Preview</h3><div class="slot-preview">${advertisement(raw(preview), name)}</div>` : ''}
</section>`;
})}`,
      }),
    );
  });

  app.post<{ Params: { name: string } }>('/slots/:name', async (request, reply) => {
    const name = request.params.name;
    if (!isSlotName(name)) return await ctx.done(request, reply, '/admin/slots', 'There is no such slot.');
    const form = formOf(request);
    const submitted = form.raw('html') ?? '';
    const clean = sanitizeSlotHtml(submitted);
    const enabled = form.text('enabled') === 'yes';
    const before = await ctx.store.getSlot(name);
    await ctx.store.saveSlot({ name, html: clean, enabled });
    await ctx.audit(request, 'slot.save', name, { enabled, wasEnabled: before?.enabled ?? false, length: clean.length });
    const stripped = markupCount(clean.replace(/ rel="sponsored noopener"/g, '')) < markupCount(submitted);
    const state = enabled ? (clean ? 'shown' : 'on, but empty, so nothing is shown') : 'off';
    return await ctx.done(request, reply, `/admin/slots#slot-${name}`, `Saved the ${name} slot (${state}).${stripped ? ' Markup outside the allowlist was removed.' : ''}`);
  });
}
