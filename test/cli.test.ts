// The `newsroom` command as a user runs it: a child process per command, against the
// demo publishers on loopback and a temporary database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { COMMANDS } from '../src/cli/help.js';
import { projectPath } from '../src/paths.js';
import { type DemoNetwork, startPublishers } from '../demo/publishers.js';

const exec = promisify(execFile);
const BIN = projectPath('bin/newsroom.js');

async function newsroom(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
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
});
