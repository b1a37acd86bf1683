// The in-process scheduler: every tick, poll the sources that are due. One cycle at a
// time; a slow cycle delays the next tick rather than overlapping it.
import { logError } from '../ops/logger.js';
import { lastFetchCycle } from '../ops/metrics.js';
import type { CycleResult, PollDeps } from './poll-source.js';
import { pollSources } from './poll-source.js';

export interface SchedulerStatus {
  running: boolean;
  lastCycleStartedAt: Date | null;
  lastCycleFinishedAt: Date | null;
  lastCycle: CycleResult | null;
}

export interface Scheduler {
  status(): SchedulerStatus;
  /** Runs one cycle now (or waits for the one in progress) and returns its result once its stories are outlined. */
  runOnce(): Promise<CycleResult>;
  stop(): Promise<void>;
}

const DUE_BATCH = 200;

export function startScheduler(deps: PollDeps, onCycle?: (result: CycleResult) => void): Scheduler {
  const state: SchedulerStatus = { running: false, lastCycleStartedAt: null, lastCycleFinishedAt: null, lastCycle: null };
  let current: Promise<CycleResult> | null = null;
  let stopped = false;
  // Aborted by stop(): the cycle in progress finishes the sources it has started, no more.
  const abort = new AbortController();

  const cycle = (): Promise<CycleResult> => {
    if (current) return current;
    current = (async () => {
      state.running = true;
      state.lastCycleStartedAt = new Date();
      try {
        const due = await deps.repo.dueSources(new Date(), DUE_BATCH);
        const result = await pollSources(due, { ...deps, signal: abort.signal }, deps.config.schedule.concurrency);
        state.lastCycle = result;
        lastFetchCycle.set(Date.now() / 1000);
        onCycle?.(result);
        return result;
      } finally {
        state.running = false;
        state.lastCycleFinishedAt = new Date();
        current = null;
      }
    })();
    return current;
  };

  const timer = setInterval(() => {
    if (!stopped) cycle().catch((err) => logError('fetch cycle failed', err));
  }, deps.config.schedule.tickSeconds * 1000);
  timer.unref();

  return {
    status: () => ({ ...state }),
    // What a cycle stored is clustered as it is stored; its stories' outlines follow within a
    // moment (StoriesService.ingest). The clock's cycles go on without waiting for them; a
    // cycle asked for (`newsroom poll`, tests) returns once they are done.
    async runOnce() {
      const result = await cycle();
      await deps.stories?.settled();
      return result;
    },
    async stop() {
      stopped = true;
      abort.abort();
      clearInterval(timer);
      if (current) await current.catch(() => undefined);
    },
  };
}
