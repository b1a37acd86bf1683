// Politeness per host: at most N requests in flight to one host, and a minimum spacing
// between the starts of two requests to it, however many sources live on that host.

interface HostState {
  active: number;
  lastStart: number;
  waiting: Array<() => void>;
  timer: NodeJS.Timeout | null;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly concurrency: number,
    private readonly spacingMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `task` when the host has a free slot and its spacing has passed. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: -Infinity, waiting: [], timer: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private acquire(host: string): Promise<void> {
    const state = this.state(host);
    return new Promise((resolve) => {
      state.waiting.push(resolve);
      this.pump(host, state);
    });
  }

  private release(host: string): void {
    const state = this.state(host);
    state.active--;
    this.pump(host, state);
    if (state.active === 0 && state.waiting.length === 0 && !state.timer) {
      // Keep the entry while spacing still matters, so memory stays bounded by busy hosts.
      const lastStart = state.lastStart;
      setTimeout(() => {
        const current = this.hosts.get(host);
        if (current && current.active === 0 && current.waiting.length === 0 && current.lastStart === lastStart) {
          this.hosts.delete(host);
        }
      }, this.spacingMs + 1).unref();
    }
  }

  private pump(host: string, state: HostState): void {
    if (state.timer || state.waiting.length === 0 || state.active >= this.concurrency) return;
    const wait = state.lastStart + this.spacingMs - this.now();
    if (wait > 0) {
      state.timer = setTimeout(() => {
        state.timer = null;
        this.pump(host, state);
      }, wait);
      return;
    }
    const next = state.waiting.shift()!;
    state.active++;
    state.lastStart = this.now();
    next();
    this.pump(host, state);
  }
}
