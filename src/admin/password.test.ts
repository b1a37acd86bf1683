import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('admin passwords', () => {
  it('hashes with scrypt at the default cost and verifies the right password only', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.match(hash, new RegExp(`^scrypt\\$${DEFAULT_SCRYPT.N}\\$8\\$1\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}$`));
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
    assert.equal(await verifyPassword('', hash), false);
  });

  it('salts every hash, so one password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same password', CHEAP), hashPassword('same password', CHEAP)]);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('same password', a), true);
    assert.equal(await verifyPassword('same password', b), true);
  });

  it('reads the cost from the stored hash, and tells when it is below the current one', async () => {
    const cheap = await hashPassword('a fine password', CHEAP);
    assert.equal(await verifyPassword('a fine password', cheap), true);
    assert.equal(needsRehash(cheap), true);
    assert.equal(needsRehash(cheap, CHEAP), false);
  });

  it('refuses malformed or absurd stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$2$3$4$5$6', 'scrypt$1000$8$1$c2FsdA==$a2V5', 'scrypt$4194304$8$1$c2FsdA==$a2V5', 'scrypt$1024$8$1$$']) {
      assert.equal(await verifyPassword('anything at all', stored), false, stored);
    }
  });

  it('refuses weak passwords: fewer than 10 characters, or almost one character repeated', () => {
    assert.match(passwordProblem('short') ?? '', /at least 10 characters/);
    assert.match(passwordProblem('123456789') ?? '', /at least 10/);
    assert.match(passwordProblem('aaaaaaaaaaaa') ?? '', /too few different/);
    assert.equal(passwordProblem('ten chars!'), null);
    assert.equal(passwordProblem('correct horse battery staple'), null);
  });
});
