// The clusterer's decisions on a fixed stream are those of the snapshot taken before its hot
// path was tuned for speed (see bench/cluster/snapshot.ts): speed work must not change a decision.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SNAPSHOT_CASES, snapshotDecisions } from '../../bench/cluster/snapshot.js';

const snapshot = JSON.parse(readFileSync(new URL('../../../src/stories/fixtures/cluster-decisions.json', import.meta.url), 'utf8')) as Record<string, string[]>;

describe('clusterer decisions against the snapshot', () => {
  for (const c of SNAPSHOT_CASES) {
    it(`makes the same ${c.articles} decisions (${c.name})`, () => {
      const expected = snapshot[c.name]!;
      const actual = snapshotDecisions(c);
      assert.equal(actual.length, expected.length);
      const first = actual.findIndex((line, i) => line !== expected[i]);
      assert.equal(first, -1, first === -1 ? '' : `decision ${first} differs: ${actual[first]} instead of ${expected[first]}`);
      assert.ok(new Set(expected.map((l) => l.split(/[+ ]/)[0])).size > 100, 'the stream makes many stories');
    });
  }
});
