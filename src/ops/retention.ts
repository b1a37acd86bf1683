// Retention: article bodies (the fetched page, its extracted text, the feed's full content)
// are the bulk of the store and the part a publisher may not want kept forever. Past
// NEWSROOM_RETAIN_BODIES_DAYS they are cleared in bounded batches, each its own short
// transaction with a turn of the event loop between, so the site keeps answering while a
// large backlog is pruned. Articles stay listed with title, link and summary; stories keep
// their outlines and pages.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { readSetting, type SettingsStore } from '../admin/settings.js';
import type { Config } from '../config.js';
import { announceChange, articleTag } from '../store/changes.js';
import type { Repository } from '../store/repository.js';
import { logError, logger } from './logger.js';

export const PRUNE_BATCH = 500;
export const PRUNE_EVERY_MS = 60 * 60_000;

/** The age limit in days, or null to keep bodies: the admin's setting, else NEWSROOM_RETAIN_BODIES_DAYS. */
export async function retentionDays(settings: SettingsStore, config: Config): Promise<number | null> {
  // Awaited: a settings store over the network (PostgreSQL) answers asynchronously.
  return (await readSetting(settings, 'retention.bodiesDays', config.ops.retainBodiesDays ?? 0)) || null;
}

export interface PruneResult {
  /** Articles old enough to lose their body. */
  scanned: number;
  /** Of those, the ones that still had one (all of it cleared unless dryRun). */
  pruned: number;
  batches: number;
  /** Where the walk stopped; a later pass may start there. */
  lastId: number;
}

export async function pruneBodies(
  repo: Repository,
  options: { days: number; now?: Date; batchSize?: number; dryRun?: boolean; afterId?: number; shouldStop?: () => boolean; onBatch?: (total: PruneResult) => void },
): Promise<PruneResult> {
  const before = new Date((options.now ?? new Date()).getTime() - options.days * 86_400_000);
  const total: PruneResult = { scanned: 0, pruned: 0, batches: 0, lastId: options.afterId ?? 0 };
  for (;;) {
    const batch = await repo.pruneBodies({ before, afterId: total.lastId, limit: options.batchSize ?? PRUNE_BATCH, dryRun: options.dryRun ?? false });
    // Cached article pages still show the text just cleared; the batch covers this id range.
    if (batch.pruned > 0 && !options.dryRun) {
      const ids = Array.from({ length: batch.lastId - total.lastId }, (_, i) => total.lastId + 1 + i);
      announceChange(repo, [...ids.map(articleTag), 'search']);
    }
    total.scanned += batch.scanned;
    total.pruned += batch.pruned;
    total.batches++;
    total.lastId = batch.lastId;
    options.onBatch?.(total);
    if (batch.done || options.shouldStop?.()) return total;
    await nextTurn();
  }
}

export interface RetentionTask {
  /** One pass now (or the one in progress). */
  runOnce(): Promise<PruneResult>;
  stop(): Promise<void>;
}

const NOTHING: PruneResult = { scanned: 0, pruned: 0, batches: 0, lastId: 0 };

/**
 * Prunes once an hour with the limit of the moment (`days()`, null: off), starting each pass
 * where the last one stopped: what lies before it is pruned already, so an hourly pass reads
 * only the articles that aged past the limit since. A shorter limit later still works: the
 * walk goes on from there to the first article younger than the new limit.
 */
export function startRetention(repo: Repository, days: () => Promise<number | null> | number | null, everyMs = PRUNE_EVERY_MS): RetentionTask {
  let afterId = 0;
  let stopped = false;
  let current: Promise<PruneResult> | null = null;
  const pass = async (): Promise<PruneResult> => {
    const limit = await days();
    if (limit === null) return { ...NOTHING, lastId: afterId };
    const result = await pruneBodies(repo, { days: limit, afterId, shouldStop: () => stopped });
    afterId = result.lastId;
    if (result.pruned > 0) logger.info({ pruned: result.pruned, batches: result.batches, days: limit }, 'retention: pruned article bodies');
    return result;
  };
  const runOnce = () => {
    current ??= pass().finally(() => {
      current = null;
    });
    return current;
  };
  const timer = setInterval(() => {
    if (!stopped) runOnce().catch((err) => logError('retention pass failed', err));
  }, everyMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current?.catch(() => undefined);
    },
  };
}
