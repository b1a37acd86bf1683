// An online backup of the SQLite store: SQLite's backup API copies the database page by page
// through its own connection while the site keeps reading and writing (WAL mode). The copy
// is written beside DEST and renamed into place when complete, so DEST is never a half copy.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export class BackupError extends Error {}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/** Pages copied per step: about fifty steps for any size, so progress moves and writers get turns. */
function stepPages(totalPages: number): number {
  return Math.max(100, Math.ceil(totalPages / 50));
}

const ALL_AT_ONCE = 0x7fffffff;

export async function backupSqlite(
  source: string,
  dest: string,
  options: { force?: boolean; onProgress?: (p: BackupProgress) => void } = {},
): Promise<{ pages: number; bytes: number }> {
  if (!fs.existsSync(source)) throw new BackupError(`there is no database at ${source}`);
  const target = path.resolve(dest);
  if (target === path.resolve(source)) throw new BackupError('the backup cannot be written over the database itself');
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`the folder ${path.dirname(target)} does not exist`);
  if (fs.existsSync(target) && !options.force) throw new BackupError(`${dest} exists; add --force to replace it`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new BackupError(`${dest} is a folder; give a file name`);

  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true });
  let lastRemaining = Number.POSITIVE_INFINITY;
  try {
    fs.rmSync(partial, { force: true });
    const result = await db.backup(partial, {
      progress: (p) => {
        options.onProgress?.(p);
        // A write from another connection (the running site) restarts the copy. Once that has
        // happened, the rest is copied in one step: with WAL the step reads one snapshot and
        // does not block writers, and it cannot be restarted again.
        const restarted = p.remainingPages > lastRemaining;
        lastRemaining = p.remainingPages;
        return restarted ? ALL_AT_ONCE : stepPages(p.totalPages);
      },
    });
    const copy = new Database(partial);
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`the copy failed its integrity check: ${String(check)}`);
      // A standalone file: no -wal beside it to lose when it is moved or archived.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    // A -wal left beside an old copy would be replayed into the new one when it is opened.
    for (const leftover of [`${target}-wal`, `${target}-shm`]) fs.rmSync(leftover, { force: true });
    fs.renameSync(partial, target);
    return { pages: result.totalPages, bytes: fs.statSync(target).size };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

/** Whether the configured store is PostgreSQL, which is backed up with its own tools. */
export { isPostgresUrl } from '../store/address.js';
