// `newsroom prune`: applies the retention setting now (the scheduler does it every hour).
import { pruneBodies, retentionDays } from '../../ops/retention.js';
import { openRepository } from '../../store/open.js';
import { adminStoreFor } from '../../admin/store.js';
import { configFromOptions } from '../config-from-options.js';
import { endProgress, progress } from '../context.js';
import type { ParsedOptions } from '../main.js';
import { numberOption, UsageError } from '../options.js';

export async function pruneCommand(values: ParsedOptions): Promise<number> {
  const config = configFromOptions(values);
  const given = numberOption('days', values.days, { min: 1, max: 36_500 });
  if (given !== undefined && !Number.isInteger(given)) throw new UsageError(`--days must be a whole number of days, got "${values.days}"`);
  const dryRun = values['dry-run'] ?? false;
  const repo = await openRepository(config.db);
  try {
    const days = given ?? (await retentionDays(adminStoreFor(repo), config));
    if (days === null) throw new UsageError('retention is off: set it in the admin (Settings), set NEWSROOM_RETAIN_BODIES_DAYS, or give --days N');
    const result = await pruneBodies(repo, {
      days,
      dryRun,
      onBatch: (total) => progress(`${dryRun ? 'Counting' : 'Pruning'}: ${total.scanned} articles older than ${days} days looked at…`),
    });
    endProgress();
    console.log(
      dryRun
        ? `Dry run: ${result.pruned} of ${result.scanned} articles stored more than ${days} days ago still have a body that pruning would clear.`
        : `Pruned the bodies of ${result.pruned} articles stored more than ${days} days ago (${result.batches} batches); titles, links, summaries and stories are kept.`,
    );
    return 0;
  } finally {
    await repo.close();
  }
}
