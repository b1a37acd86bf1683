import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csrfTokenValid, newToken, tokenHash } from './csrf.js';

describe('CSRF tokens', () => {
  it('are random, long and URL-safe', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newToken()));
    assert.equal(tokens.size, 100);
    for (const t of tokens) assert.match(t, /^[A-Za-z0-9_-]{43}$/);
  });

  it('accept only the exact expected token', () => {
    const token = newToken();
    assert.equal(csrfTokenValid(token, token), true);
    assert.equal(csrfTokenValid(token, `${token}x`), false);
    assert.equal(csrfTokenValid(token, token.slice(0, -1)), false);
    assert.equal(csrfTokenValid(token, newToken()), false);
  });

  it('refuse a missing token on either side, and anything that is not a string', () => {
    const token = newToken();
    for (const submitted of [undefined, null, '', 42, [token], { token }]) assert.equal(csrfTokenValid(token, submitted), false, String(submitted));
    assert.equal(csrfTokenValid(undefined, token), false);
    assert.equal(csrfTokenValid('', ''), false);
  });

  it('store session tokens as hashes only', () => {
    const token = newToken();
    assert.match(tokenHash(token), /^[0-9a-f]{64}$/);
    assert.notEqual(tokenHash(token), token);
    assert.equal(tokenHash(token), tokenHash(token));
  });
});
