// The `newsroom` command as a user runs it: a child process per command, against the
// demo publishers on loopback and a temporary database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { COMMANDS } from '../src/cli/help.js';
import { projectPath } from '../src/paths.js';
import { type DemoNetwork, startPublishers } from '../demo/publishers.js';

const BIN = projectPath('bin/newsroom.js');

async function newsroom(args: string[], env: Record<string, string> = {}, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

describe('newsroom CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-cli-'));
  const db = path.join(dir, 'cli.db');
  const env = { NEWSROOM_DB: db, NEWSROOM_FETCH_SPACING_MS: '0' };
  let publishers: DemoNetwork;

  before(async () => {
    publishers = await startPublishers({ basePort: 0 });
  });
  after(async () => {
    await publishers.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--help lists every command', async () => {
    const { code, stdout } = await newsroom(['--help']);
    assert.equal(code, 0);
    for (const command of COMMANDS) assert.ok(stdout.includes(command.name), command.name);
    assert.match(stdout, /NEWSROOM_DB/);
  });

  it('explains one command with help COMMAND, and rejects unknown commands and options', async () => {
    assert.match((await newsroom(['help', 'sources'])).stdout, /sources import FILE.opml/);
    const unknown = await newsroom(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const badOption = await newsroom(['serve', '--colour']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /Unknown option '--colour'/);
  });

  it('refuses loopback sources unless allowed', async () => {
    const site = publishers.sites[0]!;
    const refused = await newsroom(['sources', 'add', site.url], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /refused to connect/);
  });

  it('adds a source by its site address, lists it with health, fetches, exports and removes it', async () => {
    const site = publishers.sites[1]!;
    const add = await newsroom(['sources', 'add', site.url, '--section', 'Business', '--allow-loopback'], env);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, new RegExp(`Added #1 .*${site.feedUrl.replace(/[.?]/g, '\\$&')} \\(discovered from`));

    const again = await newsroom(['sources', 'add', site.feedUrl, '--allow-loopback'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);

    const listBefore = await newsroom(['sources', 'list'], env);
    assert.match(listBefore.stdout, /status: not fetched yet/);

    const fetched = await newsroom(['fetch', '--allow-loopback'], env);
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.match(fetched.stdout, new RegExp(`${site.articles.length} new of ${site.articles.length}`));

    const list = await newsroom(['sources', 'list', '--json'], env);
    const [source] = JSON.parse(list.stdout) as Array<{ lastOutcome: string; section: string; feedUrl: string }>;
    assert.equal(source!.lastOutcome, 'ok');
    assert.equal(source!.section, 'business');

    const exported = await newsroom(['sources', 'export'], env);
    assert.match(exported.stdout, /<opml version="2.0">/);
    assert.ok(exported.stdout.includes(`xmlUrl="${site.feedUrl}"`));

    const removed = await newsroom(['sources', 'remove', '1'], env);
    assert.equal(removed.code, 0);
    assert.match((await newsroom(['sources', 'list'], env)).stdout, /No sources/);
  });

  it('imports an OPML file, reporting feeds that fail', async () => {
    const opml = path.join(dir, 'import.opml');
    const [a, b] = publishers.sites;
    fs.writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
        <outline text="Science"><outline type="rss" text="A" xmlUrl="${a!.feedUrl}"/></outline>
        <outline type="rss" text="B" xmlUrl="${b!.feedUrl}"/>
        <outline type="rss" text="Broken" xmlUrl="${publishers.brokenFeedUrl}"/>
      </body></opml>`,
    );
    const result = await newsroom(['sources', 'import', opml, '--allow-loopback'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 added, 1 failed/);
    assert.match(result.stdout, /failed {2}.*broken-feed\.xml: .*not a feed/);
    const sources = JSON.parse((await newsroom(['sources', 'list', '--json'], env)).stdout) as Array<{ feedUrl: string; section: string | null }>;
    assert.equal(sources.find((s) => s.feedUrl === a!.feedUrl)?.section, 'science');
  });

  it('rejects an OPML file that is not OPML', async () => {
    const bad = path.join(dir, 'bad.opml');
    fs.writeFileSync(bad, 'not xml at all');
    const result = await newsroom(['sources', 'import', bad], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not an OPML file/);
  });

  it('parse-feed prints a feed file as JSON with ISO dates', async () => {
    const result = await newsroom(['parse-feed', '--url', 'https://www.riverside-gazette.example/feed/', projectPath('test/fixtures/feeds/rss2-quirks.xml')]);
    assert.equal(result.code, 0, result.stderr);
    const feed = JSON.parse(result.stdout) as { title: string; entries: Array<{ id: string; link: string; published: string; categories: string[] }> };
    assert.equal(feed.title, 'Riverside Gazette & Times');
    assert.equal(feed.entries[0]!.link, 'https://www.riverside-gazette.example/news/2024/05/council-bridge/?utm_source=rss&utm_medium=feed');
    assert.equal(feed.entries[0]!.published, '2024-05-14T16:05:00.000Z');
    assert.deepEqual(feed.entries[0]!.categories, ['Politics', 'Local']);
  });

  it('parse-feed reads standard input and fails clearly on what is not a feed', async () => {
    const ok = await newsroom(['parse-feed', '-'], {}, '<rss version="2.0"><channel><title>Piped</title><item><title>One</title><link>https://p.example/1</link></item></channel></rss>');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { entries: unknown[] }).entries.length, 1);
    const bad = await newsroom(['parse-feed', '-'], {}, '<html><body>Just a moment...</body></html>');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /not a feed/);
  });

  it('parse-feed --jsonl answers one line per input line, errors included', async () => {
    const atom = fs.readFileSync(projectPath('test/fixtures/feeds/atom.xml')).toString('base64');
    const input = [
      JSON.stringify({ id: 'one', url: 'https://blog.example.org/atom.xml', base64: atom }),
      'not json',
      JSON.stringify({ id: 'three', url: null, base64: Buffer.from('{"nope":1}').toString('base64') }),
      JSON.stringify({ id: 4, url: null, base64: Buffer.from('<rss version="2.0"><channel></channel></rss>').toString('base64') }),
    ].join('\n');
    const result = await newsroom(['parse-feed', '--jsonl'], {}, `${input}\n`);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; error?: string; title?: string; entries?: unknown[] });
    assert.equal(lines.length, 4);
    assert.equal(lines[0]!.id, 'one');
    assert.equal(lines[0]!.title, 'Example Science Blog');
    assert.equal(lines[0]!.entries!.length, 2);
    assert.equal(lines[1]!.id, null);
    assert.match(lines[1]!.error!, /bad input line/);
    assert.equal(lines[2]!.id, 'three');
    assert.match(lines[2]!.error!, /not a feed/);
    assert.deepEqual([lines[3]!.id, lines[3]!.entries], [4, []]);
  });

  it('parse-feed --url alone fetches the feed', async () => {
    const site = publishers.sites.find((s) => s.outlet.feedFormat === 'atom')!;
    const result = await newsroom(['parse-feed', '--url', site.feedUrl, '--allow-loopback']);
    assert.equal(result.code, 0, result.stderr);
    const feed = JSON.parse(result.stdout) as { title: string; entries: Array<{ link: string }> };
    assert.equal(feed.title, site.outlet.name);
    assert.equal(feed.entries.length, site.articles.length);
    assert.ok(feed.entries.every((e) => e.link.startsWith(site.url)), 'relative links resolved against xml:base');
  });

  it('cluster answers each JSONL article with its story, line by line', async () => {
    const lines = [
      { id: 'a1', time: '2026-11-28T08:00:00Z', title: 'Three dead as River Ambry floods Kesselford', text: 'About 4,000 people were evacuated in Kesselford after the River Ambry reached a record 6.8 metres.', source: 'Meridian Wire', url: 'https://w.example/1', lang: 'en' },
      { id: 'a2', time: '2026-11-28T08:40:00Z', title: 'Kesselford under water as River Ambry hits record', text: 'The River Ambry rose to a record 6.8 metres in Kesselford; three people died and 4,000 were evacuated.', source: 'Tessmoor Courier', url: 'https://c.example/2', lang: 'en' },
      { id: 'a3', time: '2026-11-28T09:00:00Z', title: 'Estravian central bank lifts key rate to 4.75% in split vote', text: 'Governor Ilse Varnholt said inflation in services remains too high.', source: 'Daily Ledger', url: 'https://l.example/3', lang: 'en' },
    ].map((l) => JSON.stringify(l));
    const result = await newsroom(['cluster'], {}, `${lines.join('\n')}\n{"id":"bad","title":"no time"}\n`);
    assert.equal(result.code, 1, 'a bad line makes the exit status 1');
    const out = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story?: string; error?: string });
    assert.deepEqual(out.map((o) => o.id), ['a1', 'a2', 'a3', 'bad']);
    assert.equal(out[0]!.story, out[1]!.story, 'one event, one story');
    assert.notEqual(out[2]!.story, out[0]!.story, 'another event, another story');
    assert.match(out[3]!.error!, /time/);
  });

  it('stories: list, show, rename, split, merge and recluster from the command line', async () => {
    const storyDb = path.join(dir, 'stories.db');
    const env2 = { NEWSROOM_DB: storyDb, NEWSROOM_FETCH_SPACING_MS: '0' };
    for (const site of publishers.sites.slice(0, 4)) {
      assert.equal((await newsroom(['sources', 'add', site.url, '--allow-loopback'], env2)).code, 0);
    }
    assert.equal((await newsroom(['fetch', '--allow-loopback'], env2)).code, 0);
    // The command ends once its stories' outlines are written, not with them still to come.
    const db = new Database(storyDb, { readonly: true });
    const stale = db
      .prepare('SELECT s.id, s.article_count AS outlined, (SELECT count(*) FROM articles a WHERE a.story_id = s.id AND a.original_id IS NULL) AS held FROM stories s')
      .all()
      .filter((s) => (s as { outlined: number }).outlined !== (s as { held: number }).held);
    db.close();
    assert.deepEqual(stale, [], 'every story outlined with its articles (copies not counted)');
    const listed = JSON.parse((await newsroom(['stories', 'list', '--json'], env2)).stdout) as Array<{ id: number; outletCount: number; articleCount: number }>;
    assert.ok(listed.length > 0);
    const multi = listed.find((s) => s.articleCount >= 2);
    assert.ok(multi, `a story of two articles or more among ${JSON.stringify(listed)}`);
    const other = listed.find((s) => s.id !== multi.id)!;
    const shown = await newsroom(['stories', 'show', String(multi.id)], env2);
    const articleIds = [...shown.stdout.matchAll(/article #(\d+)/g)].map((m) => Number(m[1]));
    assert.ok(articleIds.length >= 2);

    assert.match((await newsroom(['stories', 'rename', String(multi.id), 'An', 'editor\'s', 'headline'], env2)).stdout, /is now titled "An editor's headline"/);
    const split = await newsroom(['stories', 'split', String(articleIds[articleIds.length - 1])], env2);
    assert.match(split.stdout, /is now story #\d+/);
    assert.match((await newsroom(['stories', 'merge', String(other.id), String(multi.id)], env2)).stdout, /Merged story/);
    const recluster = await newsroom(['stories', 'recluster'], env2);
    assert.equal(recluster.code, 0, recluster.stderr);
    assert.match(recluster.stdout, /Re-clustered \d+ articles/);
    const after = JSON.parse((await newsroom(['stories', 'list', '--json'], env2)).stdout) as Array<{ id: number; title: string }>;
    assert.ok(after.some((s) => s.title === "An editor's headline"), 'the rename survived re-clustering');
    assert.equal((await newsroom(['stories', 'merge', '999999', String(multi.id)], env2)).code, 1);
  });

  it('extract prints the clean article of a page, and answers a JSONL stream line by line', async () => {
    const file = projectPath('test/fixtures/extract/aggregator-page.html');
    const one = await newsroom(['extract', '--url', 'https://dailywiredigest.example/a', file]);
    assert.equal(one.code, 0, one.stderr);
    const article = JSON.parse(one.stdout) as { title: string; text: string; html: string };
    assert.match(article.title, /US urges Iran to stop selling drones to Russia/);
    assert.match(article.text, /unwritten understanding/);
    for (const boilerplate of ['See also', 'Read also', 'Advertisement', 'Please enter your comment']) assert.ok(!article.text.includes(boilerplate), boilerplate);
    const html = fs.readFileSync(file, 'utf8');
    const input = [JSON.stringify({ id: 'p1', url: 'https://dailywiredigest.example/a', html }), JSON.stringify({ id: 'p2', url: null, html: '<html><head><title>Just a moment...</title></head><body>Checking your browser before accessing</body></html>' })].join('\n');
    const stream = await newsroom(['extract', '--jsonl'], {}, `${input}\n`);
    const lines = stream.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; title?: string; error?: string });
    assert.deepEqual(lines.map((l) => l.id), ['p1', 'p2']);
    assert.match(lines[0]!.title!, /Iran/);
    assert.ok(lines[1]!.error, 'a bot wall is an error line, not an article');
  });
});
