// `newsroom jobs`: the queues' depths and the dead-letter list, with retry and remove.
import type { ParsedOptions } from '../main.js';
import { UsageError } from '../options.js';
import { failedJobs, formatAge, queueDepths, removeJob, retryAllFailed, retryJob } from '../../queue/dead-letter.js';
import { checkRedis, openQueues } from '../../queue/queues.js';
import { loadQueueSettings } from '../../queue/settings.js';

export async function jobsCommand(args: string[], values: ParsedOptions): Promise<number> {
  const [action, ref] = args;
  if (action !== undefined && !['failed', 'retry', 'remove'].includes(action)) {
    throw new UsageError(`unknown jobs action "${action}" (failed, retry, remove)`);
  }
  if (action === 'remove' && !ref) throw new UsageError('jobs remove needs a job: QUEUE/ID (see "newsroom jobs failed")');
  if (action === 'retry' && !ref && !values.all) throw new UsageError('jobs retry needs a job (QUEUE/ID) or --all');
  const client = openQueues(loadQueueSettings());
  try {
    await checkRedis(client);
    switch (action) {
      case undefined: {
        const depths = await queueDepths(client);
        if (values.json) {
          console.log(JSON.stringify(depths, null, 2));
          return 0;
        }
        console.log(`${'queue'.padEnd(8)} ${'waiting'.padStart(8)} ${'active'.padStart(7)} ${'delayed'.padStart(8)} ${'failed'.padStart(7)}  oldest waiting`);
        for (const d of depths) {
          console.log(`${d.name.padEnd(8)} ${String(d.waiting).padStart(8)} ${String(d.active).padStart(7)} ${String(d.delayed).padStart(8)} ${String(d.failed).padStart(7)}  ${formatAge(d.oldestWaitingMs)}`);
        }
        return 0;
      }
      case 'failed': {
        const failed = await failedJobs(client, 200);
        if (values.json) console.log(JSON.stringify(failed, null, 2));
        else if (failed.length === 0) console.log('No failed jobs.');
        else for (const f of failed) console.log(`${f.ref}  ${f.failedAt?.toISOString() ?? ''}  ${f.attempts} attempts  ${JSON.stringify(f.data)}\n    ${f.error}`);
        return 0;
      }
      case 'retry': {
        if (values.all) {
          const n = await retryAllFailed(client);
          console.log(n === 0 ? 'No failed jobs to retry.' : `${n} failed ${n === 1 ? 'job' : 'jobs'} queued again.`);
          return 0;
        }
        const result = await retryJob(client, ref!);
        if (!result.ok) {
          console.error(`newsroom: ${result.error}`);
          return 1;
        }
        console.log(`Job ${result.ref} queued again.`);
        return 0;
      }
      default: {
        const result = await removeJob(client, ref!);
        if (!result.ok) {
          console.error(`newsroom: ${result.error}`);
          return 1;
        }
        console.log(`Job ${result.ref} removed.`);
        return 0;
      }
    }
  } catch (err) {
    console.error(`newsroom: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await client.close();
  }
}
