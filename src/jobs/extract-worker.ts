// The worker thread side of page extraction (see extract-pages.ts).
import { parentPort } from 'node:worker_threads';
import { extractFromBytes } from '../extract/index.js';

export interface ExtractTask {
  bytes: Uint8Array;
  url: string;
  contentType: string | null;
}

parentPort?.on('message', (task: ExtractTask) => {
  try {
    parentPort!.postMessage({ ok: true, value: extractFromBytes(task.bytes, task.url, task.contentType) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
