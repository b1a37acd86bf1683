import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relatedStories } from './related.js';

const stories = [
  { id: 1, text: 'Estravian central bank raises key interest rate to 4.75% as inflation persists. Governor Ilse Varnholt warns of further rises.' },
  { id: 2, text: 'Marenne central bank holds interest rate steady as inflation cools. The governor says rates will stay high for months.' },
  { id: 3, text: 'Castlemere Rovers win the Northbridge Cup final with a late strike by substitute Emeka Lindqvist.' },
  { id: 4, text: 'Estravian central bank raises key interest rate to 4.75% as inflation persists. Governor Ilse Varnholt warns of further rises again.' },
  { id: 5, text: 'Comet Brandvold found by a retired ferry engineer could be visible to the naked eye next spring.' },
  { id: 6, text: 'Portvale dockworkers strike over automated cranes, halting container traffic at the port.' },
  // The rest of a week's news, as the site has it: related stories are chosen among them.
  ...[
    'Record flood on the River Ambry kills three in Kesselford as 4,000 are evacuated.',
    'Halden recalls 1.2 million Aurel X4 chips over a voltage regulator flaw.',
    'Katarina Holm wins an outright majority in the Marenne election as Stroud concedes.',
    'Drug-resistant bacteria outbreak at St Aldric hospital linked to two deaths.',
    'The Salt Orchard takes the Golden Lantern at the Solenne film festival.',
    'Quillpay data breach exposes 8.7 million customers through a contractor login.',
    'Magnitude 5.4 earthquake shakes the Brenna Highlands and cuts off villages.',
    'Hollowmere Studios delays Emberfall by nine months and cuts 120 jobs.',
    'Derese breaks the women marathon world record in Kelmsford.',
    'Ostvik Energy shares tumble after the election result in Marenne.',
  ].map((text, i) => ({ id: 100 + i, text })),
];

describe('relatedStories', () => {
  it('finds a story on the same subject, never the story itself, never unrelated ones', () => {
    const related = relatedStories(1, stories).map((r) => r.id);
    assert.ok(related.includes(2), 'another central bank decision is related');
    assert.ok(!related.includes(1));
    for (const unrelated of [3, 5, 6]) assert.ok(!related.includes(unrelated), `story ${unrelated} is unrelated`);
  });

  it('leaves out a near-copy, which is the same event split in two, not a related story', () => {
    assert.ok(!relatedStories(1, stories).some((r) => r.id === 4));
  });

  it('returns nothing when nothing is close enough', () => {
    assert.deepEqual(relatedStories(5, stories), []);
    assert.deepEqual(relatedStories(99, stories), []);
  });
});
