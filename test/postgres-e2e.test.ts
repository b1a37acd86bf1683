// The whole system on PostgreSQL: the site started with NEWSROOM_DATABASE_URL pointing at a
// schema of its own, the demo publishers on loopback, one fetch cycle, then the pages a
// reader sees, search, the API, Most Popular and the command line, all reading PostgreSQL.
// Skipped (and reported so) where NEWSROOM_TEST_PG_URL names no server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createHttpClient } from '../src/fetch/http.js';
import { subscribe } from '../src/jobs/subscribe.js';
import { projectPath } from '../src/paths.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createPgSchema, PG_SKIP, PG_URL, reportSkipped, type TestDatabase } from '../src/store/contract/engines.js';
import { PostgresRepository } from '../src/store/pg/postgres-repository.js';
import { type DemoNetwork, startPublishers } from '../demo/publishers.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

const SUITE = 'end to end on PostgreSQL: NEWSROOM_DATABASE_URL → fetch → pages, search, API, CLI';
if (!reportSkipped(SUITE, PG_SKIP)) describe(SUITE, () => {
  let db: TestDatabase;
  let publishers: DemoNetwork;
  let server: RunningServer;
  let http: ReturnType<typeof createHttpClient>;

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(url, server.url), { headers });
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
  };

  before(async () => {
    db = await createPgSchema(PG_URL!);
    const config = loadConfig({ NEWSROOM_DATABASE_URL: db.address, NEWSROOM_DB: '/nonexistent/ignored.db' }, { port: 0, allowLoopback: true });
    config.fetch.perHostSpacingMs = 0;
    config.schedule.tickSeconds = 3600; // cycles are run by the test, not by the clock
    http = createHttpClient(config.fetch);
    publishers = await startPublishers({ basePort: 0 });
    server = await startServer(config, { scheduler: true });
    for (const site of publishers.sites) {
      const result = await subscribe(site.url, { section: site.outlet.section }, { repo: server.repo, http, config });
      assert.ok(!('error' in result), `subscribing to ${site.url}: ${'error' in result ? result.error : ''}`);
    }
    await server.scheduler!.runOnce();
  });

  after(async () => {
    await server?.stop();
    await http?.close();
    await publishers?.close();
    await db?.drop();
  });

  it('runs on the PostgreSQL engine and stores every article there, once', async () => {
    assert.ok(server.repo instanceof PostgresRepository, 'a postgres:// address opens PostgreSQL, whatever NEWSROOM_DB says');
    const client = new pg.Client({ connectionString: db.address });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n, count(DISTINCT canonical_url)::int AS urls FROM articles');
      assert.equal(rows[0].n, publishers.articles.length);
      assert.equal(rows[0].urls, publishers.articles.length);
      const { rows: versions } = await client.query('SELECT max(version) AS v FROM schema_migrations');
      assert.ok(Number(versions[0].v) >= 7);
    } finally {
      await client.end();
    }
    const again = await server.scheduler!.runOnce();
    assert.equal(again.inserted, 0, 'a second cycle adds nothing');
  });

  it('serves the home page with ranked stories, and a story page', async () => {
    const home = await get('/');
    assert.equal(home.status, 200);
    const shown = [...home.body.matchAll(/<h2 class="card-title"><a href="\/story\/(\d+)">/g)].map((m) => Number(m[1]));
    assert.ok(shown.length > 0, 'story cards on the home page');
    const story = (await server.repo.getStory(shown[0]!))!;
    const page = await get(`/story/${story.id}`, { 'user-agent': BROWSER });
    assert.equal(page.status, 200);
    const escaped = story.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    assert.ok(page.body.includes(escaped), `the story page shows "${story.title}"`);
    // The view is counted once the response has gone out (an onResponse hook), and /popular
    // may be served from the page cache: read the count where it is stored.
    const client = new pg.Client({ connectionString: db.address });
    await client.connect();
    try {
      let views = 0;
      for (let i = 0; i < 30 && views === 0; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        views = (await client.query('SELECT count(*)::int AS n FROM story_views WHERE story_id = $1', [story.id])).rows[0].n;
      }
      assert.equal(views, 1, 'the view was counted in PostgreSQL');
    } finally {
      await client.end();
    }
    assert.equal((await get('/popular')).status, 200);
  });

  it('finds an article by a word of its headline, marked, grouped by story', async () => {
    const article = publishers.articles.find((a) => /\b[A-Z][a-z]{6,}\b/.test(a.title))!;
    const word = article.title.match(/\b[A-Z][a-z]{6,}\b/)![0];
    const res = await get(`/search?q=${encodeURIComponent(word)}`);
    assert.equal(res.status, 200);
    assert.match(res.body, /class="search-results"/);
    assert.match(res.body, new RegExp(`<mark>${word}</mark>`, 'i'), `"${word}" marked in the results`);
  });

  it('answers the JSON API and the admin login page', async () => {
    const api = await get('/api/v1/stories?limit=5');
    assert.equal(api.status, 200, api.body.slice(0, 200));
    const stories = (JSON.parse(api.body) as { items: Array<{ id: number }> }).items;
    assert.ok(stories.length > 0);
    const login = await get('/admin/login');
    assert.equal(login.status, 200);
    assert.match(login.body, /<form/);
  });

  it('the command line reads the same database through NEWSROOM_DATABASE_URL', async () => {
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [projectPath('bin/newsroom.js'), 'sources', 'list', '--json'], {
        env: { ...process.env, NEWSROOM_DATABASE_URL: db.address }, timeout: 30_000,
      }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }));
    });
    assert.equal(out.code, 0, out.stderr);
    const listed = JSON.parse(out.stdout) as Array<{ name: string }>;
    assert.equal(listed.length, publishers.sites.length);
  });
});
