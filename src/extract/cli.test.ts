// `newsroom extract` as a process: the command module run on its own (main.ts wires it in).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import { describe, it } from 'node:test';
import { projectPath } from '../paths.js';

const COMMAND = new URL('../cli/commands/extract.js', import.meta.url).href;

function run(args: string[], values: Record<string, unknown>) {
  const script = `const { extractCommand } = await import(${JSON.stringify(COMMAND)}); process.exitCode = await extractCommand(${JSON.stringify(args)}, ${JSON.stringify(values)});`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
}

const PAGE = (title: string) => `<!doctype html><html><head><title>${title} | The Ledger</title><meta property="og:site_name" content="The Ledger"></head><body><article>
<p>${title}. The harbour authority confirmed the decision on Friday after a public consultation that drew more than two thousand responses.</p>
<p>Work is due to start in the autumn and to last eighteen months, during which the ferry will leave from the north pier.</p></article></body></html>`;

describe('newsroom extract (command module)', () => {
  it('prints one page as JSON with every field, in order', async () => {
    const child = run([projectPath('test/fixtures/extract/metadata-opengraph.html')], { url: 'https://ouest-littoral.example/x' });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'close')) as [number];
    assert.equal(code, 0);
    const json = JSON.parse(out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['url', 'canonicalUrl', 'title', 'byline', 'published', 'modified', 'siteName', 'lang', 'description', 'image', 'supportUrl', 'text', 'html']);
    assert.equal(json.title, 'Le port de Saint-Malo agrandit son terminal ferry');
    assert.match(String(json.text), /^Le port de Saint-Malo va agrandir/);
  });

  it('fails with a message and exit 1 on a bot wall', async () => {
    const child = run(['-'], {});
    child.stdin.end('<html><head><title>Just a moment...</title></head><body></body></html>');
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(child, 'close')) as [number];
    assert.equal(code, 1);
    assert.match(err, /bot-wall: cloudflare-challenge/);
  });

  it('--jsonl answers each line as it comes, in one process', async () => {
    const child = run([], { jsonl: true });
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    child.stdin.write(`${JSON.stringify({ id: 'a', url: 'https://ledger.example/a', html: PAGE('New pier approved') })}\n`);
    const first = JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
    assert.equal(first.id, 'a');
    assert.equal(first.title, 'New pier approved');
    assert.equal(first.siteName, 'The Ledger');
    // The first answer came before the second line was even written: a stream, not a batch.
    child.stdin.write(`${JSON.stringify({ id: 2, html: '<html><head><title>Just a moment...</title></head></html>' })}\n`);
    child.stdin.write('not json\n');
    child.stdin.end(`${JSON.stringify({ id: 'c' })}\n`);
    const rest = [];
    for (let r = await lines.next(); !r.done; r = await lines.next()) rest.push(JSON.parse(r.value as string) as Record<string, unknown>);
    assert.equal(rest.length, 3);
    assert.equal(rest[0]!.id, 2);
    assert.match(String(rest[0]!.error), /^bot-wall/);
    assert.equal(rest[1]!.id, null);
    assert.match(String(rest[1]!.error), /^bad input line/);
    assert.deepEqual(rest[2], { id: 'c', error: 'bad input line: missing "html" (the page, as a string)' });
  });
});
