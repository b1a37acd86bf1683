// The worker thread side of the poll's feed work (see feed-work.ts).
import { FeedReader, type FeedTask } from './feed-work.js';
import { serveTasks } from './worker-pool.js';

const reader = new FeedReader();

serveTasks((task: FeedTask) => {
  if (task.kind === 'read') return reader.read(task.body, task.contentType, task.url);
  if (task.kind === 'build') return reader.build(task);
  reader.forget(task.reading);
  return null;
});
