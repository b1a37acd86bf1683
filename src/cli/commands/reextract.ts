// `newsroom reextract`: applies the current extraction rules to the pages already stored.
import { PageExtractor } from '../../jobs/extract-pages.js';
import { configFromOptions } from '../config-from-options.js';
import { endProgress, openContext, progress } from '../context.js';
import type { ParsedOptions } from '../main.js';
import { UsageError } from '../options.js';

export async function reextractCommand(values: ParsedOptions): Promise<number> {
  if (!values.all && values.source === undefined) throw new UsageError('reextract needs --source ID or --all');
  const sourceId = values.source !== undefined ? Number(values.source) : undefined;
  if (sourceId !== undefined && (!Number.isSafeInteger(sourceId) || sourceId <= 0)) throw new UsageError(`--source must be a source id, got "${values.source}"`);
  const ctx = await openContext(configFromOptions(values));
  const pages = new PageExtractor(ctx.repo, ctx.http);
  try {
    if (sourceId !== undefined && !(await ctx.repo.getSource(sourceId))) {
      console.error(`newsroom: no source ${sourceId}`);
      return 1;
    }
    const result = await pages.reextract(sourceId !== undefined ? { sourceId } : {}, (done) => progress(`Extracting again: ${done} pages…`));
    endProgress();
    console.log(`${result.pages} stored pages extracted again: ${result.ok} articles, ${result.pages - result.ok} without an article (bot walls, not articles, empty).`);
    return 0;
  } finally {
    await pages.stop();
    await ctx.close();
  }
}
