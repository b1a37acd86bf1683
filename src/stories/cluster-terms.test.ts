import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermTable } from './cluster-terms.js';
import { IdSlots } from './cluster-vector.js';

/** A table that prunes every 2 documents (half-life 4) and forgets a term seen once, 8+ documents ago. */
function table(): TermTable {
  return new TermTable({ halfLifeArticles: 4, maxTerms: 1000 });
}

function see(t: TermTable, key: string): void {
  t.nextDocument();
  t.countDocument(t.intern(key));
}

function forget(t: TermTable, documents: number): void {
  for (let i = 0; i < documents; i++) t.nextDocument();
}

describe('TermTable ids', () => {
  it('forgets an unheld term and reuses its id for the next new term', () => {
    const t = table();
    see(t, 'quake');
    const quake = t.get('quake')!;
    forget(t, 12);
    assert.equal(t.get('quake'), undefined);
    assert.equal(quake.dropped, true);
    assert.equal(t.size, 0);
    const strike = t.intern('strike');
    assert.equal(strike.id, quake.id);
    assert.notEqual(t.intern('quake'), quake, 'a forgotten term comes back as a new entry');
  });

  it('keeps a held term\'s id through pruning, forgotten (zero counts), until released', () => {
    const t = table();
    see(t, 'quake');
    const quake = t.get('quake')!;
    t.retain(quake.id);
    forget(t, 12);
    assert.equal(t.get('quake'), undefined, 'pruned: not seen by get');
    assert.equal(t.size, 0, 'pruned: not counted');
    assert.equal(quake.live, false);
    assert.equal(t.byIdOf(quake.id), quake, 'the id still names the term');
    assert.notEqual(t.intern('strike').id, quake.id, 'a held id is not given to another term');
    // Interned again, it is the same entry with the counts a new one would have.
    const again = t.internId(quake.id);
    assert.equal(again, quake);
    assert.equal(again.df, 0);
    assert.equal(again.capital + again.lower, 0);
    assert.equal(t.get('quake'), quake);
    assert.equal(t.size, 2);
    // Pruned again and released: now it is let go, and its id is free.
    forget(t, 12);
    t.release(quake.id);
    assert.equal(quake.dropped, true);
    assert.equal(t.intern('flood').id, quake.id);
  });
});

describe('IdSlots', () => {
  it('answers what was set in this pass only', () => {
    const slots = new IdSlots();
    slots.begin(100);
    slots.set(3, 7);
    slots.set(35, 0);
    assert.equal(slots.get(3), 7);
    assert.equal(slots.get(35), 0);
    assert.equal(slots.get(4), -1);
    slots.unset(3);
    assert.equal(slots.get(3), -1);
    slots.begin(5000);
    assert.equal(slots.get(35), -1, 'a new pass forgets');
    slots.set(4999, 2);
    assert.equal(slots.get(4999), 2);
    assert.equal(slots.get(1_000_000), -1, 'an id past the range is not set');
  });
});
