// The worker thread side of page extraction (see extract-pages.ts).
import { extractFromBytes } from '../extract/index.js';
import { serveTasks } from './worker-pool.js';

export interface ExtractTask {
  bytes: Uint8Array;
  url: string;
  contentType: string | null;
}

serveTasks((task: ExtractTask) => extractFromBytes(task.bytes, task.url, task.contentType));
