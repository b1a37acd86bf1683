// `newsroom backup DEST`: a consistent copy of the SQLite store, taken while the site runs.
import { BackupError, backupSqlite, isPostgresUrl } from '../../ops/backup.js';
import { configFromOptions } from '../config-from-options.js';
import { endProgress, progress } from '../context.js';
import type { ParsedOptions } from '../main.js';
import { UsageError } from '../options.js';

export const PG_DUMP_ADVICE = `newsroom: the store is PostgreSQL; back it up with PostgreSQL's own tools, e.g.
  pg_dump --format=custom --file=newsroom.dump "$NEWSROOM_DATABASE_URL"
and restore with
  pg_restore --clean --if-exists --dbname="$NEWSROOM_DATABASE_URL" newsroom.dump
(docs/operations.md, "Backup and restore").`;

export async function backupCommand(rest: string[], values: ParsedOptions): Promise<number> {
  const config = configFromOptions(values);
  if (isPostgresUrl(process.env.NEWSROOM_DATABASE_URL) || isPostgresUrl(config.db)) {
    console.error(PG_DUMP_ADVICE);
    return 1;
  }
  const [dest, ...extra] = rest;
  if (!dest) throw new UsageError('backup needs the file to write: newsroom backup DEST');
  if (extra.length > 0) throw new UsageError(`backup takes one DEST, got also "${extra.join(' ')}"`);
  try {
    const started = Date.now();
    const result = await backupSqlite(config.db, dest, {
      force: values.force ?? false,
      onProgress: (p) => progress(`Backing up ${config.db}: ${Math.floor(((p.totalPages - p.remainingPages) / Math.max(1, p.totalPages)) * 100)}%`),
    });
    endProgress();
    console.log(`Backed up ${config.db} to ${dest}: ${(result.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } catch (err) {
    endProgress();
    // Expected: our refusals, and what SQLite or the file system say (a full disk, no permission).
    if (!(err instanceof BackupError) && typeof (err as { code?: unknown }).code !== 'string') throw err;
    console.error(`newsroom: backup failed: ${(err as Error).message}`);
    return 1;
  }
}
