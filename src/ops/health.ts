// Readiness: the dependencies a process needs to do its work (the store, the queue), each
// checked with a timeout. Components register their check; /readyz runs them all.
// Liveness (/healthz) deliberately checks nothing: a store outage must not get a healthy
// process restarted by its supervisor, only taken out of the load balancer.

export type ReadinessCheck = () => Promise<unknown>;

export interface CheckReport {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface ReadinessReport {
  ok: boolean;
  checks: Record<string, CheckReport>;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;

export class Readiness {
  private readonly checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();

  register(name: string, check: ReadinessCheck, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS): void {
    this.checks.set(name, { check, timeoutMs });
  }

  has(name: string): boolean {
    return this.checks.has(name);
  }

  /** Runs every check at once; a check that throws or outlasts its timeout fails. */
  async run(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, { check, timeoutMs }]) => [name, await runCheck(check, timeoutMs)] as const),
    );
    return { ok: entries.every(([, r]) => r.ok), checks: Object.fromEntries(entries) };
  }
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckReport> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
