import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, defaultConfig, loadConfig } from '../config.js';
import { nextFetchAfterError, nextFetchAfterSuccess } from './schedule.js';

const schedule = defaultConfig().schedule;
const now = new Date('2026-01-01T00:00:00Z');
const minutesFromNow = (d: Date) => (d.getTime() - now.getTime()) / 60_000;

describe('nextFetchAfterSuccess', () => {
  it('never polls a source sooner than the floor, which NEWSROOM_MIN_INTERVAL_MINUTES moves', () => {
    assert.equal(minutesFromNow(nextFetchAfterSuccess({ now, intervalMinutes: 0.25 }, schedule)), 1);
    const lowered = loadConfig({ NEWSROOM_MIN_INTERVAL_MINUTES: '0.25' }).schedule;
    assert.equal(minutesFromNow(nextFetchAfterSuccess({ now, intervalMinutes: 0.25 }, lowered)), 0.25);
    assert.throws(() => loadConfig({ NEWSROOM_MIN_INTERVAL_MINUTES: 'soon' }), ConfigError);
    assert.throws(() => loadConfig({ NEWSROOM_MIN_INTERVAL_MINUTES: '0' }), ConfigError);
  });
  it('uses the source interval', () => {
    assert.equal(minutesFromNow(nextFetchAfterSuccess({ now, intervalMinutes: 15 }, schedule)), 15);
  });
  it('stretches to the feed ttl and Cache-Control max-age, never shortens', () => {
    assert.equal(minutesFromNow(nextFetchAfterSuccess({ now, intervalMinutes: 15, ttlMinutes: 60 }, schedule)), 60);
    assert.equal(minutesFromNow(nextFetchAfterSuccess({ now, intervalMinutes: 15, maxAgeSeconds: 1800 }, schedule)), 30);
    assert.equal(minutesFromNow(nextFetchAfterSuccess({ now, intervalMinutes: 15, ttlMinutes: 5, maxAgeSeconds: 60 }, schedule)), 15);
  });
  it('keeps a huge ttl within the maximum interval', () => {
    assert.equal(minutesFromNow(nextFetchAfterSuccess({ now, intervalMinutes: 15, ttlMinutes: 100_000 }, schedule)), schedule.maxIntervalMinutes);
  });
});

describe('nextFetchAfterError', () => {
  it('backs off exponentially and is capped, so a source is never abandoned', () => {
    const waits = [1, 2, 3, 4, 10, 50].map((errorCount) =>
      minutesFromNow(nextFetchAfterError({ now, intervalMinutes: 15, errorCount }, schedule)),
    );
    assert.deepEqual(waits, [15, 30, 60, 120, schedule.maxBackoffMinutes, schedule.maxBackoffMinutes]);
  });
  it('honours a longer Retry-After', () => {
    const next = nextFetchAfterError({ now, intervalMinutes: 15, errorCount: 1, retryAfterMs: 2 * 3600_000 }, schedule);
    assert.equal(minutesFromNow(next), 120);
  });
});
