// `newsroom admin` as an operator runs it: a child process against a temporary database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { projectPath } from '../src/paths.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';

const BIN = projectPath('bin/newsroom.js');

function newsroom(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NEWSROOM_ADMIN_PASSWORD: '', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end('');
  });
}

describe('newsroom admin', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-admin-cli-'));
  const db = path.join(dir, 'admin.db');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the first admin with a password from NEWSROOM_ADMIN_PASSWORD, refusing weak ones', async () => {
    const weak = await newsroom(['admin', 'create', '--email', 'Ed@Example.org'], { NEWSROOM_DB: db, NEWSROOM_ADMIN_PASSWORD: 'short' });
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /at least 10 characters/);
    const noEmail = await newsroom(['admin', 'create'], { NEWSROOM_DB: db, NEWSROOM_ADMIN_PASSWORD: 'a long enough password' });
    assert.equal(noEmail.code, 2);
    assert.match(noEmail.stderr, /--email/);
    const noTerminal = await newsroom(['admin', 'create', '--email', 'ed@example.org'], { NEWSROOM_DB: db });
    assert.equal(noTerminal.code, 2);
    assert.match(noTerminal.stderr, /set NEWSROOM_ADMIN_PASSWORD/);

    const created = await newsroom(['admin', 'create', '--email', 'Ed@Example.org'], { NEWSROOM_DB: db, NEWSROOM_ADMIN_PASSWORD: 'a long enough password' });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created the admin ed@example\.org/);
    const again = await newsroom(['admin', 'create', '--email', 'ed@example.org'], { NEWSROOM_DB: db, NEWSROOM_ADMIN_PASSWORD: 'a long enough password' });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);

    const list = await newsroom(['admin', 'list'], { NEWSROOM_DB: db });
    assert.match(list.stdout, /^ed@example\.org {2}\(since \d{4}-\d\d-\d\d, 0 active sessions\)$/m);
    const repo = SqliteRepository.open(db);
    try {
      const row = repo.database.prepare('SELECT email, password_hash FROM admin_users').get() as { email: string; password_hash: string };
      assert.equal(row.email, 'ed@example.org');
      assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$/);
      assert.doesNotMatch(row.password_hash, /long enough/);
      const audit = repo.database.prepare("SELECT user_email, action, target FROM audit_log WHERE action = 'admin.create'").get();
      assert.deepEqual({ ...(audit as object) }, { user_email: 'command line', action: 'admin.create', target: 'ed@example.org' });
    } finally {
      await repo.close();
    }
  });

  it('changes a password and removes an account', async () => {
    const changed = await newsroom(['admin', 'password', '--email', 'ed@example.org'], { NEWSROOM_DB: db, NEWSROOM_ADMIN_PASSWORD: 'another good password' });
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stdout, /Changed the password of ed@example\.org; 0 sessions ended\./);
    const removed = await newsroom(['admin', 'remove', '--email', 'ed@example.org'], { NEWSROOM_DB: db });
    assert.equal(removed.code, 0);
    assert.match((await newsroom(['admin', 'list'], { NEWSROOM_DB: db })).stdout, /No admin accounts/);
    assert.equal((await newsroom(['admin', 'remove', '--email', 'ed@example.org'], { NEWSROOM_DB: db })).code, 1);
  });

  it('is listed in --help and explained by help admin', async () => {
    assert.match((await newsroom(['--help'], {})).stdout, /admin create --email E/);
    assert.match((await newsroom(['help', 'admin'], {})).stdout, /echo off/);
  });
});
