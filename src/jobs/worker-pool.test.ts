import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkerPool } from './worker-pool.js';

type Task = { op: 'echo' | 'fail' | 'exit'; value: number };
const fixture = new URL('./worker-pool-fixture.js', import.meta.url);

describe('WorkerPool', () => {
  it("answers each task with its worker's value, or its error, and goes on", async () => {
    const pool = new WorkerPool<Task, number>(fixture, 1, 4);
    try {
      const answers = await Promise.allSettled([1, 2, 3].map((value) => pool.run({ op: value === 2 ? 'fail' : 'echo', value })));
      assert.deepEqual(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message)), [2, 'failed 2', 6]);
    } finally {
      await pool.close();
    }
  });

  it('fails the tasks of a thread that ends without answering, and replaces it', async () => {
    const pool = new WorkerPool<Task, number>(fixture, 1, 4);
    try {
      // Sent together: the second is in flight on the thread when it ends.
      const [ended, waiting] = [pool.run({ op: 'exit', value: 1 }), pool.run({ op: 'echo', value: 2 })];
      await assert.rejects(ended, /exited \(code 3\)/);
      await assert.rejects(waiting, /exited \(code 3\)/);
      assert.equal(await pool.run({ op: 'echo', value: 5 }), 10, 'a new thread answers');
    } finally {
      await pool.close();
    }
  });

  it('fails what is queued or in flight when closed, and refuses more', async () => {
    const pool = new WorkerPool<Task, number>(fixture, 1, 1);
    const tasks = Promise.allSettled([pool.run({ op: 'echo', value: 1 }), pool.run({ op: 'echo', value: 2 })]);
    await pool.close();
    assert.deepEqual((await tasks).map((t) => t.status), ['rejected', 'rejected']);
    await assert.rejects(pool.run({ op: 'echo', value: 3 }), /closed/);
  });
});
