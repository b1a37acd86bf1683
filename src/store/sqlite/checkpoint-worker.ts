// The background checkpointer's thread (see checkpointer.ts): its own connection to the
// database file, copying the write-ahead log back into the file every few moments. The
// fsync a checkpoint ends with happens here, not on the thread that serves and ingests.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

interface Settings {
  file: string;
  intervalMs: number;
}

const { file, intervalMs } = workerData as Settings;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// Its connection never writes pages of its own, so it needs only a small cache.
db.pragma('cache_size = -2048');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

let failures = 0;
const timer = setInterval(() => {
  try {
    const row = checkpoint.get() as { busy: number; log: number; checkpointed: number };
    parentPort?.postMessage({ type: 'checkpoint', log: row.log, checkpointed: row.checkpointed });
    failures = 0;
  } catch (err) {
    // A busy file or a full disk: report it and try again at the next beat; the main
    // connection's own automatic checkpoints remain as the backstop.
    failures++;
    parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), failures });
  }
}, intervalMs);

parentPort?.on('message', (m: { type: string }) => {
  if (m.type === 'stop') {
    clearInterval(timer);
    try {
      checkpoint.get();
    } finally {
      db.close();
      parentPort?.close();
    }
  }
});
