import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { article } from '../contract/repository-contract.js';
import { BACKSTOP_PAGES } from './checkpointer.js';
import { SqliteRepository } from './sqlite-repository.js';

describe('the background checkpointer', () => {
  it('copies the write-ahead log back into the file on its own thread, the writer keeping only a backstop', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-checkpoint-'));
    const file = path.join(dir, 'newsroom.db');
    const repo = SqliteRepository.open(file);
    try {
      assert.equal(repo.database.pragma('wal_autocheckpoint', { simple: true }), 1000, 'SQLite default before');
      const checkpointer = repo.checkpointInBackground(50)!;
      assert.equal(repo.checkpointInBackground(50), checkpointer, 'one per repository');
      assert.equal(repo.database.pragma('wal_autocheckpoint', { simple: true }), BACKSTOP_PAGES);
      const source = await repo.addSource({ feedUrl: 'https://ckpt.example/feed', name: 'Checkpoint' }, 15);
      for (let batch = 0; batch < 5; batch++) {
        await repo.insertArticles(Array.from({ length: 50 }, (_, i) => article(source.id, batch * 50 + i, {
          canonicalUrl: `https://ckpt.example/${batch * 50 + i}`, summary: 'A paragraph of the story. '.repeat(40),
        })));
      }
      const deadline = Date.now() + 10_000;
      let status = checkpointer.status();
      // Wait for a checkpoint that started after the last write: it copies the whole log.
      const after = status.checkpoints + 2;
      while ((status.checkpoints < after || status.lastCheckpointedPages < status.lastLogPages) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = checkpointer.status();
      }
      assert.equal(status.failures, 0, status.lastError ?? '');
      assert.ok(status.lastLogPages > 0, 'the writes went to the log');
      assert.equal(status.lastCheckpointedPages, status.lastLogPages, 'and were all copied back');
      await repo.close();
      // Closed cleanly (the thread stopped first): the file opens again with every row.
      const again = SqliteRepository.open(file);
      assert.equal((await again.counts()).articles, 250);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
