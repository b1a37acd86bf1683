// `newsroom scheduler`: one active at a time, by the `scheduler` lease in Redis; others wait
// as standbys and take over within one lease time of the holder's death. Each tick the active
// one queues a `poll` job per due source, its id made of the source and its due time: queued
// twice (a slow tick, a standby taking over mid-tick), it is one job. It also queues the
// pages of articles that have none yet (a worker died between storing and queueing them).
import type { Config } from '../config.js';
import { Lease } from '../queue/lease.js';
import { connectQueues, pollJobId, type QueueClient } from '../queue/queues.js';
import type { QueueSettings } from '../queue/settings.js';
import { openRepository } from '../store/open.js';
import type { Repository } from '../store/repository.js';
import { enqueuePages } from './worker.js';

const DUE_BATCH = 500;
const PAGE_BACKLOG_BATCH = 500;

export interface TickResult {
  due: number;
  pageBacklog: number;
}

export interface RunningScheduler {
  repo: Repository;
  client: QueueClient;
  lease: Lease;
  /** One tick now (whether or not this process holds the lease; for tests and `jobs`). */
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
}

export async function tickOnce(repo: Repository, client: QueueClient, now = new Date()): Promise<TickResult> {
  const due = await repo.dueSources(now, DUE_BATCH);
  if (due.length > 0) {
    await client.queues.poll.addBulk(
      due.map((s) => ({ name: 'poll', data: { sourceId: s.id }, opts: { jobId: pollJobId(s.id, s.nextFetchAt) } })),
    );
  }
  const backlog = await repo.articlesWithoutPage(PAGE_BACKLOG_BATCH);
  await enqueuePages(client, backlog);
  return { due: due.length, pageBacklog: backlog.length };
}

export async function startSchedulerRole(config: Config, settings: QueueSettings, log: (line: string) => void = (l) => console.log(l)): Promise<RunningScheduler> {
  const client = await connectQueues(settings);
  const repo = await openRepository(config.db);
  const tickMs = (settings.tickSeconds ?? config.schedule.tickSeconds) * 1000;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // One tick at a time: a slow store delays the next rather than overlapping it.
    current = current
      .then(() => tickOnce(repo, client))
      .then((r) => {
        if (r.due > 0 || r.pageBacklog > 0) log(`scheduler: ${r.due} sources due, ${r.pageBacklog} pages to fetch queued`);
      })
      .catch((err) => console.error('newsroom: scheduler tick failed:', err instanceof Error ? err.message : err));
    return current;
  };
  const lease = new Lease(client.redis, settings.prefix, 'scheduler', settings.leaseMs, {
    acquired: async () => {
      log(`scheduler: active (lease ${lease.token})`);
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
    tick: () => tickOnce(repo, client),
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
