// Operations as an operator meets them: `newsroom serve` as a child process stopped with
// SIGTERM in the middle of its work and started again, its JSON logs, and `newsroom backup`
// and `newsroom prune` run against a live store.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { projectPath } from '../src/paths.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { type DemoNetwork, startPublishers } from '../demo/publishers.js';

const BIN = projectPath('bin/newsroom.js');

function newsroom(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A running `newsroom serve`: its output as it comes, and a way to wait for a line. */
class Serve {
  readonly child: ChildProcess;
  out = '';
  readonly exited: Promise<number | null>;
  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--allow-loopback'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.out.match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  logLines(): Array<Record<string, unknown>> {
    return this.out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

function counts(db: string): { articles: number; pages: number; failedByShutdown: number } {
  const raw = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => Number((raw.prepare(sql).get() as { n: number }).n);
    return {
      articles: one('SELECT COUNT(*) AS n FROM articles'),
      pages: one('SELECT COUNT(*) AS n FROM article_pages'),
      failedByShutdown: one("SELECT COUNT(*) AS n FROM article_pages WHERE status = 'error'"),
    };
  } finally {
    raw.close();
  }
}

describe('operations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-ops-'));
  const db = path.join(dir, 'live.db');
  // Spacing between requests to one host keeps page fetching busy for a few seconds.
  const env = { NEWSROOM_DB: db, NEWSROOM_FETCH_SPACING_MS: '600', NEWSROOM_LOG_LEVEL: 'info' };
  let publishers: DemoNetwork;

  before(async () => {
    publishers = await startPublishers({ basePort: 0 });
    const repo = SqliteRepository.open(db);
    for (const site of publishers.sites) await repo.addSource({ feedUrl: site.feedUrl, name: site.outlet.name }, 15);
    await repo.close();
  });
  after(async () => {
    await publishers.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops on SIGTERM mid-work with exit code 0, losing nothing, and resumes at the next start', async () => {
    const first = new Serve(env);
    const [, url] = await first.waitFor(/Newsroom is running at (\S+)/);
    // JSON logs with the request id, which the response carries back.
    const res = await fetch(new URL('/sources', url), { headers: { 'x-request-id': 'ops-test-42' } });
    assert.equal(res.status, 200);
    assert.equal((await fetch(new URL('/readyz', url), { headers: { 'x-request-id': 'ops-probe' } })).status, 200);
    assert.equal(res.headers.get('x-request-id'), 'ops-test-42');
    await first.waitFor(/"msg":"fetch cycle"/);
    const requestLine = first.logLines().find((l) => l.reqId === 'ops-test-42' && l.msg === 'request completed');
    assert.ok(requestLine, `a request log line with the request id:\n${first.out}`);
    assert.equal((requestLine.res as { statusCode: number }).statusCode, 200);
    assert.ok(!first.out.includes('ops-probe'), 'probes are not logged at info');

    const stoppedAt = Date.now();
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0, first.out);
    assert.ok(Date.now() - stoppedAt < 20_000);
    assert.match(first.out, /"msg":"stopped"/);
    const afterStop = counts(db);
    assert.equal(afterStop.articles, publishers.articles.length, 'every article of the cycle is stored');
    assert.ok(afterStop.pages < afterStop.articles, `stopped with pages still to fetch (${afterStop.pages} of ${afterStop.articles})`);
    assert.equal(afterStop.failedByShutdown, 0, 'no page in flight was recorded as failed by the shutdown');

    const second = new Serve(env);
    await second.waitFor(/Newsroom is running at/);
    const deadline = Date.now() + 60_000;
    while (counts(db).pages < afterStop.articles && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const resumed = counts(db);
    assert.equal(resumed.pages, resumed.articles, 'the pages not fetched before the stop are fetched after the start');
    assert.equal(resumed.failedByShutdown, 0);
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.out);
  });

  it('backs up the store while it is being written; the copy opens and its counts match', async () => {
    const live = SqliteRepository.open(db);
    const source = (await live.listSources())[0]!;
    let written = 0;
    let writing = true;
    // A writer on another connection for the whole backup, as a running site would be.
    const writer = (async () => {
      while (writing) {
        await live.insertArticles([
          {
            sourceId: source.id, guid: `w${written}`, url: `https://w.example/${written}`, canonicalUrl: `https://w.example/${written}`,
            title: `Written during the backup ${written}`, author: null, summary: 'x'.repeat(2000), contentHtml: null, imageUrl: null,
            section: null, categories: [], publishedAt: new Date(), fetchedAt: new Date(),
          },
        ]);
        written++;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const copy = path.join(dir, 'copy.db');
    const result = await newsroom(['backup', copy], env);
    writing = false;
    await writer;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Backed up .* to .*copy\.db/);
    assert.equal(result.stderr, '', 'quiet in a pipe');
    assert.ok(written > 0);
    const backup = new Database(copy, { readonly: true });
    try {
      assert.equal(backup.pragma('integrity_check', { simple: true }), 'ok');
      const n = Number((backup.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n);
      assert.ok(n >= publishers.articles.length && n <= publishers.articles.length + written);
      // One snapshot: the search index holds exactly the articles the copy holds.
      assert.equal(Number((backup.prepare('SELECT COUNT(*) AS n FROM articles_fts').get() as { n: number }).n), n);
    } finally {
      backup.close();
    }
    // Once the writes stop, a new copy holds exactly what the store holds.
    const again = await newsroom(['backup', copy], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists; add --force to replace it/);
    assert.equal((await newsroom(['backup', copy, '--force'], env)).code, 0);
    const [liveCounts, copied] = [await live.counts(), SqliteRepository.open(copy)];
    try {
      assert.deepEqual(await copied.counts(), liveCounts);
    } finally {
      await copied.close();
      await live.close();
    }
  });

  it('explains bad backup requests and points PostgreSQL users at pg_dump', async () => {
    const missing = await newsroom(['backup', path.join(dir, 'no-such-folder', 'x.db')], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /the folder .*no-such-folder does not exist/);
    const noDest = await newsroom(['backup'], env);
    assert.equal(noDest.code, 2);
    assert.match(noDest.stderr, /backup needs the file to write/);
    const pg = await newsroom(['backup', path.join(dir, 'pg.db')], { ...env, NEWSROOM_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    assert.equal(pg.code, 1);
    assert.match(pg.stderr, /pg_dump --format=custom/);
    assert.equal(fs.existsSync(path.join(dir, 'pg.db')), false);
  });

  it('refuses a bad operations setting with a clear message', async () => {
    const loud = await newsroom(['prune', '--days', '30'], { ...env, NEWSROOM_LOG_LEVEL: 'loud' });
    assert.equal(loud.code, 2);
    assert.match(loud.stderr, /invalid configuration: ops\.logLevel \(NEWSROOM_LOG_LEVEL\)/);
    const days = await newsroom(['prune', '--days', 'soon'], env);
    assert.equal(days.code, 2);
    assert.match(days.stderr, /--days must be a number/);
  });

  it('prunes from the command line, with a dry run first', async () => {
    const off = await newsroom(['prune'], env);
    assert.equal(off.code, 2);
    assert.match(off.stderr, /retention is off/);
    const raw = new Database(db);
    const oldIds = raw.prepare('SELECT id FROM articles ORDER BY id LIMIT 5').all().map((r) => (r as { id: number }).id);
    raw.prepare(`UPDATE articles SET fetched_at = '2020-01-01T00:00:00.000Z', content_html = '<p>old body</p>' WHERE id IN (${oldIds.join(',')})`).run();
    raw.close();
    const dry = await newsroom(['prune', '--dry-run'], { ...env, NEWSROOM_RETAIN_BODIES_DAYS: '30' });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run: 5 of 5 articles/);
    const pruned = await newsroom(['prune', '--days', '30'], env);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /Pruned the bodies of 5 articles/);
    const check = new Database(db, { readonly: true });
    try {
      const left = check.prepare(`SELECT COUNT(*) AS n FROM articles WHERE id IN (${oldIds.join(',')}) AND content_html IS NOT NULL`).get() as { n: number };
      assert.equal(left.n, 0);
      const pages = check.prepare(`SELECT COUNT(*) AS n FROM article_pages WHERE article_id IN (${oldIds.join(',')}) AND (text IS NOT NULL OR html_gz IS NOT NULL)`).get() as { n: number };
      assert.equal(pages.n, 0);
      const kept = check.prepare('SELECT COUNT(*) AS n FROM article_pages WHERE text IS NOT NULL').get() as { n: number };
      assert.ok(kept.n > 0, 'recent pages keep their text');
    } finally {
      check.close();
    }
  });
});
