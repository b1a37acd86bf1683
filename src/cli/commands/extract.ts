// `newsroom extract`: the article extractor on its own, for integrators and for checking a
// page by hand. One page (a file, standard input, or fetched with --url), or a stream of them
// (--jsonl) in one process.
import { extractArticle, extractFromBytes, type Extracted, type ExtractResult } from '../../extract/index.js';
import type { ParsedOptions } from '../main.js';
import { readCommandInput } from '../input.js';
import { answerJsonLines } from '../jsonl.js';

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** The JSON shape extract prints, field by field (the order is part of the output). */
export function extractedJson(a: Extracted) {
  return {
    url: a.url,
    canonicalUrl: a.canonicalUrl,
    title: a.title,
    byline: a.byline,
    published: a.published,
    modified: a.modified,
    siteName: a.siteName,
    lang: a.lang,
    description: a.description,
    image: a.image,
    supportUrl: a.supportUrl,
    text: a.text,
    html: a.html,
  };
}

function failure(result: Exclude<ExtractResult, { ok: true }>): string {
  return `${result.reason}: ${result.detail}`;
}

async function jsonl(): Promise<number> {
  await answerJsonLines((input) => {
    if (typeof input.html !== 'string') throw new Error('missing "html" (the page, as a string)');
    const result = extractArticle(input.html, typeof input.url === 'string' && input.url ? input.url : null);
    return result.ok ? extractedJson(result.article) : { error: failure(result) };
  });
  return 0;
}

export async function extractCommand(args: string[], values: { url?: string; jsonl?: boolean } & Partial<ParsedOptions>): Promise<number> {
  if (values.jsonl) return jsonl();
  const input = await readCommandInput('extract', args[0], values, PAGE_ACCEPT);
  if (!input) return 1;
  const result = extractFromBytes(input.bytes, input.url, input.contentType);
  if (!result.ok) {
    console.error(`newsroom: ${input.label}: ${failure(result)}`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(extractedJson(result.article), null, 2)}\n`);
  return 0;
}
