// The production roles' settings (web, worker, scheduler over BullMQ), from the environment,
// validated once here like src/config.ts does for the rest.
import { z } from 'zod';
import { ConfigError } from '../config.js';

const QueueSettingsSchema = z.object({
  /** redis:// or rediss:// address of the Redis that carries the queues and the leases. */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  /** Key prefix of every queue and lease: several installations (or test runs) share one Redis. */
  prefix: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-" only'),
  /** How long a worker's hold on an active job lasts without renewal; after that the job is stalled and runs again elsewhere. */
  lockMs: z.number().int().min(1000),
  /** How long a lease (scheduler, stories stage) lasts without renewal; a standby takes over after it. */
  leaseMs: z.number().int().min(1000),
  /** How often the stories lease holder looks for articles without a story. */
  sweepMs: z.number().int().min(50),
  /** Scheduler tick: how often due sources are looked for (default: the configuration's tick). */
  tickSeconds: z.number().positive().optional(),
});

export type QueueSettings = z.infer<typeof QueueSettingsSchema>;

function numberFrom(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ConfigError(`${name} must be a number, got "${value}"`);
  return n;
}

/** Whether the production roles are configured (NEWSROOM_REDIS_URL set). */
export function redisConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.NEWSROOM_REDIS_URL);
}

/** Reads the settings; throws ConfigError with a readable message (NEWSROOM_REDIS_URL missing, bad numbers). */
export function loadQueueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  if (!env.NEWSROOM_REDIS_URL) {
    throw new ConfigError('NEWSROOM_REDIS_URL is not set: the web, worker and scheduler roles share work through Redis (e.g. NEWSROOM_REDIS_URL=redis://127.0.0.1:6379); "newsroom serve" runs everything in one process without it');
  }
  const tickSeconds = numberFrom('NEWSROOM_SCHEDULE_TICK_SECONDS', env.NEWSROOM_SCHEDULE_TICK_SECONDS);
  const parsed = QueueSettingsSchema.safeParse({
    redisUrl: env.NEWSROOM_REDIS_URL,
    prefix: env.NEWSROOM_QUEUE_PREFIX || 'newsroom',
    lockMs: numberFrom('NEWSROOM_QUEUE_LOCK_MS', env.NEWSROOM_QUEUE_LOCK_MS) ?? 30_000,
    leaseMs: numberFrom('NEWSROOM_LEASE_MS', env.NEWSROOM_LEASE_MS) ?? 10_000,
    sweepMs: 500,
    ...(tickSeconds !== undefined ? { tickSeconds } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const names: Record<string, string> = { redisUrl: 'NEWSROOM_REDIS_URL', prefix: 'NEWSROOM_QUEUE_PREFIX', lockMs: 'NEWSROOM_QUEUE_LOCK_MS', leaseMs: 'NEWSROOM_LEASE_MS', tickSeconds: 'NEWSROOM_SCHEDULE_TICK_SECONDS' };
    const key = String(issue?.path[0] ?? '');
    throw new ConfigError(`${names[key] ?? key}: ${issue?.message}`);
  }
  return parsed.data;
}
