// `newsroom web`: the site alone (no scheduler, no fetching), any number behind a proxy;
// the workers do the work, and the editor's story actions reach them through the queue.
import { configFromOptions } from '../config-from-options.js';
import type { ParsedOptions } from '../main.js';
import { connectQueues } from '../../queue/queues.js';
import { loadQueueSettings } from '../../queue/settings.js';
import { startServer } from '../../server.js';

export async function webCommand(values: ParsedOptions): Promise<number> {
  const config = configFromOptions(values);
  const settings = loadQueueSettings();
  let queue;
  try {
    queue = await connectQueues(settings);
  } catch (err) {
    console.error(`newsroom: ${(err as Error).message}`);
    return 1;
  }
  const server = await startServer(config, { scheduler: false, queue });
  console.log(`Newsroom web is running at ${server.url}  (database ${config.db}; queues ${settings.prefix} on ${settings.redisUrl}; Ctrl-C to stop)`);
  await server.untilStopped();
  await queue.close();
  return 0;
}
