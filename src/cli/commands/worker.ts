// `newsroom worker [--concurrency N]`: takes poll and pages jobs, and runs the stories stage
// while it holds the stories lease. SIGTERM finishes the jobs in hand and leaves the rest.
import { configFromOptions } from '../config-from-options.js';
import type { ParsedOptions } from '../main.js';
import { numberOption } from '../options.js';
import { loadQueueSettings } from '../../queue/settings.js';
import { startWorker } from '../../roles/worker.js';
import { untilSignal } from './stop-signal.js';

export async function workerCommand(values: ParsedOptions): Promise<number> {
  const config = configFromOptions(values);
  const settings = loadQueueSettings();
  const concurrency = numberOption('concurrency', values.concurrency, { min: 1, max: 64 }) ?? 4;
  let worker;
  try {
    worker = await startWorker(config, settings, { concurrency });
  } catch (err) {
    console.error(`newsroom: ${(err as Error).message}`);
    return 1;
  }
  console.log(`Newsroom worker ${process.pid} is running (concurrency ${concurrency}; database ${config.db}; queues ${settings.prefix} on ${settings.redisUrl})`);
  const signal = await untilSignal();
  console.log(`worker: ${signal}: finishing the jobs in hand…`);
  await worker.stop();
  const s = worker.stats();
  console.log(`worker: stopped after ${s.polls} polls (${s.inserted} new articles), ${s.pages} pages, ${s.clustered} articles clustered`);
  return 0;
}
