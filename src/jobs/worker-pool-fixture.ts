// A worker script for worker-pool.test.ts: answers, fails, or ends its thread, as told.
import { serveTasks } from './worker-pool.js';

serveTasks((task: { op: 'echo' | 'fail' | 'exit'; value: number }) => {
  if (task.op === 'fail') throw new Error(`failed ${task.value}`);
  if (task.op === 'exit') process.exit(3);
  return task.value * 2;
});
