// Back-pressure from the one stories stage to every worker's polls. The holder of the stories
// lease clusters what all the workers store; once it falls behind, polling as fast as before
// only piles up articles without a story, while taking the cores and the store the holder
// needs (on a small machine, they share both). So while it is behind, the holder says so in
// Redis and every worker takes one poll at a time — still enough to keep its backlog from
// running dry — until it has caught up. A holder alone keeps polling at its pace: fewer polls
// would only slow the articles coming in.
import type { Redis } from 'ioredis';

/** How often the holder says again that it is behind, and how long one saying lasts (a dead holder's ends by itself). */
const SAY_EVERY_MS = 1000;
const SAYING_LASTS_MS = 3000;
/** How often a worker looks. */
export const LOOK_EVERY_MS = 1000;

function behindKey(prefix: string): string {
  return `${prefix}:stories:behind`;
}

/** The holder's side: says whether the stage is behind, at most once a second while it stays so. */
export class BehindSignal {
  private saidAt = 0;
  private saying = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly lastsMs = SAYING_LASTS_MS,
  ) {}

  /** Called after each batch the holder reads. Never throws: pacing is advice. */
  async say(behind: boolean): Promise<void> {
    const now = Date.now();
    if (behind === this.saying && (!behind || now - this.saidAt < SAY_EVERY_MS)) return;
    this.saying = behind;
    this.saidAt = now;
    const key = behindKey(this.prefix);
    await (behind ? this.redis.set(key, '1', 'PX', this.lastsMs) : this.redis.del(key)).catch(() => undefined);
  }
}

/** A worker's side: whether the stage's holder said it is behind (false when Redis cannot tell). */
export async function stageIsBehind(redis: Redis, prefix: string): Promise<boolean> {
  return (await redis.exists(behindKey(prefix)).catch(() => 0)) === 1;
}

/** How many polls a worker takes at once: all it may, unless the stage is behind and other workers poll too. */
export function pollConcurrency(options: { concurrency: number; behind: boolean; otherWorkers: boolean }): number {
  return options.behind && options.otherWorkers ? 1 : options.concurrency;
}
