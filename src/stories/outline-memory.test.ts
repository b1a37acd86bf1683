import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OUTLINE_ARTICLES, OutlineMemory } from './outline-memory.js';
import type { OutlineArticle } from './outline.js';

const T0 = Date.UTC(2026, 10, 29, 8, 0);
const row = (id: number, minute: number, originalId: number | null = null): OutlineArticle => ({
  id, sourceId: 1, title: `t${id}`, summary: null, imageUrl: null, section: null, publishedAt: new Date(T0 + minute * 60_000), originalId,
});
const ids = (rows: OutlineArticle[] | undefined) => rows?.map((r) => r.id);

describe('OutlineMemory', () => {
  it("takes a held story's new articles in the store's order (time, then id), and ignores stories not held", () => {
    const memory = new OutlineMemory();
    memory.put(7, [row(1, 0), row(3, 5)], memory.epoch);
    memory.stored([row(4, 5), row(2, 5), row(5, -1), row(6, 1)], [
      { articleId: 4, storyId: 7, originalId: null, fingerprint: null, statedOriginal: null },
      { articleId: 2, storyId: 7, originalId: 1, fingerprint: null, statedOriginal: null },
      { articleId: 5, storyId: 7, originalId: null, fingerprint: null, statedOriginal: null },
      { articleId: 6, storyId: 8, originalId: null, fingerprint: null, statedOriginal: null },
    ]);
    assert.deepEqual(ids(memory.get(7)), [5, 1, 2, 3, 4]);
    assert.equal(memory.get(7)!.find((r) => r.id === 2)!.originalId, 1, 'with its decision');
    assert.equal(memory.get(8), undefined);
  });

  it('forgets a story when a decision changes one of its stored articles, or anything is asked to be forgotten', () => {
    const memory = new OutlineMemory();
    memory.put(7, [row(1, 0)], memory.epoch);
    memory.put(8, [row(2, 0)], memory.epoch);
    memory.put(9, [row(3, 0)], memory.epoch);
    memory.stored([], [{ articleId: 1, storyId: 7, originalId: 4, fingerprint: null, statedOriginal: null }]);
    assert.equal(memory.get(7), undefined, 'a stored article decided again');
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
    memory.stored([row(2, 1)], [{ articleId: 2, storyId: 7, originalId: null, fingerprint: null, statedOriginal: null }]);
    memory.put(7, [row(1, 0)], epoch);
    assert.equal(memory.get(7), undefined, 'read before article 2 was stored: not kept');
    memory.put(7, [row(1, 0), row(2, 1)], memory.epoch);
    assert.deepEqual(ids(memory.get(7)), [1, 2]);
    now = 60_000;
    assert.equal(memory.get(7), undefined, 'too old');
  });

  it("holds no more than the store's first OUTLINE_ARTICLES of a story, and no more rows than its bound", () => {
    const memory = new OutlineMemory(OUTLINE_ARTICLES + 10);
    memory.put(7, Array.from({ length: OUTLINE_ARTICLES }, (_, i) => row(i + 1, i)), memory.epoch);
    const later = row(100_000, OUTLINE_ARTICLES + 5);
    const earlier = row(100_001, -1);
    memory.stored([later, earlier], [
      { articleId: later.id, storyId: 7, originalId: null, fingerprint: null, statedOriginal: null },
      { articleId: earlier.id, storyId: 7, originalId: null, fingerprint: null, statedOriginal: null },
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
