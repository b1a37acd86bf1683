// The queues the production roles share through Redis (BullMQ): `poll` (one job per due
// source), `pages` (fetch and extract one article page) and `stories` (the editor's merges,
// splits, renames and re-clusterings, run by the one holder of the stories lease). What a job
// carries is checked when it is taken, like any input from outside.
import { type JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { QueueSettings } from './settings.js';

export const QUEUE_NAMES = ['poll', 'pages', 'stories'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const PollJob = z.object({ sourceId: z.number().int().positive() });
export const PageJob = z.object({ articleId: z.number().int().positive(), url: z.string().min(1) });
export const StoriesJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('merge'), from: z.number().int().positive(), into: z.number().int().positive() }),
  z.object({ kind: z.literal('split'), articleId: z.number().int().positive() }),
  z.object({ kind: z.literal('rename'), storyId: z.number().int().positive(), title: z.string().max(300).nullable() }),
  z.object({ kind: z.literal('recluster') }),
]);
export type StoriesJob = z.infer<typeof StoriesJob>;

/** A job's data, checked; a job that carries something else fails with a readable reason. */
export function jobData<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new Error(`the job's data is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')}`);
}
/** What a stories job answers: expected refusals ("no story 5") are values, not failures. */
export type StoriesAnswer = { ok: true; storyId?: number; articles?: number; stories?: number } | { ok: false; error: string };

const KEEP_COMPLETED = { age: 24 * 3600, count: 5000 };

/**
 * Retries with exponential back-off; after the last attempt a job stays in BullMQ's failed
 * set, which is the dead-letter list (`newsroom jobs failed`, /admin/jobs). Completed jobs
 * are kept a day so that a job id added again meanwhile is recognised and not run twice.
 */
export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  poll: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: false },
  pages: { attempts: 5, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: false },
  // An editor's action is answered to the editor at once; running it again later would surprise them.
  stories: { attempts: 1, removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: false },
};

/** The job id of one due slot of a source: enqueued twice (or by two schedulers), it is one job. */
export function pollJobId(sourceId: number, dueAt: Date): string {
  return `poll-${sourceId}-${dueAt.getTime()}`;
}

export function pageJobId(articleId: number): string {
  return `page-${articleId}`;
}

export interface QueueClient {
  settings: QueueSettings;
  redis: Redis;
  queues: Record<QueueName, Queue>;
  /** A new connection for a BullMQ worker or QueueEvents (they block on it). */
  duplicate(): Redis;
  close(): Promise<void>;
}

export function redisConnection(url: string): Redis {
  // BullMQ's workers block on their connection: no per-command retry limit.
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  let reported = false;
  redis.on('error', (err: Error) => {
    // ioredis reconnects by itself; one line per outage, not one per retry.
    if (!reported) console.error(`newsroom: Redis at ${url}: ${err.message} (retrying)`);
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  return redis;
}

export function openQueues(settings: QueueSettings): QueueClient {
  const redis = redisConnection(settings.redisUrl);
  const duplicates: Redis[] = [];
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => {
      const queue = new Queue(name, { connection: redis, prefix: settings.prefix, defaultJobOptions: JOB_OPTIONS[name] });
      // Connection errors are reported once by the connection itself (above), not by every queue on it.
      queue.on('error', () => undefined);
      return [name, queue];
    }),
  ) as Record<QueueName, Queue>;
  return {
    settings,
    redis,
    queues,
    duplicate() {
      const d = redisConnection(settings.redisUrl);
      duplicates.push(d);
      return d;
    },
    async close() {
      const connections = [...duplicates, redis];
      // A connection that never came up cannot say QUIT: drop it, or closing would wait for Redis forever.
      if (connections.some((r) => r.status !== 'ready')) for (const r of connections) r.disconnect();
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await Promise.all(connections.map((r) => (r.status === 'ready' ? r.quit().catch(() => r.disconnect()) : r.disconnect())));
    },
  };
}

/** Fails fast with a readable message when Redis cannot be reached at start. */
export async function checkRedis(client: QueueClient, timeoutMs = 5000): Promise<void> {
  const timeout = new Promise<never>((_, reject) => {
    const t = setTimeout(() => reject(new Error(`Redis at ${client.settings.redisUrl} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    t.unref();
  });
  await Promise.race([client.redis.ping(), timeout]);
}

/** Opens the queues and checks that Redis answers; on failure nothing is left open. */
export async function connectQueues(settings: QueueSettings): Promise<QueueClient> {
  const client = openQueues(settings);
  try {
    await checkRedis(client);
  } catch (err) {
    await client.close();
    throw err;
  }
  return client;
}
