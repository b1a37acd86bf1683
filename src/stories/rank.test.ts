import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Story } from '../model.js';
import { rankStories, storyScore } from './rank.js';

const now = new Date('2026-11-29T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

function story(id: number, firstHoursAgo: number, extra: Partial<Story> = {}): Story {
  return {
    id, title: `Story ${id}`, autoTitle: `Story ${id}`, editorTitle: null, summary: null, imageUrl: null, section: null,
    leadArticleId: null, firstArticleId: null, firstReportedAt: hoursAgo(firstHoursAgo), lastReportedAt: hoursAgo(0),
    articleCount: 1, outletCount: 1, pinned: false, hidden: false, commentsClosed: false, createdAt: hoursAgo(firstHoursAgo),
    updatedAt: now, ...extra,
  };
}

describe('Top Stories ranking', () => {
  it('puts a story covered by more outlets above one covered by fewer, at the same age', () => {
    const ranked = rankStories([
      { story: story(1, 3), coverage: 2, recentOutlets: 0 },
      { story: story(2, 3), coverage: 6, recentOutlets: 0 },
    ], now);
    assert.deepEqual(ranked.map((s) => s.id), [2, 1]);
  });

  it('lets freshness beat coverage over time (gravity), and momentum keep a story up', () => {
    const old = { story: story(1, 30), coverage: 6, recentOutlets: 0 };
    const fresh = { story: story(2, 1), coverage: 2, recentOutlets: 0 };
    assert.deepEqual(rankStories([old, fresh], now).map((s) => s.id), [2, 1]);
    const growing = { story: story(3, 8), coverage: 4, recentOutlets: 4 };
    const stalled = { story: story(4, 8), coverage: 4, recentOutlets: 0 };
    assert.ok(storyScore(growing, now) > storyScore(stalled, now));
  });

  it('keeps pinned stories first and hidden ones out', () => {
    const ranked = rankStories([
      { story: story(1, 1), coverage: 9, recentOutlets: 3 },
      { story: story(2, 50, { pinned: true }), coverage: 1, recentOutlets: 0 },
      { story: story(3, 1, { hidden: true }), coverage: 20, recentOutlets: 5 },
    ], now);
    assert.deepEqual(ranked.map((s) => s.id), [2, 1]);
  });
});
