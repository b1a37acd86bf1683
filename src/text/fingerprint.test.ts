import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bandKeys, isNearDuplicate, minhash, similarity } from './fingerprint.js';

const ARTICLE =
  'Three people have died and about 4,000 have been evacuated after the River Ambry burst its banks in the town of ' +
  'Kesselford, authorities said, as the river reached a record 6.8 metres following 140 millimetres of rain in 36 hours.';
const OTHER =
  'The central bank raised its main interest rate by a quarter point on Thursday, citing stubborn inflation in ' +
  'services and a labour market that remains tight across the country, the governor told reporters.';

describe('minhash fingerprints', () => {
  it('gives the same text the same fingerprint, whatever its case and spacing', () => {
    assert.equal(minhash(ARTICLE), minhash(`  ${ARTICLE.toUpperCase().replace(/ /g, '  ')} `));
    assert.match(minhash(ARTICLE)!, /^[0-9a-f]{256}$/);
  });

  it('finds a lightly edited copy the same article, and a different article not', () => {
    const edited = `${ARTICLE.replace('authorities said', 'officials said')} Rescue teams worked through the night.`;
    const [a, b, c] = [minhash(ARTICLE)!, minhash(edited)!, minhash(OTHER)!];
    assert.ok(isNearDuplicate(a, b), `edited copy similarity ${similarity(a, b)}`);
    assert.ok(similarity(a, c) < 0.15, `different article similarity ${similarity(a, c)}`);
    assert.equal(isNearDuplicate(a, c), false);
    assert.ok(bandKeys(a).some((k) => bandKeys(b).includes(k)), 'a copy shares an index band');
  });

  it('gives no fingerprint to texts too short to tell copies from coincidences', () => {
    assert.equal(minhash('Storm warning for the weekend'), null);
    assert.equal(isNearDuplicate(null, minhash(ARTICLE)), false);
  });
});
