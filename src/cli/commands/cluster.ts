// `newsroom cluster`: the online clusterer on its own. Reads JSONL articles in time order
// and answers each line with its story as soon as it has decided.
import readline from 'node:readline';
import { StoryClusterer } from '../../stories/cluster.js';
import type { ParsedOptions } from '../main.js';
import { numberOption } from '../options.js';

export async function clusterCommand(values: ParsedOptions): Promise<number> {
  const windowHours = numberOption('window', values.window, { min: 1, max: 24 * 365 });
  const clusterer = new StoryClusterer(windowHours !== undefined ? { windowHours } : {});
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failures = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    let out: Record<string, unknown>;
    let id: unknown = null;
    try {
      const input = JSON.parse(line) as Record<string, unknown>;
      id = input.id ?? null;
      if (typeof input.id !== 'string' && typeof input.id !== 'number') throw new Error('missing "id"');
      const time = new Date(String(input.time ?? ''));
      if (Number.isNaN(time.getTime())) throw new Error('missing or invalid "time" (ISO 8601)');
      const decision = clusterer.add({
        id: String(input.id),
        time,
        title: typeof input.title === 'string' ? input.title : '',
        text: typeof input.text === 'string' ? input.text : '',
        source: typeof input.source === 'string' ? input.source : '',
        url: typeof input.url === 'string' ? input.url : null,
        lang: typeof input.lang === 'string' ? input.lang : null,
      });
      out = { id: input.id, story: decision.story };
    } catch (err) {
      failures++;
      out = { id, error: `bad input line: ${err instanceof Error ? err.message : String(err)}` };
    }
    // Written at once, line by line: the next article may depend on it downstream.
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
  }
  return failures > 0 ? 1 : 0;
}
