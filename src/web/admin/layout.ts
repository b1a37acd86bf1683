// The frame of every admin page: the site's own layout, with the admin's navigation, the
// signed-in user, a one-time notice, and forms that always carry the CSRF token.
import type { AdminSession, AdminUser } from '../../admin/store.js';
import { CSRF_FIELD } from '../../admin/csrf.js';
import { html, type SafeHtml } from '../html.js';
import type { Crumb } from '../layout.js';
import { page } from '../layout.js';
import type { Section } from '../../model.js';

export const ADMIN_SECTIONS = [
  { key: 'dashboard', label: 'Dashboard', href: '/admin' },
  { key: 'sources', label: 'Sources', href: '/admin/sources' },
  { key: 'moderation', label: 'Moderation', href: '/admin/moderation' },
  { key: 'stories', label: 'Stories', href: '/admin/stories' },
  { key: 'slots', label: 'Slots', href: '/admin/slots' },
  { key: 'settings', label: 'Settings', href: '/admin/settings' },
  { key: 'audit', label: 'Audit log', href: '/admin/audit' },
  { key: 'jobs', label: 'Jobs', href: '/admin/jobs' },
] as const;

export type AdminSectionKey = (typeof ADMIN_SECTIONS)[number]['key'] | 'account';

export interface AdminView {
  siteName: string;
  sections: Section[];
  user: AdminUser;
  session: AdminSession;
  /** The one-time notice left by the last form, if any. */
  flash: string | null;
}

/** A hidden field with the session's CSRF token; every admin form starts with it. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

/** A one-button form that posts to `action` (pin, pause, remove…). */
export function postButton(view: Pick<AdminView, 'session'>, action: string, label: string, options: { fields?: Record<string, string | number>; className?: string; confirm?: string } = {}): SafeHtml {
  return html`<form class="inline-form" method="post" action="${action}">${csrfField(view.session.csrfToken)}${Object.entries(options.fields ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${String(value)}">`,
  )}<button type="submit" class="${options.className ?? 'button-small'}"${options.confirm ? html` title="${options.confirm}"` : ''}>${label}</button></form>`;
}

export function adminPage(view: AdminView, options: { title: string; active: AdminSectionKey; body: SafeHtml; crumbs?: Crumb[] }): string {
  const crumbs: Crumb[] = [{ label: 'Home', href: '/' }, { label: 'Admin', href: '/admin' }, ...(options.crumbs ?? [])];
  if (!options.crumbs && options.active !== 'dashboard') crumbs.push({ label: options.title });
  if (options.active === 'dashboard' && !options.crumbs) crumbs[crumbs.length - 1] = { label: 'Admin' };
  return page({
    siteName: view.siteName,
    title: `${options.title} · Admin`,
    sections: view.sections,
    breadcrumbs: crumbs,
    body: html`<div class="admin">
<nav class="admin-nav" aria-label="Admin">
  <ul>${ADMIN_SECTIONS.map(
    (s) => html`<li><a href="${s.href}"${s.key === options.active ? html` aria-current="page"` : ''}>${s.label}</a></li>`,
  )}</ul>
  <div class="admin-user">
    <a href="/admin/account"${options.active === 'account' ? html` aria-current="page"` : ''}>${view.user.email}</a>
    <form class="inline-form" method="post" action="/admin/logout">${csrfField(view.session.csrfToken)}<button type="submit" class="button-link">Log out</button></form>
  </div>
</nav>
${view.flash ? html`<p class="notice" role="status">${view.flash}</p>` : ''}
<h1 class="page-title">${options.title}</h1>
${options.body}
</div>`,
  });
}

/** A page outside the session (login, errors before login). */
export function plainAdminPage(siteName: string, sections: Section[], title: string, body: SafeHtml): string {
  return page({
    siteName,
    title: `${title} · Admin`,
    sections,
    breadcrumbs: [{ label: 'Home', href: '/' }, { label: 'Admin' }],
    body: html`<div class="admin admin-narrow"><h1 class="page-title">${title}</h1>${body}</div>`,
  });
}
