// The admin's routes, in their own encapsulated Fastify context under /admin: the session
// and CSRF checks run on every admin request and nowhere else on the site.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../admin/audit.js';
import { CSRF_FIELD, csrfTokenValid, newToken } from '../../admin/csrf.js';
import { html } from '../html.js';
import { AdminContext, maybeSigned, setSigned, signed } from './context.js';
import { clearCookie, formOf, isHttps, readCookies, registerFormParsers, setCookie, transportAllowed } from './http.js';
import { adminPage, csrfField, plainAdminPage } from './layout.js';
import { registerAuditRoutes } from './pages/audit.js';
import { registerDashboardRoutes } from './pages/dashboard.js';
import { registerJobRoutes } from './pages/jobs.js';
import { registerModerationRoutes } from './pages/moderation.js';
import { registerSettingsRoutes } from './pages/settings.js';
import { registerSlotRoutes } from './pages/slots.js';
import { registerSourceRoutes } from './pages/sources.js';
import { registerStoryRoutes } from './pages/stories.js';

export const SESSION_COOKIE = 'newsroom_admin';
/** Before login there is no session: the login form's token is checked against this cookie (double submit). */
export const LOGIN_COOKIE = 'newsroom_admin_login';
const COOKIE_PATH = '/admin';

/** Routes reachable without a session. */
const PUBLIC = new Set(['/admin/login']);

function safeNext(value: unknown): string {
  const next = typeof value === 'string' ? value : '';
  return /^\/admin(\/[^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/admin';
}

export function adminRoutes(ctx: AdminContext) {
  return async function admin(app: FastifyInstance): Promise<void> {
    registerFormParsers(app);

    app.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('x-robots-tag', 'noindex, nofollow');
      const token = readCookies(request).get(SESSION_COOKIE);
      const found = await ctx.auth.resolve(token);
      if (found && token) setSigned(request, { ...found, token });
    });

    // After the body is parsed: a session for everything but the login, and a valid CSRF token on every POST.
    app.addHook('preHandler', async (request, reply) => {
      const path = request.routeOptions.url ?? request.url;
      const isPublic = PUBLIC.has(path);
      const session = maybeSigned(request);
      if (!isPublic && !session) {
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return reply.redirect(`/admin/login${next}`, 303);
      }
      if (request.method !== 'POST') return;
      const expected = session && !isPublic ? session.session.csrfToken : readCookies(request).get(LOGIN_COOKIE);
      if (!csrfTokenValid(expected, formOf(request).raw(CSRF_FIELD))) {
        const sections = await ctx.deps.repo.listSections();
        return ctx.send(
          reply,
          plainAdminPage(ctx.deps.config.siteName, sections, 'Form refused', html`<p class="error-text">This form was refused: it carried no valid security token (it may have come from another site, or the page was open for too long).</p>
<p><a href="${session ? '/admin' : '/admin/login'}">Go back</a>, reload the page and try again.</p>`),
          403,
        );
      }
    });

    app.setErrorHandler(async (error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) request.log.error({ err: error }, `admin: ${request.method} ${request.url} failed`);
      const sections = await ctx.deps.repo.listSections();
      const message = status >= 500 ? 'Something went wrong on the server; the error was logged.' : (error as Error).message;
      return ctx.send(reply, plainAdminPage(ctx.deps.config.siteName, sections, 'Error', html`<p class="error-text">${message}</p><p><a href="/admin">Back to the admin</a></p>`), status);
    });

    registerLoginRoutes(app, ctx);
    registerDashboardRoutes(app, ctx);
    registerSourceRoutes(app, ctx);
    registerModerationRoutes(app, ctx);
    registerStoryRoutes(app, ctx);
    registerSlotRoutes(app, ctx);
    registerSettingsRoutes(app, ctx);
    registerAuditRoutes(app, ctx);
    registerJobRoutes(app, ctx);
    registerAccountRoutes(app, ctx);
  };
}

function loginForm(options: { csrf: string; email?: string; next: string; error?: string; allowed: boolean; noUsers: boolean }) {
  return html`${options.error ? html`<p class="error-text" role="alert">${options.error}</p>` : ''}
${options.noUsers ? html`<p class="notice">There is no admin account yet. Create one on the server with <code>newsroom admin create --email you@example.org</code>.</p>` : ''}
${options.allowed
  ? ''
  : html`<p class="error-text">The admin can be used over HTTPS, or over plain HTTP from this machine only. Put Newsroom behind a TLS reverse proxy, or reach it through an SSH tunnel.</p>`}
<form class="admin-form login-form" method="post" action="/admin/login">
  ${csrfField(options.csrf)}
  <input type="hidden" name="next" value="${options.next}">
  <label>Email <input type="email" name="email" autocomplete="username" required value="${options.email ?? ''}"></label>
  <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
  <button type="submit" class="button">Log in</button>
</form>`;
}

function registerLoginRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const cookieOptions = (request: FastifyRequest) => ({ path: COOKIE_PATH, secure: isHttps(request) });
  const render = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: { email?: string; error?: string; next?: string } = {}) => {
    // One login token per browser, kept while it lasts, so two open login tabs both work.
    let csrf = readCookies(request).get(LOGIN_COOKIE);
    if (!csrf || csrf.length < 32 || csrf.length > 100) {
      csrf = newToken();
      setCookie(reply, LOGIN_COOKIE, csrf, { ...cookieOptions(request), maxAgeSeconds: 3600 });
    }
    const sections = await ctx.deps.repo.listSections();
    const body = loginForm({
      csrf,
      next: safeNext(extra.next ?? (request.query as Record<string, unknown>).next),
      allowed: transportAllowed(request),
      noUsers: await ctx.store.countUsers() === 0,
      ...(extra.email !== undefined ? { email: extra.email } : {}),
      ...(extra.error !== undefined ? { error: extra.error } : {}),
    });
    return ctx.send(reply, plainAdminPage(ctx.deps.config.siteName, sections, 'Log in', body), status);
  };

  app.get('/login', async (request, reply) => {
    if (maybeSigned(request)) return reply.redirect(safeNext((request.query as Record<string, unknown>).next), 303);
    return render(request, reply, 200);
  });

  app.post('/login', async (request, reply) => {
    const form = formOf(request);
    const email = form.text('email');
    const next = safeNext(form.text('next'));
    if (!transportAllowed(request)) return render(request, reply, 403, { email, next, error: 'Log in over HTTPS.' });
    const result = await ctx.auth.login(email, form.raw('password') ?? '', request.socket.remoteAddress ?? 'unknown');
    if (!result.ok && result.reason === 'rate_limited') {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      reply.header('retry-after', String(result.retryAfterSeconds));
      return render(request, reply, 429, {
        email,
        next,
        error: `Too many failed logins. For your account's safety, logging in is blocked for ${minutes} more ${minutes === 1 ? 'minute' : 'minutes'}; try again later.`,
      });
    }
    if (!result.ok) {
      if (result.user) await recordAudit(ctx.store, result.user, 'login.failed');
      return render(request, reply, 401, { email, next, error: 'Wrong email or password.' });
    }
    setCookie(reply, SESSION_COOKIE, result.token, { ...cookieOptions(request), maxAgeSeconds: (result.session.expiresAt.getTime() - Date.now()) / 1000 });
    clearCookie(reply, LOGIN_COOKIE, cookieOptions(request));
    await recordAudit(ctx.store, result.user, 'login');
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (request, reply) => {
    const { token } = signed(request);
    await ctx.audit(request, 'logout');
    await ctx.auth.logout(token);
    clearCookie(reply, SESSION_COOKIE, cookieOptions(request));
    return reply.redirect('/admin/login', 303);
  });

  app.post('/logout-everywhere', async (request, reply) => {
    const { user } = signed(request);
    await ctx.audit(request, 'logout.everywhere', user.email);
    await ctx.auth.logoutEverywhere(user.id);
    clearCookie(reply, SESSION_COOKIE, cookieOptions(request));
    return reply.redirect('/admin/login', 303);
  });
}

function registerAccountRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get('/account', async (request, reply) => {
    const view = await ctx.view(request);
    const sessions = await ctx.store.countSessions(view.user.id);
    return ctx.send(
      reply,
      adminPage(view, {
        title: 'Your account',
        active: 'account',
        body: html`<section class="admin-panel">
<h2>Sessions</h2>
<p>You are signed in as <strong>${view.user.email}</strong> in ${sessions} ${sessions === 1 ? 'browser' : 'browsers'}.</p>
<form method="post" action="/admin/logout-everywhere">${csrfField(view.session.csrfToken)}
<button type="submit" class="button button-danger">Log out everywhere</button>
<span class="hint">Ends every session of this account, this one included (a lost laptop, a shared computer).</span></form>
</section>
<section class="admin-panel">
<h2>Change your password</h2>
<form class="admin-form" method="post" action="/admin/account/password">${csrfField(view.session.csrfToken)}
<label>Current password <input type="password" name="current" autocomplete="current-password" required></label>
<label>New password <input type="password" name="password" autocomplete="new-password" minlength="10" required></label>
<label>New password again <input type="password" name="confirm" autocomplete="new-password" minlength="10" required></label>
<button type="submit" class="button">Change password</button>
</form>
</section>`,
      }),
    );
  });

  app.post('/account/password', async (request, reply) => {
    const { user, session } = signed(request);
    const form = formOf(request);
    const password = form.raw('password') ?? '';
    if (!(await ctx.auth.checkPassword(user, form.raw('current') ?? ''))) return await ctx.done(request, reply, '/admin/account', 'The current password is wrong; nothing was changed.');
    if (password !== (form.raw('confirm') ?? '')) return await ctx.done(request, reply, '/admin/account', 'The two new passwords differ; nothing was changed.');
    const problem = await ctx.auth.setPassword(user.id, password);
    if (problem) return await ctx.done(request, reply, '/admin/account', `Not changed: ${problem.error}.`);
    // Whoever knew the old password is logged out everywhere else.
    const ended = await ctx.store.endOtherSessions(user.id, session.id);
    await ctx.audit(request, 'account.password', user.email, { otherSessionsEnded: ended });
    return await ctx.done(request, reply, '/admin/account', `Your password was changed${ended ? `; ${ended} other ${ended === 1 ? 'session was' : 'sessions were'} ended` : ''}.`);
  });
}
