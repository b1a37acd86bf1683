// The process's structured log: JSON lines on standard output (pino), one object per event,
// for journald or a log shipper to collect. Fastify logs through the same instance, so every
// request line carries the request id (`reqId`). CLI output meant for a person is not a log
// and stays on console.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger } from 'pino';
import { defaultConfig } from '../config.js';

export type { Logger };

/** The level before the configuration is read; a bad NEWSROOM_LOG_LEVEL is reported by loadConfig, not here. */
function initialLevel(): string {
  const asked = process.env.NEWSROOM_LOG_LEVEL?.toLowerCase();
  return asked && asked in pino.levels.values ? asked : asked === 'silent' ? 'silent' : defaultConfig().ops.logLevel;
}

/** The one logger of the process; its level is set from the configuration at start. */
export const logger: Logger = pino({
  level: initialLevel(),
  // Each line says which role wrote it when web, worker and scheduler share one journal.
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export function setLogLevel(level: string): void {
  logger.level = level;
}

/** An incoming X-Request-Id is kept when it is short and plain, so a proxy's id joins its logs to ours. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** An error as a log field: pino's serializer keeps message, type and stack. */
export function logError(message: string, err: unknown, fields: Record<string, unknown> = {}): void {
  logger.error({ ...fields, err }, message);
}
