import { configFromOptions } from '../config-from-options.js';
import { endProgress, openContext, progress } from '../context.js';
import type { ParsedOptions } from '../main.js';
import { pollSources } from '../../jobs/poll-source.js';

export async function fetchCommand(values: ParsedOptions): Promise<number> {
  const ctx = await openContext(configFromOptions(values));
  try {
    const sources = values.all ? await ctx.repo.listSources() : await ctx.repo.dueSources(new Date(), 10_000);
    if (sources.length === 0) {
      console.log('No source is due. Use --all to poll every source now.');
      return 0;
    }
    progress(`Polling ${sources.length} sources…`);
    await ctx.stories.start();
    const result = await pollSources(sources, ctx);
    endProgress();
    const byId = new Map(sources.map((s) => [s.id, s]));
    for (const p of result.polled) {
      const name = byId.get(p.sourceId)?.name ?? `#${p.sourceId}`;
      const what =
        p.outcome === 'error' ? `error: ${p.error}` : p.outcome === 'not_modified' ? 'not modified' : `${p.inserted} new of ${p.entries}`;
      console.log(`${name}: ${what}`);
    }
    console.log(`${result.polled.length} sources polled: ${result.inserted} new articles, ${result.notModified} not modified, ${result.errors} errors.`);
    return result.errors > 0 && result.errors === result.polled.length ? 1 : 0;
  } finally {
    await ctx.close();
  }
}
