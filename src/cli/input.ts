// Where a one-document command (parse-feed, extract) reads its input: a FILE, standard
// input ("-", or no FILE and no --url), or, given only --url, the document fetched from
// there — politely and through the SSRF guard like any fetch.
import fs from 'node:fs';
import type { ParsedOptions } from './main.js';
import { UsageError } from './options.js';

export interface CommandInput {
  bytes: Buffer;
  /** The document's address: --url, or where the fetch ended after redirects. */
  url: string | null;
  contentType: string | null;
  /** How to name the input in messages. */
  label: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Reads the input; a fetch that fails is reported on stderr and gives null. */
export async function readCommandInput(
  command: string,
  file: string | undefined,
  values: { url?: string | undefined } & Partial<ParsedOptions>,
  accept: string,
): Promise<CommandInput | null> {
  const url = values.url ?? null;
  if (file && file !== '-') {
    try {
      return { bytes: fs.readFileSync(file), url, contentType: null, label: file };
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
  }
  if (file === '-' || !url) {
    if (process.stdin.isTTY && !file) throw new UsageError(`${command} needs a FILE, "-" for standard input, or --url to fetch`);
    return { bytes: await readAll(process.stdin), url, contentType: null, label: url ?? 'standard input' };
  }
  const [{ configFromOptions }, { createHttpClient }] = await Promise.all([import('./config-from-options.js'), import('../fetch/http.js')]);
  const http = createHttpClient(configFromOptions(values as ParsedOptions).fetch);
  try {
    const result = await http.get(url, {}, accept);
    if (result.kind !== 'ok') {
      console.error(`newsroom: could not fetch ${url}: ${result.kind === 'error' ? result.message : 'not modified'}`);
      return null;
    }
    return { bytes: result.body, url: result.url, contentType: result.contentType, label: url };
  } finally {
    await http.close();
  }
}
