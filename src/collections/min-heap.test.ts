import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MinHeap } from './min-heap.js';

describe('MinHeap', () => {
  it('gives back items least key first, whatever order they went in', () => {
    const heap = new MinHeap<{ at: number; name: string }>((x) => x.at);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const keys = Array.from({ length: 500 }, () => Math.floor(random() * 100));
    for (const [i, at] of keys.entries()) heap.push({ at, name: `n${i}` });
    assert.equal(heap.size, 500);
    assert.equal(heap.peek()!.at, Math.min(...keys));
    const out: number[] = [];
    for (let item = heap.pop(); item; item = heap.pop()) out.push(item.at);
    assert.deepEqual(out, [...keys].sort((a, b) => a - b));
    assert.equal(heap.size, 0);
    assert.equal(heap.pop(), undefined);
  });
});
