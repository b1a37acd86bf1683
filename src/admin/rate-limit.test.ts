import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoginRateLimiter, MemoryAttemptStore } from './rate-limit.js';

describe('login rate limiter', async () => {
  const t0 = new Date('2026-03-01T10:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('allows 5 failures in 15 minutes, then refuses until the oldest leaves the window', async () => {
    const limiter = new LoginRateLimiter(new MemoryAttemptStore(), { maxFailures: 5, windowMs: 15 * 60_000 });
    const keys = ['client:a', 'email:ed@example.org'];
    for (let i = 0; i < 5; i++) {
      assert.deepEqual((await limiter.check(keys, at(i))), { allowed: true }, `attempt ${i + 1}`);
      await limiter.fail(keys, at(i));
    }
    const refused = (await limiter.check(keys, at(5)));
    assert.equal(refused.allowed, false);
    assert.equal(!refused.allowed && refused.retryAfterSeconds, 10 * 60, 'the first failure (minute 0) leaves the window at minute 15');
    assert.equal((await limiter.check(keys, at(14.9))).allowed, false);
    assert.equal((await limiter.check(keys, at(15.01))).allowed, true, 'one failure has left the window');
  });

  it('counts per client and per email: either one over the limit refuses', async () => {
    const limiter = new LoginRateLimiter(new MemoryAttemptStore(), { maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) await limiter.fail([`client:${i}`, 'email:target@example.org'], at(0));
    assert.equal((await limiter.check(['client:new', 'email:target@example.org'], at(0))).allowed, false, 'a guesser changing address is still stopped per email');
    assert.equal((await limiter.check(['client:new', 'email:other@example.org'], at(0))).allowed, true);
    for (let i = 0; i < 3; i++) await limiter.fail(['client:spray', `email:${i}@example.org`], at(0));
    assert.equal((await limiter.check(['client:spray', 'email:fresh@example.org'], at(0))).allowed, false, 'one client trying many emails is stopped per client');
  });

  it('forgets the failures of keys that then log in successfully', async () => {
    const limiter = new LoginRateLimiter(new MemoryAttemptStore(), { maxFailures: 2, windowMs: 60_000 });
    const keys = ['client:a', 'email:a@example.org'];
    await limiter.fail(keys, at(0));
    await limiter.succeed(keys);
    await limiter.fail(keys, at(0));
    assert.equal((await limiter.check(keys, at(0))).allowed, true);
  });
});
