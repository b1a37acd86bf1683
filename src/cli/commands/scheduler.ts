// `newsroom scheduler`: queues the due sources each tick while it holds the scheduler lease;
// start two for a standby that takes over.
import { configFromOptions } from '../config-from-options.js';
import type { ParsedOptions } from '../main.js';
import { loadQueueSettings } from '../../queue/settings.js';
import { startSchedulerRole } from '../../roles/scheduler.js';
import { untilSignal } from './stop-signal.js';

export async function schedulerCommand(values: ParsedOptions): Promise<number> {
  const config = configFromOptions(values);
  const settings = loadQueueSettings();
  let scheduler;
  try {
    scheduler = await startSchedulerRole(config, settings);
  } catch (err) {
    console.error(`newsroom: ${(err as Error).message}`);
    return 1;
  }
  await untilSignal();
  await scheduler.stop();
  return 0;
}
