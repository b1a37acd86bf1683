// The worker thread side of deciderThread (decider-thread.ts): one decider, fed in order.
import { serveTasks } from '../jobs/worker-pool.js';
import { applyDeciderTask, type DeciderResult, type DeciderTask } from './decider-thread.js';
import { StoryDecider } from './decider.js';

let decider: StoryDecider | null = null;

serveTasks(({ windowHours, task }: { windowHours: number; task: DeciderTask }): DeciderResult => {
  decider ??= new StoryDecider(windowHours);
  return applyDeciderTask(decider, task);
});
