// The multi-worker runs of the ingest benchmark: `newsroom scheduler` and N × `newsroom worker`
// as child processes over Redis (BullMQ) and PostgreSQL. They run only when this build has
// those roles and the PostgreSQL engine; otherwise the result says why they were not measured.
import fs from 'node:fs';
import { COMMAND_HELP } from '../../src/cli/help.js';
import { projectPath } from '../../src/paths.js';

export interface WorkerRun {
  workers: number;
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  storeBytes: number;
  home: { requests: number; p50Ms: number; p99Ms: number; meanMs: number };
}

export interface MultiWorkerRun {
  runs: WorkerRun[];
  /** Why no run was made, when none was. */
  skipped: string | null;
}

/** What is missing from this build for the multi-worker runs, or null when all is there. */
export function missingRoles(): string | null {
  const missing: string[] = [];
  if (!COMMAND_HELP.worker || !COMMAND_HELP.scheduler) missing.push('the `newsroom worker` and `newsroom scheduler` roles');
  if (!fs.existsSync(projectPath('dist/src/store/postgres'))) missing.push('the PostgreSQL engine (NEWSROOM_DATABASE_URL)');
  return missing.length > 0 ? `not measured: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not in this build yet` : null;
}

export async function multiWorkerRuns(
  options: { workers: number[]; engine: string },
  _dir: string,
  _progress: (text: string) => void,
): Promise<MultiWorkerRun> {
  const missing = missingRoles();
  if (options.workers.length === 0) return { runs: [], skipped: missing ?? 'not asked for (--workers 1,2,4 --engine postgres)' };
  if (missing) return { runs: [], skipped: missing };
  return { runs: [], skipped: 'the roles are in this build, but this benchmark does not drive them yet' };
}
