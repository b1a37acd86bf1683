import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OUTLINE_ARTICLES, OutlineMemory } from './outline-memory.js';
import type { OutlineArticle } from './outline.js';

const T0 = Date.UTC(2026, 10, 29, 8, 0);
const row = (id: number, minute: number, originalId: number | null = null): OutlineArticle => ({
  id, sourceId: 1, title: `t${id}`, summary: null, imageUrl: null, section: null, publishedAt: new Date(T0 + minute * 60_000), originalId,
});
const ids = (rows: OutlineArticle[] | undefined) => rows?.map((r) => r.id);
/** The stage's decision that article `articleId` is in story `storyId`. */
const decided = (articleId: number, storyId: number | null, originalId: number | null = null) => ({ articleId, storyId, originalId, fingerprint: null, statedOriginal: null });

describe('OutlineMemory', () => {
  it("takes a held story's new articles in the store's order (time, then id), and ignores stories not held", () => {
    const memory = new OutlineMemory();
    memory.put(7, [row(1, 0), row(3, 5)], memory.epoch);
    memory.stored([row(4, 5), row(2, 5), row(5, -1), row(6, 1)], [
      decided(4, 7),
      decided(2, 7, 1),
      decided(5, 7),
      decided(6, 8),
    ]);
    assert.deepEqual(ids(memory.get(7)), [5, 1, 2, 3, 4]);
    assert.equal(memory.get(7)!.find((r) => r.id === 2)!.originalId, 1, 'with its decision');
    assert.equal(memory.get(8), undefined);
  });

  it('moves a stored article decided again to its new story with its original, or forgets what it cannot follow', () => {
    const memory = new OutlineMemory();
    memory.put(7, [row(1, 0), row(2, 3)], memory.epoch);
    memory.put(8, [row(5, 1)], memory.epoch);
    // Article 2, a copy that came first, goes to its original's story 8.
    memory.stored([], [decided(2, 8, 5)]);
    assert.deepEqual(ids(memory.get(7)), [1]);
    assert.deepEqual(ids(memory.get(8)), [5, 2]);
    assert.equal(memory.get(8)!.find((r) => r.id === 2)!.originalId, 5);
    // Not held anywhere: the story it goes to is read again.
    memory.stored([], [decided(99, 8)]);
    assert.equal(memory.get(8), undefined);
    // Leaving a story held at its limit: that story is read again (its next row is not held).
    memory.put(9, Array.from({ length: OUTLINE_ARTICLES }, (_, i) => row(1000 + i, i)), memory.epoch);
    memory.put(10, [row(3000, 0)], memory.epoch);
    memory.stored([], [decided(1000, 10)]);
    assert.equal(memory.get(9), undefined);
    assert.deepEqual(ids(memory.get(10)), [1000, 3000]);
  });

  it('merges held stories as the store does, the first OUTLINE_ARTICLES of both, and forgets merges it cannot follow', () => {
    const memory = new OutlineMemory(10 * OUTLINE_ARTICLES);
    memory.put(7, [row(1, 0), row(4, 9)], memory.epoch);
    memory.put(8, [row(2, 2), row(3, 5)], memory.epoch);
    memory.put(9, [row(6, 1)], memory.epoch);
    // 8 into 7, then 7 into 9, in one batch.
    memory.merged([{ from: 8, into: 7 }, { from: 7, into: 9 }]);
    assert.equal(memory.get(7), undefined);
    assert.equal(memory.get(8), undefined);
    assert.deepEqual(ids(memory.get(9)), [1, 6, 2, 3, 4]);
    // One of the two not held: the other is read again.
    memory.merged([{ from: 12, into: 9 }]);
    assert.equal(memory.get(9), undefined);
    // Both at their limit: the merged story holds the first OUTLINE_ARTICLES of the two, in order.
    const even = Array.from({ length: OUTLINE_ARTICLES }, (_, i) => row(10_000 + 2 * i, 2 * i));
    const odd = Array.from({ length: OUTLINE_ARTICLES }, (_, i) => row(10_001 + 2 * i, 2 * i + 1));
    memory.put(20, even, memory.epoch);
    memory.put(21, odd, memory.epoch);
    memory.merged([{ from: 21, into: 20 }]);
    assert.deepEqual(ids(memory.get(20)), Array.from({ length: OUTLINE_ARTICLES }, (_, i) => 10_000 + i));
    assert.deepEqual(memory.size, { stories: 1, rows: OUTLINE_ARTICLES });
  });

  it('forgets what it is asked to forget, or everything', () => {
    const memory = new OutlineMemory();
    memory.put(8, [row(2, 0)], memory.epoch);
    memory.put(9, [row(3, 0)], memory.epoch);
    memory.forget([8]);
    assert.equal(memory.get(8), undefined);
    memory.clear();
    assert.equal(memory.get(9), undefined);
    assert.deepEqual(memory.size, { stories: 0, rows: 0 });
  });

  it('keeps no read that a change overtook, and reads a story again after maxAgeMs', () => {
    let now = 0;
    const memory = new OutlineMemory(100, 60_000, () => now);
    const epoch = memory.epoch;
    memory.stored([row(2, 1)], [decided(2, 7)]);
    memory.put(7, [row(1, 0)], epoch);
    assert.equal(memory.get(7), undefined, 'read before article 2 was stored: not kept');
    memory.put(7, [row(1, 0), row(2, 1)], memory.epoch);
    assert.deepEqual(ids(memory.get(7)), [1, 2]);
    now = 60_000;
    assert.equal(memory.get(7), undefined, 'too old');
  });

  it('keeps a read that only changes to other stories overtook; none that a re-decided article not held or a clear overtook', () => {
    const memory = new OutlineMemory();
    let epoch = memory.epoch;
    memory.stored([row(2, 1)], [decided(2, 8)]);
    memory.merged([{ from: 11, into: 12 }]);
    memory.forget([13]);
    memory.put(7, [row(1, 0)], epoch);
    assert.deepEqual(ids(memory.get(7)), [1], 'story 7 did not change meanwhile');
    for (const overtake of [
      () => memory.merged([{ from: 7, into: 12 }]),
      () => memory.forget([7]),
      // An article stored before, not held, decided again: it may have been in the story read.
      () => memory.stored([], [decided(99, 14)]),
      () => memory.clear(),
    ]) {
      memory.forget([7]);
      epoch = memory.epoch;
      overtake();
      memory.put(7, [row(1, 0)], epoch);
      assert.equal(memory.get(7), undefined, String(overtake));
    }
  });

  it('holds a story the stage started from its first article, without reading it', () => {
    const memory = new OutlineMemory();
    memory.stored([row(1, 0), row(2, 1), row(3, 2)], [decided(1, 20), decided(2, 20), decided(3, 21)], (id) => id === 20);
    assert.deepEqual(ids(memory.get(20)), [1, 2]);
    assert.equal(memory.get(21), undefined, 'not started by this batch: it has articles stored before');
  });

  it("holds no more than the store's first OUTLINE_ARTICLES of a story, and no more rows than its bound", () => {
    const memory = new OutlineMemory(OUTLINE_ARTICLES + 10);
    memory.put(7, Array.from({ length: OUTLINE_ARTICLES }, (_, i) => row(i + 1, i)), memory.epoch);
    const later = row(100_000, OUTLINE_ARTICLES + 5);
    const earlier = row(100_001, -1);
    memory.stored([later, earlier], [
      decided(later.id, 7),
      decided(earlier.id, 7),
    ]);
    const held = memory.get(7)!;
    assert.equal(held.length, OUTLINE_ARTICLES);
    assert.equal(held[0]!.id, earlier.id, 'an earlier one comes in');
    assert.ok(!held.some((r) => r.id === later.id), 'a later one is past the limit');
    assert.equal(held[held.length - 1]!.id, OUTLINE_ARTICLES - 1, 'and the last goes');
    // Another story over the bound: the least recently used goes.
    memory.put(8, Array.from({ length: 20 }, (_, i) => row(200_000 + i, i)), memory.epoch);
    assert.equal(memory.get(7), undefined);
    assert.equal(memory.get(8)!.length, 20);
    assert.deepEqual(memory.size, { stories: 1, rows: 20 });
  });
});
