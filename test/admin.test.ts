// The admin over HTTP, end to end: Fastify's inject against buildApp with the admin
// extension on an in-memory database, and a tiny publisher on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../src/model.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type AdminFixture, Client, type FeedSite, rss, startAdmin, startFeedSite } from './helpers/admin-fixtures.js';

describe('admin over HTTP', () => {
  let fx: AdminFixture;
  let site: FeedSite;

  before(async () => {
    [fx, site] = await Promise.all([startAdmin(), startFeedSite()]);
  });
  after(async () => {
    await fx?.close();
    await site?.close();
  });

  it('requires a login: pages redirect to /admin/login, posts do nothing', async () => {
    const anonymous = new Client(fx.app);
    for (const url of ['/admin', '/admin/sources', '/admin/audit', '/admin/slots']) {
      const res = await anonymous.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
    }
    const post = await anonymous.post('/admin/sources/add', { url: site.url });
    assert.equal(post.statusCode, 303);
    assert.equal(post.headers.location, '/admin/login');
    assert.equal((await fx.repo.listSources()).length, 0);
    const login = await anonymous.get('/admin/login');
    assert.equal(login.statusCode, 200);
    assert.match(login.body, /<form class="admin-form login-form" method="post" action="\/admin\/login">/);
    assert.equal(login.headers['cache-control'], 'no-store');
  });

  it('logs in with the right password and sets a Secure-when-https, HttpOnly, SameSite=Lax session cookie', async () => {
    const client = new Client(fx.app);
    const wrong = await client.login(ADMIN_EMAIL, 'not the password');
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /Wrong email or password/);
    const res = await client.login();
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    const cookie = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('newsroom_admin='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/admin/);
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP on loopback');
    const token = client.cookies.get('newsroom_admin')!;
    assert.ok(token.length >= 40);
    const stored = fx.repo.database.prepare('SELECT id FROM admin_sessions').all() as Array<{ id: string }>;
    assert.ok(stored.length > 0 && stored.every((s) => s.id !== token), 'the store keeps a hash of the token, never the token');
    const dashboard = await client.get('/admin');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /<h1 class="page-title">Dashboard<\/h1>/);
    assert.match(dashboard.body, /editor@example\.org/);

    // Behind a TLS reverse proxy on this machine, the cookie is Secure.
    const proxied = new Client(fx.app);
    const token2 = await proxied.csrf('/admin/login');
    const viaProxy = await proxied.post('/admin/login', { _csrf: token2, email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { 'x-forwarded-proto': 'https' });
    assert.match([viaProxy.headers['set-cookie']].flat().find((c) => String(c).startsWith('newsroom_admin='))!, /; Secure/);

    // Plain HTTP from another machine: no login at all.
    const remote = new Client(fx.app, '192.0.2.10');
    const token3 = await remote.csrf('/admin/login');
    const refused = await remote.post('/admin/login', { _csrf: token3, email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /over HTTPS/);
    assert.equal(remote.cookies.has('newsroom_admin'), false);
  });

  it('rate-limits wrong passwords: 429 with a clear message after 5 failures, the right password included', async () => {
    const victim = await fx.extension.auth.createUser('victim@example.org', 'the victims password');
    assert.ok(!('error' in victim));
    const guesser = new Client(fx.app, '127.0.0.77');
    for (let i = 1; i <= 5; i++) {
      const res = await guesser.login('victim@example.org', `guess number ${i}`);
      assert.equal(res.statusCode, 401, `attempt ${i}`);
    }
    const limited = await guesser.login('victim@example.org', 'guess number 6');
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Too many failed logins\. For your account&#39;s safety, logging in is blocked for 15 more minutes/);
    assert.ok(Number(limited.headers['retry-after']) > 800);
    const right = await guesser.login('victim@example.org', 'the victims password');
    assert.equal(right.statusCode, 429, 'no password is checked while limited');
    // Per email too: from another address, the victim's account stays locked.
    assert.equal((await new Client(fx.app, '127.0.0.78').login('victim@example.org', 'the victims password')).statusCode, 429);
    // Other people are not locked out.
    assert.equal((await new Client(fx.app, '127.0.0.79').login()).statusCode, 303);
  });

  it('refuses a form post without the CSRF token, or with a wrong one (403)', async () => {
    const client = new Client(fx.app);
    await client.login();
    const without = await client.post('/admin/sources/add', { url: site.url });
    assert.equal(without.statusCode, 403);
    assert.match(without.body, /no valid security token/);
    const wrong = await client.post('/admin/sources/add', { url: site.url, _csrf: 'forged-token-forged-token-forged-token-123' });
    assert.equal(wrong.statusCode, 403);
    const otherSession = new Client(fx.app);
    await otherSession.login();
    const stolen = await client.post('/admin/sources/add', { url: site.url, _csrf: await otherSession.csrf() });
    assert.equal(stolen.statusCode, 403, "another session's token does not work");
    const json = await fx.app.inject({ method: 'POST', url: '/admin/sources/add', payload: { url: site.url }, headers: { cookie: `newsroom_admin=${client.cookies.get('newsroom_admin')}` } });
    assert.equal(json.statusCode, 403);
    const login = await new Client(fx.app).post('/admin/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    assert.equal(login.statusCode, 403, 'the login form is protected too');
    assert.equal((await fx.repo.listSources()).length, 0, 'nothing was added');
  });

  it('adds a source by its site address (feed discovered), edits, pauses and resumes it, and shows its health', async () => {
    const client = new Client(fx.app);
    await client.login();
    const added = await client.submit('/admin/sources/add', { url: site.url, section: 'world' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/admin/sources');
    const [source] = await fx.repo.listSources();
    assert.ok(source);
    assert.equal(source.feedUrl, site.feedUrl);
    assert.equal(source.name, 'The Pier Gazette');
    assert.equal(source.section, 'world');
    let page = await client.get('/admin/sources');
    assert.match(page.body, /Added The Pier Gazette \(http:\/\/127\.0\.0\.1:\d+\/feed\.xml\), discovered from http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(page.body, /not fetched yet/);
    assert.match(page.body, /Extraction failures/);

    const edited = await client.submit(`/admin/sources/${source.id}`, { name: 'Pier Gazette', section: 'business', weight: '1.5', interval: '30' });
    assert.equal(edited.statusCode, 303);
    let now = (await fx.repo.getSource(source.id))!;
    assert.deepEqual([now.name, now.section, now.weight, now.intervalMinutes], ['Pier Gazette', 'business', 1.5, 30]);
    const bad = await client.submit(`/admin/sources/${source.id}`, { name: 'Pier Gazette', section: 'business', weight: '99', interval: '30' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Not saved: the weight is from 0 to 10/);

    await client.submit(`/admin/sources/${source.id}/pause`);
    now = (await fx.repo.getSource(source.id))!;
    assert.equal(now.paused, true);
    assert.equal((await fx.repo.dueSources(new Date(Date.now() + 86_400_000), 10)).length, 0, 'a paused source is not polled');
    page = await client.get('/admin/sources');
    assert.match(page.body, /<span class="status status-warn">paused<\/span>/);
    await client.submit(`/admin/sources/${source.id}/resume`);
    assert.equal((await fx.repo.getSource(source.id))!.paused, false);

    // Health after a failing fetch: HTTP status, last error, back-off.
    await fx.repo.recordFetch(source.id, {
      etag: null, lastModified: null, lastFetchAt: new Date(), lastOutcome: 'error', lastHttpStatus: 503, lastError: 'HTTP 503 Service Unavailable',
      errorCount: 3, nextFetchAt: new Date(Date.now() + 2 * 3600_000),
    });
    page = await client.get('/admin/sources');
    assert.match(page.body, /failing \(3 times in a row\)/);
    assert.match(page.body, /HTTP 503<\/small>/);
    assert.match(page.body, /HTTP 503 Service Unavailable/);
    assert.match(page.body, /3 errors in a row<br>next <time/);
    const dashboard = await client.get('/admin');
    assert.match(dashboard.body, /Failing sources[\s\S]*Pier Gazette[\s\S]*HTTP 503 Service Unavailable/);
  });

  it('refuses to add an address that is not a feed, saying why', async () => {
    const client = new Client(fx.app);
    await client.login();
    await client.submit('/admin/sources/add', { url: `${site.url}missing` });
    const page = await client.get('/admin/sources');
    assert.match(page.body, /Could not add http:\/\/127\.0\.0\.1:\d+\/missing: /);
  });

  it('exports the sources as OPML and imports an OPML file', async () => {
    const client = new Client(fx.app);
    await client.login();
    const exported = await client.get('/admin/sources/export.opml');
    assert.equal(exported.statusCode, 200);
    assert.match(exported.headers['content-type'] as string, /opml/);
    assert.match(exported.body, new RegExp(`xmlUrl="${site.feedUrl.replace(/[.]/g, '\\.')}"`));
    site.extraFeeds.set('/second.xml', rss('Second Feed', [{ title: 'Ferry timetable changes', link: 'https://pier.example/news/ferry', description: 'The winter timetable starts.' }]));
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="Science"><outline text="Second" xmlUrl="${site.url}second.xml"/></outline><outline text="Already" xmlUrl="${site.feedUrl}"/><outline text="Gone" xmlUrl="${site.url}gone.xml"/></body></opml>`;
    const res = await client.postMultipart('/admin/sources/import', { _csrf: await client.csrf('/admin/sources') }, { field: 'file', filename: 'mine.opml', content: opml });
    assert.equal(res.statusCode, 303);
    const page = await client.get('/admin/sources');
    assert.match(page.body, /OPML import: 1 added, 1 already followed, 1 failed\./);
    const second = (await fx.repo.listSources()).find((s) => s.feedUrl === `${site.url}second.xml`);
    assert.equal(second?.name, 'Second');
    assert.equal(second?.section, 'science');
  });

  describe('stories', () => {
    let storyA = 0;
    let storyB = 0;
    let articles: Article[] = [];

    before(async () => {
      const source = await fx.repo.addSource({ feedUrl: 'https://ledger.example/feed', name: 'Daily Ledger', section: 'world' }, 15);
      const t = Date.now() - 3 * 3600_000;
      const make = (n: number, title: string, text: string, minutes: number) => ({
        sourceId: source.id, guid: `s${n}`, url: `https://ledger.example/${n}`, canonicalUrl: `https://ledger.example/${n}`, title, author: null,
        summary: text, contentHtml: null, imageUrl: null, section: 'world', categories: [], publishedAt: new Date(t + minutes * 60_000), fetchedAt: new Date(),
      });
      articles = await fx.repo.insertArticles([
        make(1, 'River Ambry floods Kesselford', 'Three people have died after the River Ambry burst its banks in Kesselford after record rain.', 0),
        make(2, 'Estravia raises interest rates', 'The Estravian central bank raised its key interest rate to 4.75 per cent on Thursday.', 10),
        make(3, 'Kesselford flood defences failed, engineers say', 'Engineers said the flood defences in Kesselford failed as the River Ambry rose.', 20),
      ]);
      await fx.stories.process(articles);
      storyA = (await fx.repo.getArticle(articles[0]!.id))!.storyId!;
      storyB = (await fx.repo.getArticle(articles[1]!.id))!.storyId!;
      assert.notEqual(storyA, storyB);
    });

    it('pins, hides and renames a story', async () => {
      const client = new Client(fx.app);
      await client.login();
      assert.equal((await client.submit(`/admin/stories/${storyB}/pin`)).statusCode, 303);
      assert.equal((await client.submit(`/admin/stories/${storyA}/hide`)).statusCode, 303);
      assert.equal((await client.submit(`/admin/stories/${storyB}/rename`, { title: 'Estravia lifts rates to 4.75%' })).statusCode, 303);
      const b = (await fx.repo.getStory(storyB))!;
      assert.equal(b.pinned, true);
      assert.equal(b.title, 'Estravia lifts rates to 4.75%');
      assert.equal((await fx.repo.getStory(storyA))!.hidden, true);
      const listed = await fx.repo.latestStories({ limit: 10 });
      assert.equal(listed[0]!.id, storyB, 'pinned first');
      assert.ok(!listed.some((s) => s.id === storyA), 'hidden stories are left out');
      const page = await client.get('/admin/stories');
      assert.match(page.body, /Estravia lifts rates to 4\.75%<\/strong><\/a> <span class="badge badge-pinned">pinned<\/span>/);
      assert.match(page.body, /<span class="badge badge-hidden">hidden<\/span>/, 'the admin still lists hidden stories');
    });

    it('keeps pins, hides and renames when everything is clustered again', async () => {
      await fx.stories.recluster();
      await fx.store.reapplyStoryFlags();
      const b = (await fx.repo.getStory((await fx.repo.getArticle(articles[1]!.id))!.storyId!))!;
      const a = (await fx.repo.getStory((await fx.repo.getArticle(articles[0]!.id))!.storyId!))!;
      assert.equal(b.title, 'Estravia lifts rates to 4.75%');
      assert.equal(b.pinned, true);
      assert.equal(a.hidden, true);
      storyA = a.id;
      storyB = b.id;
    });

    it('unhides, splits and merges through the stories service', async () => {
      const client = new Client(fx.app);
      await client.login();
      await client.submit(`/admin/stories/${storyA}/unhide`);
      assert.equal((await fx.repo.getStory(storyA))!.hidden, false);
      const third = (await fx.repo.getArticle(articles[2]!.id))!;
      assert.equal(third.storyId, storyA, 'both flood articles are one story');
      const split = await client.submit(`/admin/articles/${third.id}/split`);
      assert.equal(split.statusCode, 303);
      const after = (await fx.repo.getArticle(third.id))!.storyId!;
      assert.notEqual(after, storyA);
      assert.match(split.headers.location as string, new RegExp(`/admin/stories/${after}$`));
      const merged = await client.submit(`/admin/stories/${after}/merge`, { into: String(storyA) });
      assert.equal(merged.headers.location, `/admin/stories/${storyA}`);
      assert.equal((await fx.repo.getArticle(third.id))!.storyId, storyA);
      assert.equal((await fx.repo.editorActions()).map((a) => a.kind).join(','), 'rename,split,merge');
      // The merged story's page leads to the story it went into (test/merged-stories.test.ts: its feeds and API).
      assert.equal(await fx.repo.getStory(after), null, 'the merged story is gone');
      const res = await fx.app.inject({ url: `/story/${after}` });
      assert.deepEqual([res.statusCode, res.headers.location], [301, `/story/${storyA}`]);
    });
  });

  it('shows a slot with its "Advertisement" label on article pages only when enabled, sanitised', async () => {
    const client = new Client(fx.app);
    await client.login();
    const [article] = await fx.repo.latestArticles({ limit: 1 });
    assert.ok(article);
    const snippet = '<div class="promo"><a href="https://acme.example/" onclick="steal()">Acme tools</a><script>alert(1)</script><img src="javascript:alert(2)"></div>';
    await client.submit('/admin/slots/article-top', { html: snippet });
    let page = await fx.app.inject({ url: `/article/${article.id}` });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Advertisement|Acme tools/, 'off by default');

    await client.submit('/admin/slots/article-top', { html: snippet, enabled: 'yes' });
    const notice = await client.get('/admin/slots');
    assert.match(notice.body, /Saved the article-top slot \(shown\)\. Markup outside the allowlist was removed\./);
    page = await fx.app.inject({ url: `/article/${article.id}` });
    assert.match(page.body, /<aside class="ad-slot ad-slot-article-top" aria-label="Advertisement"><p class="ad-label">Advertisement<\/p><div class="ad-content"><div class="promo"><a href="https:\/\/acme\.example\/" rel="sponsored noopener">Acme tools<\/a><\/div><\/div><\/aside>/);
    assert.ok(page.body.indexOf('ad-slot') < page.body.indexOf('<article class="article">'), 'above the article');
    assert.doesNotMatch(page.body, /steal\(|alert\(|<script>/);
    if (article.storyId !== null) {
      const story = await fx.app.inject({ url: `/story/${article.storyId}` });
      assert.doesNotMatch(story.body, /Advertisement/, 'story slots are separate and still off');
    }
    await client.submit('/admin/slots/article-top', { html: snippet });
    page = await fx.app.inject({ url: `/article/${article.id}` });
    assert.doesNotMatch(page.body, /Advertisement/, 'off again');
  });

  it('edits the site settings and sections, storing the documented comment keys as JSON', async () => {
    const client = new Client(fx.app);
    await client.login();
    await client.submit('/admin/settings', { 'site.name': 'Harbour News', 'comments.enabled': 'yes', 'comments.closeAfterDays': '7' });
    const rows = Object.fromEntries((fx.repo.database.prepare("SELECT key, value FROM settings WHERE key LIKE 'comments.%' OR key = 'site.name'").all() as Array<{ key: string; value: string }>).map((r) => [r.key, JSON.parse(r.value)]));
    assert.deepEqual(rows, { 'site.name': 'Harbour News', 'comments.enabled': true, 'comments.holdAll': false, 'comments.closeAfterDays': 7 });
    await client.submit('/admin/settings', { 'site.name': 'Harbour News', 'comments.closeAfterDays': '-3' });
    assert.match((await client.get('/admin/settings')).body, /Not saved: comments\.closeAfterDays/);
    // Retention: left out of a form it stays as it was; set, it is what the pruner reads.
    assert.equal(fx.repo.database.prepare("SELECT value FROM settings WHERE key = 'retention.bodiesDays'").get(), undefined);
    await client.submit('/admin/settings', { 'site.name': 'Harbour News', 'comments.closeAfterDays': '7', 'retention.bodiesDays': '90' });
    assert.match((await client.get('/admin/settings')).body, /name="retention\.bodiesDays" value="90"/);
    const { retentionDays } = await import('../src/ops/retention.js');
    assert.equal(await retentionDays(fx.store, fx.config), 90);
    await client.submit('/admin/settings', { 'site.name': 'Harbour News', 'comments.closeAfterDays': '7', 'retention.bodiesDays': '0' });
    assert.equal(await retentionDays(fx.store, fx.config), null, '0 keeps bodies forever');
    await client.submit('/admin/sections/add', { name: 'Harbour Life' });
    await client.submit('/admin/sections/harbour-life/rename', { name: 'Waterfront' });
    await client.submit('/admin/sections/world/move', { direction: 'down' });
    const sections = await fx.repo.listSections();
    assert.deepEqual(sections.slice(0, 2).map((s) => s.slug), ['politics', 'world']);
    assert.equal(sections.find((s) => s.slug === 'harbour-life')?.name, 'Waterfront');
  });

  it('records every action in the audit log, newest first, paginated', async () => {
    const client = new Client(fx.app);
    await client.login();
    const page = await client.get('/admin/audit');
    assert.equal(page.statusCode, 200);
    const actions = [...page.body.matchAll(/<td><code>([a-z.]+)<\/code><\/td>/g)].map((m) => m[1]);
    for (const action of ['login', 'login.failed', 'source.add', 'source.edit', 'source.pause', 'source.resume', 'sources.import', 'story.pin', 'story.hide', 'story.rename', 'story.unhide', 'story.split', 'story.merge', 'slot.save', 'settings.save', 'section.add', 'section.rename', 'section.move']) {
      assert.ok(actions.includes(action), `${action} is in the audit log`);
    }
    assert.equal(actions[0], 'login', 'newest first');
    assert.ok(actions.indexOf('story.pin') > actions.indexOf('slot.save'));
    assert.match(page.body, /<td>editor@example\.org<\/td><td><code>story\.pin<\/code><\/td><td>story #\d+ /);
    for (let i = 0; i < 60; i++) await fx.store.addAudit({ userId: null, userEmail: 'test', action: 'test.filler', target: String(i), details: null });
    const first = await client.get('/admin/audit');
    const older = /href="\/admin\/audit\?before=(\d+)" rel="next"/.exec(first.body);
    assert.ok(older, 'a link to older entries');
    const second = await client.get(`/admin/audit?before=${older[1]}`);
    assert.match(second.body, /<code>story\.pin<\/code>/);
    assert.doesNotMatch(first.body, /<code>story\.pin<\/code>/);
  });

  it('changes the password on the account page, ending the other sessions', async () => {
    await fx.extension.auth.createUser('second@example.org', 'first password here');
    const desk = new Client(fx.app);
    const home = new Client(fx.app);
    await desk.login('second@example.org', 'first password here');
    await home.login('second@example.org', 'first password here');
    const wrong = await desk.submit('/admin/account/password', { current: 'not it at all', password: 'second password here', confirm: 'second password here' });
    assert.match((await desk.get(wrong.headers.location as string)).body, /The current password is wrong; nothing was changed\./);
    const weak = await desk.submit('/admin/account/password', { current: 'first password here', password: 'short', confirm: 'short' });
    assert.match((await desk.get(weak.headers.location as string)).body, /Not changed: the password must have at least 10 characters\./);
    const changed = await desk.submit('/admin/account/password', { current: 'first password here', password: 'second password here', confirm: 'second password here' });
    assert.match((await desk.get(changed.headers.location as string)).body, /Your password was changed; 1 other session was ended\./);
    assert.equal((await home.get('/admin')).statusCode, 303, 'the other session is over');
    assert.equal((await new Client(fx.app).login('second@example.org', 'first password here')).statusCode, 401);
    assert.equal((await new Client(fx.app).login('second@example.org', 'second password here')).statusCode, 303);
  });

  it('logs out one session, and "log out everywhere" ends every other session of the user', async () => {
    const laptop = new Client(fx.app);
    const phone = new Client(fx.app);
    const tablet = new Client(fx.app);
    await Promise.all([laptop.login(), phone.login(), tablet.login()]);
    for (const c of [laptop, phone, tablet]) assert.equal((await c.get('/admin')).statusCode, 200);

    const out = await tablet.submit('/admin/logout');
    assert.equal(out.headers.location, '/admin/login');
    assert.equal((await tablet.get('/admin')).statusCode, 303, 'the tablet is logged out');
    assert.equal((await phone.get('/admin')).statusCode, 200, 'the phone is not');

    const everywhere = await laptop.submit('/admin/logout-everywhere');
    assert.equal(everywhere.statusCode, 303);
    const phoneAfter = await phone.get('/admin/sources');
    assert.equal(phoneAfter.statusCode, 303);
    assert.equal(phoneAfter.headers.location, '/admin/login?next=%2Fadmin%2Fsources');
    assert.equal((await laptop.get('/admin')).statusCode, 303, 'the laptop too');
    assert.equal(await fx.store.countSessions(await (await fx.store.findUserByEmail(ADMIN_EMAIL))!.id), 0);
    const again = new Client(fx.app);
    assert.equal((await again.login()).statusCode, 303, 'logging in again works');
    assert.equal((await again.get('/admin')).statusCode, 200);
    assert.match((await again.get('/admin/audit')).body, /logout\.everywhere/);
  });
});
