import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorKey, clientNetwork, hashClient, hashEmail } from './hashing.js';
import { blocklistMatch, honeypotTripped } from './spam.js';
import { checkFormToken, issueFormToken } from './token.js';

const draft = (body: string, extra: Partial<{ authorName: string; email: string | null; website: string | null }> = {}) => ({
  body, authorName: 'Reader', email: null, website: null, ...extra,
});

describe('spam rules', () => {
  it('trips the honeypot when its field has anything in it', () => {
    assert.equal(honeypotTripped({ comment: 'x' }), false);
    assert.equal(honeypotTripped({ homepage: '' }), false);
    assert.equal(honeypotTripped({ homepage: 'https://spam.example' }), true);
    assert.equal(honeypotTripped({ homepage: ['x'] }), true);
  });

  it('matches blocklisted words as whole words in any case, in every field', () => {
    assert.equal(blocklistMatch(['casino'], draft('Visit our CASINO today')), 'casino');
    assert.equal(blocklistMatch(['casino'], draft('Occasionally I read it')), null);
    assert.equal(blocklistMatch(['casino'], draft('Casinos closed')), null, 'whole words only');
    assert.equal(blocklistMatch(['cheap pills'], draft('buy Cheap\n pills')), 'cheap pills');
    assert.equal(blocklistMatch(['viagra'], draft('hi', { authorName: 'Viagra Seller' })), 'viagra');
    assert.equal(blocklistMatch(['größe'], draft('Die GRÖSSE zählt, größe auch')), 'größe');
    assert.equal(blocklistMatch([], draft('anything')), null);
  });

  it('matches blocklisted hosts in links and the website, subdomains included', () => {
    assert.equal(blocklistMatch(['spam.example'], draft('see https://www.spam.example/offer')), 'spam.example');
    assert.equal(blocklistMatch(['spam.example'], draft('see https://shop.spam.example/')), 'spam.example');
    assert.equal(blocklistMatch(['spam.example'], draft('hi', { website: 'https://spam.example/' })), 'spam.example');
    assert.equal(blocklistMatch(['spam.example'], draft('see https://notspam.example/')), null);
  });

  it('signs the form token and refuses it too soon, too late, forged or for another story', () => {
    const secret = 'k'.repeat(64);
    const shown = new Date('2026-11-29T10:00:00Z');
    const token = issueFormToken(secret, 7, shown);
    const limits = { minSeconds: 3, maxAgeHours: 48 };
    const at = (seconds: number) => new Date(shown.getTime() + seconds * 1000);
    assert.equal(checkFormToken(secret, token, 7, at(1), limits), 'too-fast');
    assert.equal(checkFormToken(secret, token, 7, at(5), limits), 'ok');
    assert.equal(checkFormToken(secret, token, 7, at(49 * 3600), limits), 'expired');
    assert.equal(checkFormToken(secret, token, 8, at(5), limits), 'invalid');
    assert.equal(checkFormToken('other'.repeat(13), token, 7, at(5), limits), 'invalid');
    assert.equal(checkFormToken(secret, token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 7, at(5), limits), 'invalid');
    assert.equal(checkFormToken(secret, undefined, 7, at(5), limits), 'invalid');
    assert.equal(checkFormToken(secret, 'garbage', 7, at(5), limits), 'invalid');
  });

  it('hashes what identifies a reader: email for avatars, the client’s network with a salt', () => {
    assert.equal(hashEmail(' Ana@Example.org '), hashEmail('ana@example.org'));
    assert.match(hashEmail('ana@example.org'), /^[0-9a-f]{64}$/);
    assert.equal(authorKey('s'.repeat(64), 'Ana  Silva', 'ANA@x.org'), authorKey('s'.repeat(64), 'ana silva', 'ana@x.org'));
    assert.notEqual(authorKey('s'.repeat(64), 'Ana', 'a@x.org'), authorKey('s'.repeat(64), 'Ana', 'b@x.org'));
    assert.equal(clientNetwork('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(clientNetwork('2001:db8:0:12:abcd::1'), '2001:db8:0:12::/64');
    assert.equal(clientNetwork('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(hashClient('salt', '2001:db8:0:12::1'), hashClient('salt', '2001:db8:0:12:ffff::2'));
    assert.notEqual(hashClient('salt', '192.0.2.7'), hashClient('pepper', '192.0.2.7'));
    assert.doesNotMatch(hashClient('salt', '192.0.2.7'), /192/);
  });
});
