// `newsroom parse-feed`: the feed parser on its own, for integrators and for checking a
// feed by hand. One document, or a stream of them (--jsonl) in one process.
import fs from 'node:fs';
import readline from 'node:readline';
import { parseFeedBytes } from '../../feeds/parse.js';
import type { Feed } from '../../model.js';
import type { ParsedOptions } from '../main.js';
import { UsageError } from '../options.js';

/** The JSON shape parse-feed prints: the Feed model with dates as ISO 8601 strings. */
export function feedJson(feed: Feed) {
  return {
    title: feed.title,
    link: feed.link,
    entries: feed.entries.map((e) => ({
      id: e.id,
      title: e.title,
      link: e.link,
      published: e.published?.toISOString() ?? null,
      updated: e.updated?.toISOString() ?? null,
      author: e.author,
      summary: e.summary,
      content: e.content,
      categories: e.categories,
      enclosures: e.enclosures,
    })),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

async function jsonl(): Promise<number> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let out: Record<string, unknown>;
    let id: unknown = null;
    try {
      const input = JSON.parse(line) as { id?: unknown; url?: unknown; base64?: unknown };
      id = input.id ?? null;
      if (typeof input.base64 !== 'string') throw new Error('missing "base64" (the feed bytes, base64-encoded)');
      const result = parseFeedBytes(Buffer.from(input.base64, 'base64'), { url: typeof input.url === 'string' ? input.url : null });
      out = 'error' in result ? { id, error: result.error } : { id, ...feedJson(result.feed) };
    } catch (err) {
      out = { id, error: `bad input line: ${err instanceof Error ? err.message : String(err)}` };
    }
    // One line out per line in, written at once: a streaming tool, not a batch job.
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
  }
  return 0;
}

export async function parseFeedCommand(args: string[], values: ParsedOptions): Promise<number> {
  if (values.jsonl) return jsonl();
  const [file] = args;
  let bytes: Buffer;
  let url = values.url ?? null;
  let contentType: string | null = null;
  if (file && file !== '-') {
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
  } else if (file === '-' || !url) {
    if (process.stdin.isTTY && !file) throw new UsageError('parse-feed needs a FILE, "-" for standard input, or --url to fetch');
    bytes = await readAll(process.stdin);
  } else {
    // Only --url: fetch it, politely and through the SSRF guard like any fetch.
    const [{ configFromOptions }, { createHttpClient }, { FEED_ACCEPT }] = await Promise.all([
      import('../config-from-options.js'),
      import('../../fetch/http.js'),
      import('../../jobs/poll-source.js'),
    ]);
    const http = createHttpClient(configFromOptions(values).fetch);
    try {
      const result = await http.get(url, {}, FEED_ACCEPT);
      if (result.kind !== 'ok') {
        console.error(`newsroom: could not fetch ${url}: ${result.kind === 'error' ? result.message : 'not modified'}`);
        return 1;
      }
      bytes = result.body;
      url = result.url;
      contentType = result.contentType;
    } finally {
      await http.close();
    }
  }
  const result = parseFeedBytes(bytes, { url, contentType });
  if ('error' in result) {
    console.error(`newsroom: ${file ?? url ?? 'input'}: ${result.error}`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(feedJson(result.feed), null, 2)}\n`);
  return 0;
}
