// A lease in Redis: one holder at a time for the scheduler and for the stories stage. The
// holder takes it with SET NX PX and renews it every third of its time; a standby tries to
// take it on the same beat, so it takes over within one lease time of the holder's death.
// Renewal and release compare the token first (a Lua script, atomic in Redis): a holder that
// lost the lease (paused too long) can never extend or delete the new holder's.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export function leaseKey(prefix: string, name: string): string {
  return `${prefix}:lease:${name}`;
}

/** Who holds a lease: "host:pid:random", or null. */
export async function leaseHolder(redis: Redis, prefix: string, name: string): Promise<string | null> {
  return redis.get(leaseKey(prefix, name));
}

export interface LeaseEvents {
  /** Called once the lease is ours; the next beat waits for it. */
  acquired(): Promise<void>;
  /** Called when a renewal finds the lease gone or taken; stop the work it guarded at once. */
  lost(): Promise<void>;
}

export class Lease {
  readonly token = `${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  private held = false;
  private timer: NodeJS.Timeout | null = null;
  private beat: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly name: string,
    readonly ttlMs: number,
    private readonly events: LeaseEvents,
  ) {}

  get key(): string {
    return leaseKey(this.prefix, this.name);
  }

  isHeld(): boolean {
    return this.held;
  }

  /** Starts trying (and, once held, renewing) on a beat of a third of the lease time. */
  start(): void {
    const tick = () => {
      this.beat = this.beat.then(() => this.step()).catch((err) => console.error(`newsroom: lease ${this.name}:`, err instanceof Error ? err.message : err));
    };
    tick();
    this.timer = setInterval(tick, Math.max(200, Math.floor(this.ttlMs / 3)));
  }

  /** One beat: renew what we hold, or try to take it. */
  async step(): Promise<void> {
    if (this.stopped) return;
    if (this.held) {
      const renewed = Number(await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs)));
      if (renewed !== 1) {
        this.held = false;
        await this.events.lost();
      }
      return;
    }
    const taken = await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX');
    if (taken === 'OK') {
      this.held = true;
      await this.events.acquired();
    }
  }

  /**
   * Renews the lease now and says whether it is still ours: called before each piece of
   * guarded work, so the work starts with a whole lease time ahead of it. Does not change
   * the state; a lost lease is noticed (and `lost` called) on the next beat.
   */
  async confirm(): Promise<boolean> {
    if (!this.held || this.stopped) return false;
    return Number(await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs))) === 1;
  }

  /** Stops the beat and gives the lease up, so a standby takes over at once rather than after it expires. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.beat.catch(() => undefined);
    if (this.held) {
      this.held = false;
      await this.events.lost();
      await this.redis.eval(RELEASE, 1, this.key, this.token).catch(() => undefined);
    }
  }
}
