// What an operator sees of the queues and does with the jobs that failed for good: depths,
// the age of the oldest waiting job, the dead-letter list (BullMQ's failed set), retry and
// remove. The CLI (`newsroom jobs`) and the admin's Jobs page both go through here.
import type { Job } from 'bullmq';
import { QUEUE_NAMES, type QueueClient, type QueueName } from './queues.js';

export interface QueueDepth {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Age of the oldest job still waiting to be taken, in milliseconds; null when none waits. */
  oldestWaitingMs: number | null;
}

export interface FailedJob {
  /** "QUEUE/ID": how the CLI and the admin name a job. */
  ref: string;
  queue: QueueName;
  id: string;
  name: string;
  data: unknown;
  error: string;
  attempts: number;
  failedAt: Date | null;
}

/** "42 s", "7 min", "3 h", or "—" for none. */
export function formatAge(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

export async function queueDepths(client: QueueClient, now = Date.now()): Promise<QueueDepth[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const queue = client.queues[name];
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
      const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
      return {
        name,
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
        oldestWaitingMs: oldest ? Math.max(0, now - oldest.timestamp) : null,
      };
    }),
  );
}

function failedView(queue: QueueName, job: Job): FailedJob {
  return {
    ref: `${queue}/${job.id}`,
    queue,
    id: String(job.id),
    name: job.name,
    data: job.data,
    error: job.failedReason || 'failed without a reason',
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}

/** The dead-letter list: jobs that failed their last attempt, newest first, across the queues. */
export async function failedJobs(client: QueueClient, limit = 100): Promise<FailedJob[]> {
  const lists = await Promise.all(
    QUEUE_NAMES.map(async (name) => (await client.queues[name].getFailed(0, limit - 1)).filter((j): j is Job => Boolean(j)).map((j) => failedView(name, j as Job))),
  );
  return lists.flat().sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0)).slice(0, limit);
}

/** Finds a failed job by "QUEUE/ID", or by its id alone in any queue. */
async function findFailed(client: QueueClient, ref: string): Promise<{ queue: QueueName; job: Job } | string> {
  const slash = ref.indexOf('/');
  const [queueName, id] = slash > 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : [null, ref];
  if (queueName !== null && !(QUEUE_NAMES as readonly string[]).includes(queueName)) {
    return `no queue "${queueName}" (the queues are ${QUEUE_NAMES.join(', ')})`;
  }
  if (!id) return 'give a job as QUEUE/ID (see "newsroom jobs failed")';
  for (const name of queueName ? [queueName as QueueName] : QUEUE_NAMES) {
    const job = (await client.queues[name].getJob(id)) as Job | undefined;
    if (!job) continue;
    if (!(await job.isFailed())) return `job ${name}/${id} has not failed (it is ${await job.getState()})`;
    return { queue: name, job };
  }
  return `no job "${ref}"`;
}

export type JobActionResult = { ok: true; ref: string } | { ok: false; error: string };

/** Puts a failed job back in its queue with its attempts reset. */
export async function retryJob(client: QueueClient, ref: string): Promise<JobActionResult> {
  const found = await findFailed(client, ref);
  if (typeof found === 'string') return { ok: false, error: found };
  await found.job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  return { ok: true, ref: `${found.queue}/${found.job.id}` };
}

/** Deletes a failed job from the dead-letter list (it will not run). */
export async function removeJob(client: QueueClient, ref: string): Promise<JobActionResult> {
  const found = await findFailed(client, ref);
  if (typeof found === 'string') return { ok: false, error: found };
  await found.job.remove();
  return { ok: true, ref: `${found.queue}/${found.job.id}` };
}

/** Retries every failed job of every queue; returns how many. */
export async function retryAllFailed(client: QueueClient): Promise<number> {
  let total = 0;
  for (const name of QUEUE_NAMES) {
    const queue = client.queues[name];
    const count = await queue.getFailedCount();
    if (count === 0) continue;
    await queue.retryJobs({ state: 'failed', count: 1000, timestamp: Date.now() + 1000 });
    total += count;
  }
  return total;
}
