import { readFile } from 'node:fs/promises';
import { readOpml, writeOpml } from '../../feeds/opml.js';
import { subscribe } from '../../jobs/subscribe.js';
import type { Source } from '../../model.js';
import { sourceHealth } from '../../web/pages/sources.js';
import { configFromOptions } from '../config-from-options.js';
import { type CommandContext, endProgress, openContext, progress } from '../context.js';
import type { ParsedOptions } from '../main.js';
import { numberOption, UsageError } from '../options.js';

function formatTime(date: Date | null): string {
  return date ? date.toISOString().replace('.000Z', 'Z') : '—';
}

function listText(sources: Source[]): string {
  if (sources.length === 0) return 'No sources. Add one with: newsroom sources add URL';
  return sources
    .map((s) =>
      [
        `#${s.id} ${s.name}${s.section ? ` [${s.section}]` : ''}`,
        `    feed: ${s.feedUrl}`,
        `    status: ${sourceHealth(s).label}${s.lastHttpStatus ? ` (HTTP ${s.lastHttpStatus})` : ''}`,
        `    last fetch: ${formatTime(s.lastFetchAt)}   next fetch: ${formatTime(s.nextFetchAt)}   every ${s.intervalMinutes} min`,
        ...(s.lastError ? [`    last error: ${s.lastError}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

async function findSource(ctx: CommandContext, ref: string): Promise<Source | null> {
  if (/^#?\d+$/.test(ref)) return ctx.repo.getSource(Number(ref.replace('#', '')));
  return ctx.repo.findSourceByFeedUrl(ref);
}

export async function sourcesCommand(args: string[], values: ParsedOptions): Promise<number> {
  const [action, target] = args;
  const ctx = await openContext(configFromOptions(values));
  try {
    switch (action) {
      case 'add': {
        if (!target) throw new UsageError('sources add needs a URL');
        const interval = numberOption('interval', values.interval, { min: 1, max: 7 * 24 * 60 });
        const result = await subscribe(target, { name: values.name, section: values.section, intervalMinutes: interval }, ctx);
        if ('error' in result) {
          console.error(`newsroom: could not add ${target}: ${result.error}`);
          return 1;
        }
        const from = result.discoveredFrom ? ` (discovered from ${result.discoveredFrom})` : '';
        console.log(`Added #${result.source.id} ${result.source.name}: ${result.source.feedUrl}${from}`);
        return 0;
      }
      case 'list':
      case undefined: {
        const sources = await ctx.repo.listSources();
        console.log(values.json ? JSON.stringify(sources, null, 2) : listText(sources));
        return 0;
      }
      case 'remove': {
        if (!target) throw new UsageError('sources remove needs an id or a feed URL');
        const source = await findSource(ctx, target);
        if (!source) {
          console.error(`newsroom: no source ${target}`);
          return 1;
        }
        await ctx.repo.removeSource(source.id);
        console.log(`Removed #${source.id} ${source.name}`);
        return 0;
      }
      case 'import': {
        if (!target) throw new UsageError('sources import needs an OPML file');
        const xml = await readFile(target, 'utf8').catch((err: Error) => {
          throw new UsageError(`cannot read ${target}: ${err.message}`);
        });
        const subscriptions = readOpml(xml);
        if ('error' in subscriptions) {
          console.error(`newsroom: ${target}: ${subscriptions.error}`);
          return 1;
        }
        let added = 0;
        let failed = 0;
        for (const [i, sub] of subscriptions.entries()) {
          progress(`Importing ${i + 1}/${subscriptions.length}: ${sub.feedUrl}`);
          if (await ctx.repo.findSourceByFeedUrl(sub.feedUrl)) {
            endProgress();
            console.log(`skipped ${sub.feedUrl}: already followed`);
            continue;
          }
          const result = await subscribe(
            sub.feedUrl,
            { name: sub.name ?? undefined, section: values.section ?? sub.section ?? undefined, discover: false },
            ctx,
          );
          endProgress();
          if ('error' in result) {
            failed++;
            console.log(`failed  ${sub.feedUrl}: ${result.error}`);
          } else {
            added++;
            console.log(`added   #${result.source.id} ${result.source.name}`);
          }
        }
        console.log(`${added} added, ${failed} failed, ${subscriptions.length - added - failed} already followed.`);
        return failed > 0 && added === 0 ? 1 : 0;
      }
      case 'export': {
        const [sources, sections] = await Promise.all([ctx.repo.listSources(), ctx.repo.listSections()]);
        const nameOf = (slug: string) => sections.find((s) => s.slug === slug)?.name ?? slug;
        process.stdout.write(`${writeOpml(sources, `${ctx.config.siteName} sources`, nameOf)}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown sources action "${action}" (add, list, remove, import, export)`);
    }
  } finally {
    await ctx.close();
  }
}
