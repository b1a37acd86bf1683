// The worker thread side of deciderThread (decider-thread.ts): one decider, fed in order.
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../jobs/worker-pool.js';
import { applyDeciderTask, type DeciderTask } from './decider-thread.js';
import { StoryDecider } from './decider.js';

const decider = new StoryDecider((workerData as { windowHours: number }).windowHours);

serveTasks((task: DeciderTask) => applyDeciderTask(decider, task));
