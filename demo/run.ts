// `newsroom demo`: the publishers, then Newsroom following them on a fresh database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AdminAuth } from '../src/admin/auth.js';
import { loadConfig, type Config } from '../src/config.js';
import { openContext } from '../src/cli/context.js';
import { subscribe } from '../src/jobs/subscribe.js';
import { startServer, type RunningServer } from '../src/server.js';
import { openRepository } from '../src/store/open.js';
import { adminStoreFor } from '../src/admin/store.js';
import { type DemoNetwork, startPublishers } from './publishers.js';

export interface DemoOptions {
  port?: number | undefined;
  db?: string | undefined;
  /** First port of the publishers (default 8101; free ones are taken when busy). */
  publishersBasePort?: number;
  log?: (line: string) => void;
}

export interface RunningDemo {
  publishers: DemoNetwork;
  server: RunningServer;
  db: string;
  /** The demo's admin account (a new random password every start). */
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

/** Follows every demo outlet through its home page, so feed discovery is part of the demo. */
async function followOutlets(config: Config, publishers: DemoNetwork, log: (line: string) => void): Promise<void> {
  const ctx = await openContext(config);
  try {
    for (const site of publishers.sites) {
      if (await ctx.repo.findSourceByFeedUrl(site.feedUrl)) continue;
      const result = await subscribe(site.url, { name: site.outlet.name, section: site.outlet.section }, ctx);
      if ('error' in result) log(`  could not follow ${site.outlet.name}: ${result.error}`);
    }
  } finally {
    await ctx.close();
  }
}

export const DEMO_ADMIN_EMAIL = 'editor@newsroom.example';

/** The demo's admin account, with a fresh random password (printed at start). */
async function demoAdmin(config: Config): Promise<{ email: string; password: string }> {
  const repo = await openRepository(config.db);
  try {
    const store = adminStoreFor(repo);
    const auth = new AdminAuth(store);
    const password = randomBytes(12).toString('base64url');
    const existing = await store.findUserByEmail(DEMO_ADMIN_EMAIL);
    const result = existing ? await auth.setPassword(existing.id, password) : await auth.createUser(DEMO_ADMIN_EMAIL, password);
    if (result && 'error' in result) throw new Error(`demo admin: ${result.error}`);
    return { email: DEMO_ADMIN_EMAIL, password };
  } finally {
    await repo.close();
  }
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tempDir = options.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-demo-'));
  const db = options.db ?? path.join(tempDir!, 'newsroom.db');
  const publishers = await startPublishers({ basePort: options.publishersBasePort ?? 8101 });
  log(`Demo publishers: ${publishers.sites.length} outlets on loopback (${publishers.sites.map((s) => s.url).join(' ')})`);
  const config = loadConfig(process.env, { db, port: options.port ?? 8080, allowLoopback: true });
  // Loopback publishers can take requests quickly; real sites get the default spacing.
  config.fetch.perHostSpacingMs = 50;
  config.schedule.tickSeconds = 15;
  // The demo talks to a person in its terminal: request logs only when asked for.
  if (!process.env.NEWSROOM_LOG_LEVEL) config.ops.logLevel = 'warn';
  await followOutlets(config, publishers, log);
  const admin = await demoAdmin(config);
  let server: RunningServer;
  try {
    server = await startServer(config, { scheduler: true });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
    log(`Port ${config.port} is taken; using a free one.`);
    server = await startServer({ ...config, port: 0 }, { scheduler: true });
  }
  const first = await server.scheduler!.runOnce();
  log(`First fetch: ${first.polled.length} sources, ${first.inserted} articles, ${first.errors} errors.`);
  log(`Admin: ${server.url}admin — log in as ${admin.email} with the password ${admin.password}`);
  return {
    publishers,
    server,
    db,
    admin,
    async stop() {
      await server.stop();
      await publishers.close();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
