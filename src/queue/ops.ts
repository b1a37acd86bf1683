// The production roles in the operations' views: Redis in /readyz, each queue's depth and
// oldest waiting job in /metrics, and the store's change announcements relayed from the
// workers (where the writes happen) to every web process (where the page cache lives).
import { z } from 'zod';
import type { Readiness } from '../ops/health.js';
import { registerQueueMetrics } from '../ops/metrics.js';
import { onChange, type ChangeTag } from '../store/changes.js';
import type { Repository } from '../store/repository.js';
import { queueDepths } from './dead-letter.js';
import { QUEUE_NAMES, type QueueClient } from './queues.js';

const changesChannel = (client: QueueClient) => `${client.settings.prefix}:changes`;
const Tags = z.array(z.string().max(100)).max(10_000);

/** Readiness of the queue (Redis answers) and the queues' depths as metrics; returns the undo. */
export function registerQueueOps(client: QueueClient, readiness: Readiness): () => void {
  readiness.register('queue', () => client.redis.ping());
  // One read of every queue serves the three collectors of one scrape.
  let last: { at: number; depths: ReturnType<typeof queueDepths> } | null = null;
  const depths = () => {
    if (!last || Date.now() - last.at > 1000) last = { at: Date.now(), depths: queueDepths(client) };
    return last.depths;
  };
  const undo = QUEUE_NAMES.map((name) =>
    registerQueueMetrics(name, async () => {
      const d = (await depths()).find((q) => q.name === name)!;
      return { depth: d.waiting + d.active + d.delayed, oldestAgeSeconds: Math.round((d.oldestWaitingMs ?? 0) / 1000) };
    }),
  );
  return () => undo.forEach((u) => u());
}

/** In a worker: publishes what its writes changed, for the web processes' caches. */
export function relayChanges(repo: Repository, client: QueueClient): () => void {
  return onChange(repo, (tags) => {
    void client.redis.publish(changesChannel(client), JSON.stringify(tags)).catch(() => undefined);
  });
}

/** In a web process: drops the cached pages that the workers' writes changed; returns the stop. */
export async function followChanges(client: QueueClient, invalidate: (tags: ChangeTag[]) => void): Promise<() => Promise<void>> {
  const subscriber = client.duplicate();
  subscriber.on('message', (_channel: string, message: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const tags = Tags.safeParse(parsed);
    if (tags.success) invalidate(tags.data as ChangeTag[]);
  });
  await subscriber.subscribe(changesChannel(client));
  return async () => {
    await subscriber.unsubscribe().catch(() => undefined);
  };
}
