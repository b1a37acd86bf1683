// Checkpoints of the SQLite write-ahead log on a thread of their own. By default SQLite
// checkpoints inside the commit that takes the log past 1,000 pages, on the committing
// thread, and a checkpoint ends with fsync: under steady ingest that stalled the one thread
// that fetches, clusters and serves pages for tens of milliseconds at a time (bench:ingest
// spent more wall time waiting on it than computing the writes; docs/decisions/0016). Here
// a worker thread with its own connection runs PASSIVE checkpoints, which never block the
// writer or readers, every `intervalMs`; the main connection keeps an automatic checkpoint
// at a much larger log size only as a backstop, should the thread fall behind or fail.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { logger } from '../../ops/logger.js';

/** Pages of log (4 KB each) after which the writer checkpoints itself anyway. */
export const BACKSTOP_PAGES = 16_384;

export interface CheckpointerStatus {
  checkpoints: number;
  failures: number;
  lastError: string | null;
  /** Pages in the log at the last checkpoint, and how many of them it copied back. */
  lastLogPages: number;
  lastCheckpointedPages: number;
}

export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private readonly state: CheckpointerStatus = { checkpoints: 0, failures: 0, lastError: null, lastLogPages: 0, lastCheckpointedPages: 0 };
  private stopped: Promise<void> | null = null;
  private exited = false;

  constructor(
    private readonly db: Database.Database,
    file: string,
    intervalMs = 1000,
  ) {
    this.worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), { workerData: { file, intervalMs } });
    this.worker.unref();
    this.worker.once('exit', () => {
      this.exited = true;
    });
    this.worker.on('message', (m: { type: 'checkpoint'; log: number; checkpointed: number } | { type: 'error'; message: string; failures: number }) => {
      if (m.type === 'checkpoint') {
        this.state.checkpoints++;
        this.state.lastLogPages = m.log;
        this.state.lastCheckpointedPages = m.checkpointed;
      } else {
        this.state.failures++;
        this.state.lastError = m.message;
        if (m.failures === 1 || m.failures % 60 === 0) logger.warn({ error: m.message, failures: m.failures }, 'background checkpoint failed');
      }
    });
    this.worker.on('error', (err) => {
      this.state.lastError = err.message;
      logger.warn({ error: err.message }, 'background checkpointer stopped; SQLite checkpoints on the writer again');
      this.db.pragma('wal_autocheckpoint = 1000');
    });
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }

  status(): CheckpointerStatus {
    return { ...this.state };
  }

  /** Stops the thread after one last checkpoint; the writer checkpoints itself again. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timeout = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5000);
      timeout.unref();
      this.worker.once('exit', () => {
        clearTimeout(timeout);
        resolve();
      });
      // Kept alive until it has exited (it is unref'd so as not to hold a process open).
      this.worker.ref();
      this.worker.postMessage({ type: 'stop' });
    }).then(() => {
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    });
    return this.stopped;
  }
}
