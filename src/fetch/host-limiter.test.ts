import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostLimiter } from './host-limiter.js';

/** Runs `count` tasks of `durationMs` on `host`, recording start times and the peak in-flight count. */
function burst(limiter: HostLimiter, host: string, count: number, durationMs: number) {
  let inFlight = 0;
  let maxInFlight = 0;
  const starts: number[] = [];
  const results = Array.from({ length: count }, (_, i) =>
    limiter.run(host, async () => {
      starts.push(performance.now());
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(durationMs);
      inFlight--;
      return i;
    }),
  );
  return {
    done: Promise.all(results),
    stats: () => ({ maxInFlight, starts, inFlight }),
  };
}

describe('HostLimiter', () => {
  it('runs at most N tasks at once on one host, and all of them eventually', async () => {
    const limiter = new HostLimiter(2, 0);
    const b = burst(limiter, 'a.example', 7, 15);
    const values = await b.done;
    assert.deepEqual(values, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(b.stats().maxInFlight, 2);
    assert.equal(b.stats().starts.length, 7);
    assert.equal(b.stats().inFlight, 0);
  });

  it('with concurrency 1, runs tasks one after another in order', async () => {
    const limiter = new HostLimiter(1, 0);
    const order: string[] = [];
    await Promise.all(
      ['x', 'y', 'z'].map((name) =>
        limiter.run('a.example', async () => {
          order.push(`start ${name}`);
          await sleep(5);
          order.push(`end ${name}`);
        }),
      ),
    );
    assert.deepEqual(order, ['start x', 'end x', 'start y', 'end y', 'start z', 'end z']);
  });

  it('spaces the starts of requests to one host', async () => {
    const spacing = 40;
    const limiter = new HostLimiter(5, spacing); // concurrency is not the limit here, spacing is
    const b = burst(limiter, 'a.example', 4, 1);
    await b.done;
    const { starts } = b.stats();
    assert.equal(starts.length, 4);
    for (let i = 1; i < starts.length; i++) {
      const gap = starts[i]! - starts[i - 1]!;
      assert.ok(gap >= spacing - 5, `gap ${i} was ${gap.toFixed(1)} ms, expected >= ${spacing - 5}`);
    }
  });

  it('spaces a request that comes later after the previous one has finished', async () => {
    const limiter = new HostLimiter(1, 40);
    const t0 = performance.now();
    await limiter.run('a.example', async () => undefined);
    const second = await limiter.run('a.example', async () => performance.now());
    assert.ok(second - t0 >= 35, `second start after ${(second - t0).toFixed(1)} ms`);
  });

  it('does not make different hosts wait for each other', async () => {
    const limiter = new HostLimiter(1, 200);
    const t0 = performance.now();
    const startedAt = await Promise.all(
      ['a.example', 'b.example', 'c.example', 'd.example'].map((host) => limiter.run(host, async () => performance.now() - t0)),
    );
    for (const t of startedAt) assert.ok(t < 100, `a host waited ${t.toFixed(1)} ms`);

    // A busy host does not hold up another one either.
    const slow = limiter.run('a.example', async () => performance.now() - t0); // waits ~200 ms for spacing
    const fast = await limiter.run('e.example', async () => performance.now() - t0);
    assert.ok(fast < 100, `e.example waited ${fast.toFixed(1)} ms`);
    assert.ok((await slow) >= 190, 'a.example still respected its own spacing');
  });

  it('frees the slot when a task fails, and passes the error on', async () => {
    const limiter = new HostLimiter(1, 0);
    await assert.rejects(
      limiter.run('a.example', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    const value = await limiter.run('a.example', async () => 42);
    assert.equal(value, 42);
  });
});
