import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MultiMap } from './multi-map.js';

const under = <K, V extends object>(m: MultiMap<K, V>, key: K): V[] => {
  const out: V[] = [];
  m.forEach(key, (v) => out.push(v));
  return out;
};

describe('MultiMap', () => {
  it('holds one value or several under a key, in the order added', () => {
    const m = new MultiMap<number, { id: number }>();
    const [a, b, c] = [{ id: 1 }, { id: 2 }, { id: 3 }];
    m.add(7, a);
    assert.deepEqual(under(m, 7), [a]);
    m.add(7, b);
    m.add(7, c);
    m.add(8, c);
    assert.deepEqual(under(m, 7), [a, b, c]);
    assert.deepEqual(under(m, 8), [c]);
    assert.deepEqual(under(m, 9), []);
    assert.equal(m.size, 2);
  });

  it('removes a value by identity, and the key once it is empty', () => {
    const m = new MultiMap<string, { id: number }>();
    const [a, b, twin] = [{ id: 1 }, { id: 2 }, { id: 1 }];
    m.add('k', a);
    m.add('k', b);
    m.remove('k', twin);
    assert.deepEqual(under(m, 'k'), [a, b], 'an equal object is not the same value');
    m.remove('k', a);
    assert.deepEqual(under(m, 'k'), [b]);
    m.remove('k', b);
    assert.equal(m.size, 0);
    m.remove('missing', a);
    assert.equal(m.size, 0);
  });

  it('keeps only the values that pass, dropping keys left empty', () => {
    const m = new MultiMap<number, { id: number; live: boolean }>();
    const values = Array.from({ length: 6 }, (_, i) => ({ id: i, live: i % 2 === 0 }));
    for (const v of values) m.add(v.id % 3, v); // 0: [0, 3], 1: [1, 4], 2: [2, 5]
    m.add(9, values[1]!); // a lone value that goes
    m.retain((v) => v.live);
    assert.deepEqual(under(m, 0).map((v) => v.id), [0]);
    assert.deepEqual(under(m, 1).map((v) => v.id), [4]);
    assert.deepEqual(under(m, 2).map((v) => v.id), [2]);
    assert.equal(m.size, 3);
    m.add(0, values[4]!);
    assert.deepEqual(under(m, 0).map((v) => v.id), [0, 4], 'a key kept as one value takes more again');
    m.clear();
    assert.equal(m.size, 0);
  });
});
