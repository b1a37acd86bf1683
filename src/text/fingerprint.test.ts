import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bandNumbers, isNearDuplicate, minhash, permute, similarity } from './fingerprint.js';

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

  it('gives the same fingerprints as every earlier version: the stored ones stay comparable', () => {
    // Pinned from the version before the division-free reduction (2026-11-29).
    assert.equal(
      minhash(ARTICLE),
      '00d8929701ab655b0873d9480d4cc22800c8f45709a2af650246a5660765925707093e0c06ed617c03d9bc7a144a7abb0c839a370499a92903484d930277e020008fcc1101179ed109b50de701902154054b51f900cc7406041ceb9705f2dd4e0e9a3f4d0658481203d484a60eeb537b0217486304763a8706a41e18009efdc5',
    );
    assert.equal(
      minhash('Ünïcödé ﬁrst ｗｉｄｅ text with ümlauts and 中文 字符 more words here to reach the twelve word minimum ok done now'),
      '16b8a0d30f927c0c0732c4130274a31b317fd84a0e09a2d702d9919c02e479680c1340ff0c16251b066a50680332a3220f481fa12cd0c73c0b8604000dd5fba700d023c00daaafd52037d23d11117747070b8b8208d618e403009029102111bf090ceb280520c00c06099a5b01c5cd0105bf687906c0b61e01aeec3210f4599f',
    );
    // A long text of repeated shingles (the shingles' buffer grows; repeats change no minimum), then a short one again.
    const long = Array.from({ length: 200 }, () => ARTICLE).join(' ');
    assert.equal(
      minhash(long),
      '00d8929701ab655b0873d9480d4cc22800c8f45709a2af650246a5660765925707093e0c03e210b203d9bc7a144a7abb0c839a370499a92903484d930277e020008fcc1101179ed102cd22e401902154054b51f900cc7406041ceb9705f2dd4e0e9a3f4d0658481203d484a60eeb537b0217486304763a8706a41e18009efdc5',
    );
    assert.equal(minhash(ARTICLE)!.slice(0, 16), '00d8929701ab655b');
  });

  it('finds a lightly edited copy the same article, and a different article not', () => {
    const edited = `${ARTICLE.replace('authorities said', 'officials said')} Rescue teams worked through the night.`;
    const [a, b, c] = [minhash(ARTICLE)!, minhash(edited)!, minhash(OTHER)!];
    assert.ok(isNearDuplicate(a, b), `edited copy similarity ${similarity(a, b)}`);
    assert.ok(similarity(a, c) < 0.15, `different article similarity ${similarity(a, c)}`);
    assert.equal(isNearDuplicate(a, c), false);
    assert.ok(bandNumbers(a!).some((k) => bandNumbers(b!).includes(k)), 'a copy shares an index band');
    assert.ok(!bandNumbers(a!).some((k) => bandNumbers(c!).includes(k)), 'a different article shares none');
  });

  it('numbers each band by its place and its hashes, exactly', () => {
    // A band is 16 digits (two hashes of 8); its key keeps 15 bits of the first hash's last 4
    // digits and 12 bits (3 digits) of the second's. Band 0: zeros but the last digit; band 1: all "f".
    const print = `${'0'.repeat(15)}1${'f'.repeat(16)}${'0'.repeat(16 * 14)}`;
    const keys = bandNumbers(print);
    assert.equal(keys.length, 16);
    assert.equal(keys[0], 1);
    assert.equal(keys[1], 1 * 2 ** 27 + (2 ** 27 - 1));
    assert.equal(keys[2], 2 * 2 ** 27);
    assert.equal(new Set(keys).size, 16, 'equal hashes in different bands are different keys');
    assert.ok(keys.every((k) => Number.isInteger(k) && k >= 0 && k < 2 ** 31), 'small integers');
    // The digits a key leaves out change nothing; one it keeps does.
    const other = `${'9'.repeat(4)}${'0'.repeat(9)}${print.slice(13)}`;
    assert.equal(bandNumbers(other)[0], keys[0]);
    assert.notEqual(bandNumbers(`${'0'.repeat(14)}21${print.slice(16)}`)[0], keys[0]);
    // The same in upper case (hex digits either way), and into a given array.
    const out: number[] = [];
    assert.equal(bandNumbers(print.toUpperCase(), out), out);
    assert.deepEqual(out, keys);
  });

  it('gives no fingerprint to texts too short to tell copies from coincidences', () => {
    assert.equal(minhash('Storm warning for the weekend'), null);
    assert.equal(isNearDuplicate(null, minhash(ARTICLE)), false);
  });
});

describe('minhash arithmetic', () => {
  const PRIME = 4294967311n;

  it('computes (a·x + b) mod p exactly, at the edges of the ranges too', () => {
    const cases: Array<[number, number, number]> = [
      [0, 1, 0], [0xffffffff, 4294967310, 4294967310], [0xffffffff, 1, 0], [1, 4294967310, 4294967310],
      [123456789, 65536, 65535], [0x80000000, 0x80000000, 7],
    ];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 5000; i++) cases.push([next(), (next() % 4294967310) + 1, next()]);
    for (const [x, a, b] of cases) {
      assert.equal(permute(x, a, b), Number((BigInt(a) * BigInt(x) + BigInt(b)) % PRIME), `x=${x} a=${a} b=${b}`);
    }
  });

  it('keeps the fingerprints already stored: the same signature as before the faster arithmetic', () => {
    assert.equal(
      minhash(ARTICLE),
      '00d8929701ab655b0873d9480d4cc22800c8f45709a2af650246a5660765925707093e0c06ed617c03d9bc7a144a7abb0c839a370499a92903484d930277e020008fcc1101179ed109b50de701902154054b51f900cc7406041ceb9705f2dd4e0e9a3f4d0658481203d484a60eeb537b0217486304763a8706a41e18009efdc5',
    );
  });
});
