// `newsroom parse-feed`: the feed parser on its own, for integrators and for checking a
// feed by hand. One document, or a stream of them (--jsonl) in one process.
import { parseFeedBytes } from '../../feeds/parse.js';
import type { Feed } from '../../model.js';
import type { ParsedOptions } from '../main.js';
import { readCommandInput } from '../input.js';
import { answerJsonLines } from '../jsonl.js';
import { FEED_ACCEPT } from '../../jobs/poll-source.js';

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


async function jsonl(): Promise<number> {
  await answerJsonLines((input) => {
    if (typeof input.base64 !== 'string') throw new Error('missing "base64" (the feed bytes, base64-encoded)');
    const result = parseFeedBytes(Buffer.from(input.base64, 'base64'), { url: typeof input.url === 'string' ? input.url : null });
    return 'error' in result ? { error: result.error } : feedJson(result.feed);
  });
  return 0;
}

export async function parseFeedCommand(args: string[], values: ParsedOptions): Promise<number> {
  if (values.jsonl) return jsonl();
  const input = await readCommandInput('parse-feed', args[0], values, FEED_ACCEPT);
  if (!input) return 1;
  const result = parseFeedBytes(input.bytes, { url: input.url, contentType: input.contentType });
  if ('error' in result) {
    console.error(`newsroom: ${input.label}: ${result.error}`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(feedJson(result.feed), null, 2)}\n`);
  return 0;
}
