// `newsroom scheduler`: one active at a time, by the `scheduler` lease in Redis; others wait
// as standbys and take over within one lease time of the holder's death. Each tick the active
// one queues a `poll` job per due source, its id made of the source and its due time: queued
// twice (a slow tick, a standby taking over mid-tick), it is one job. A tick sends only the
// slots it has not sent already (a due source waits in the queue for several ticks, and adding
// a job that exists still costs Redis a script and the scheduler its encoding), and does not
// look at all while the workers have more than POLL_LOW_WATER polls waiting; once a minute
// a full pass sends every due slot again, which heals whatever the memory missed (a job removed
// from the dead-letter list, a standby's takeover), and queues the pages of articles that have
// none yet (a worker died between storing and queueing them) when pages are extracted at all.
import type { Config } from '../config.js';
import { Lease } from '../queue/lease.js';
import { connectQueues, pollJobId, type QueueClient } from '../queue/queues.js';
import type { QueueSettings } from '../queue/settings.js';
import { openRepository } from '../store/open.js';
import type { Repository } from '../store/repository.js';
import { enqueuePages } from './worker.js';

/** Due slots read per tick: narrow rows; a source waits in the queue, due, until a worker polls it. */
const DUE_BATCH = 5000;
const PAGE_BACKLOG_BATCH = 500;
/** Poll jobs waiting below which a tick looks for due sources again. */
export const POLL_LOW_WATER = 500;
/** How often a tick is a full pass (every due slot again, and the page backlog). */
export const FULL_PASS_MS = 60_000;

export interface TickResult {
  /** Due sources queued by this tick (not counting those it had queued already). */
  due: number;
  pageBacklog: number;
}

/** What the active scheduler remembers between ticks. */
export class TickMemory {
  /** Source id → the due time its job was queued for. */
  queued = new Map<number, number>();
  lastFullPass = Number.NEGATIVE_INFINITY;
  constructor(readonly extractPages = true) {}
}

export interface RunningScheduler {
  repo: Repository;
  client: QueueClient;
  lease: Lease;
  /** One tick now (whether or not this process holds the lease; for tests and `jobs`). */
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
}

/** One tick; without a memory of earlier ticks (tests, `jobs`) it is a full pass. */
export async function tickOnce(repo: Repository, client: QueueClient, now = new Date(), memory = new TickMemory()): Promise<TickResult> {
  const full = now.getTime() - memory.lastFullPass >= FULL_PASS_MS;
  if (full) memory.lastFullPass = now.getTime();
  // While the workers have plenty queued, a source due meanwhile would only join the back of
  // the queue: the look (thousands of due slots when the workers are behind) waits for the low water.
  else if ((await client.queues.poll.getWaitingCount()) >= POLL_LOW_WATER) return { due: 0, pageBacklog: 0 };
  const due = await repo.dueSourceSlots(now, DUE_BATCH);
  const fresh = full ? due : due.filter((s) => memory.queued.get(s.id) !== s.nextFetchAt.getTime());
  if (fresh.length > 0) {
    await client.queues.poll.addBulk(
      fresh.map((s) => ({ name: 'poll', data: { sourceId: s.id }, opts: { jobId: pollJobId(s.id, s.nextFetchAt) } })),
    );
  }
  // Only the slots still due are remembered: a polled source has a new due time, a new job.
  memory.queued = new Map(due.map((s) => [s.id, s.nextFetchAt.getTime()]));
  const backlog = full && memory.extractPages ? await repo.articlesWithoutPage(PAGE_BACKLOG_BATCH) : [];
  await enqueuePages(client, backlog);
  return { due: fresh.length, pageBacklog: backlog.length };
}

export async function startSchedulerRole(config: Config, settings: QueueSettings, log: (line: string) => void = (l) => console.log(l)): Promise<RunningScheduler> {
  const client = await connectQueues(settings);
  const repo = await openRepository(config.db);
  const tickMs = (settings.tickSeconds ?? config.schedule.tickSeconds) * 1000;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  let memory = new TickMemory(config.extraction.pages);
  const tick = () => {
    // One tick at a time: a slow store delays the next rather than overlapping it.
    current = current
      .then(() => tickOnce(repo, client, new Date(), memory))
      .then((r) => {
        if (r.due > 0 || r.pageBacklog > 0) log(`scheduler: ${r.due} sources due, ${r.pageBacklog} pages to fetch queued`);
      })
      .catch((err) => console.error('newsroom: scheduler tick failed:', err instanceof Error ? err.message : err));
    return current;
  };
  const lease = new Lease(client.redis, settings.prefix, 'scheduler', settings.leaseMs, {
    acquired: async () => {
      log(`scheduler: active (lease ${lease.token})`);
      // What another holder queued is not known here: the first tick is a full pass.
      memory = new TickMemory(config.extraction.pages);
      void tick();
      timer = setInterval(() => void tick(), tickMs);
    },
    lost: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await current;
      log('scheduler: standing by (the lease is held elsewhere)');
    },
  });
  lease.start();
  log('scheduler: started; active once it holds the lease');

  let stopping: Promise<void> | null = null;
  return {
    repo,
    client,
    lease,
    tick: () => tickOnce(repo, client, new Date(), new TickMemory(config.extraction.pages)),
    stop() {
      stopping ??= (async () => {
        await lease.stop();
        await current;
        await client.close();
        await repo.close();
      })();
      return stopping;
    },
  };
}
