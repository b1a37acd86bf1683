// One process: web + scheduler on one repository. `serve` and `demo` both start it here.
import { readSetting } from './admin/settings.js';
import { openComments } from './comments/open.js';
import type { Config } from './config.js';
import { createHttpClient } from './fetch/http.js';
import { PageExtractor } from './jobs/extract-pages.js';
import { feedWork } from './jobs/feed-work.js';
import type { CycleResult } from './jobs/poll-source.js';
import { startScheduler, type Scheduler } from './jobs/scheduler.js';
import type { QueueClient } from './queue/queues.js';
import { followChanges, registerQueueOps } from './queue/ops.js';
import { QueuedStoryEditor } from './queue/story-editor.js';
import { DEFAULT_STORIES_OPTIONS, StoriesService } from './stories/service.js';
import { Readiness } from './ops/health.js';
import { logError, logger, setLogLevel } from './ops/logger.js';
import { registerQueueMetrics } from './ops/metrics.js';
import { retentionDays, startRetention } from './ops/retention.js';
import { openRepository, prepareForSteadyWrites } from './store/open.js';
import { adminStoreFor } from './admin/store.js';
import type { Repository } from './store/repository.js';
import { adminExtension } from './web/admin/extension.js';
import { apiExtension } from './web/api/extension.js';
import { buildApp } from './web/app.js';
import { PageCache } from './web/cache/page-cache.js';
import { commentsExtension } from './web/comments/extension.js';
import type { SiteExtension } from './web/extension.js';
import { feedsOutExtension } from './web/feeds-out/extension.js';
import { searchExtension } from './web/search/extension.js';
import { popularExtension } from './web/popular/extension.js';

export interface RunningServer {
  url: string;
  repo: Repository;
  stories: StoriesService;
  scheduler: Scheduler | null;
  /** The extraction stage (with the scheduler only). */
  pages: PageExtractor | null;
  /** Rendered pages kept in memory; null when configured off. A cross-process notifier calls its invalidate(tags). */
  pageCache: PageCache | null;
  /** What /readyz checks; other components (a queue) add theirs. */
  readiness: Readiness;
  stop(): Promise<void>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM) and has shut down. */
  untilStopped(): Promise<void>;
}

export async function startServer(
  configured: Config,
  options: {
    scheduler: boolean;
    extensions?: SiteExtension[];
    /** The web role: work is done by workers; the editor's story actions go to them through this queue. */
    queue?: QueueClient;
    /** Fetch and extract article pages beside the polling (default: the configuration's extraction.pages). */
    extract?: boolean;
    /** Replaces the one-line log of each fetch cycle (the ingest benchmark counts cycles itself). */
    onCycle?: (result: CycleResult) => void;
  },
): Promise<RunningServer> {
  setLogLevel(configured.ops.logLevel);
  const repo = await openRepository(configured.db);
  if (options.scheduler) prepareForSteadyWrites(repo);
  const adminStore = adminStoreFor(repo);
  // The site's name set in the admin (Settings) wins over NEWSROOM_SITE_NAME; read at start.
  const config: Config = { ...configured, siteName: await readSetting(adminStore, 'site.name', configured.siteName) };
  const http = createHttpClient(config.fetch);
  // Stories are decided on a thread of their own beside the polls' threads (decision 21).
  const stories = new StoriesService(repo, { ...DEFAULT_STORIES_OPTIONS, thread: options.scheduler && config.schedule.threads > 0 });
  await stories.start();
  // Article pages are fetched and extracted beside the feed polling, in worker threads.
  const pages = options.scheduler && (options.extract ?? config.extraction.pages) ? new PageExtractor(repo, http) : null;
  // Feeds are read and their articles made on worker threads, beside this one (decision 20).
  const feeds = options.scheduler ? feedWork(config.schedule.threads) : null;
  const scheduler = options.scheduler && feeds
    ? startScheduler({ repo, http, config, stories, feedWork: feeds, ...(pages ? { pages } : {}) }, options.onCycle ?? ((r) => {
        if (r.polled.length > 0) {
          logger.info({ polled: r.polled.length, inserted: r.inserted, notModified: r.notModified, errors: r.errors }, 'fetch cycle');
        }
      }))
    : null;
  const unregisterPages = pages ? registerQueueMetrics('pages', () => pages.stats()) : () => undefined;
  // Retention runs beside the scheduler: one process prunes, however many serve pages.
  const retention = options.scheduler ? startRetention(repo, () => retentionDays(adminStore, config)) : null;
  const readiness = new Readiness();
  // Comments and the admin are part of every site; other features come in through options.
  const editor = options.queue ? new QueuedStoryEditor(options.queue, stories) : null;
  const admin = adminExtension({ repo, store: adminStore, config, stories: editor ?? stories, http, scheduler, queue: options.queue ?? null, moderation: openComments(repo).moderator });
  const extensions = [commentsExtension({ repo, siteName: config.siteName }), admin, feedsOutExtension({ repo, siteName: config.siteName }), apiExtension({ repo, siteName: config.siteName }), searchExtension({ repo, siteName: config.siteName }), popularExtension({ repo, siteName: config.siteName }), ...(options.extensions ?? [])];
  const pageCache = config.pageCache.maxMB > 0
    ? new PageCache({ maxBytes: config.pageCache.maxMB * 1024 * 1024, ttlMs: config.pageCache.ttlSeconds * 1000 })
    : null;
  // The web role: the workers write, so their announcements come over Redis to this cache.
  const unregisterQueue = options.queue ? registerQueueOps(options.queue, readiness) : () => undefined;
  const unfollow = options.queue && pageCache ? await followChanges(options.queue, (tags) => pageCache.invalidate(tags)) : null;
  const app = await buildApp({ repo, config, extensions, pageCache, readiness, ...(scheduler ? { scheduler } : {}) });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    // Stop accepting requests and let those in flight finish, while the scheduler finishes the
    // sources it has started and the extractor the pages it has started; then close the store.
    stopping ??= (async () => {
      await Promise.all([
        app.close(),
        (async () => {
          await scheduler?.stop();
          await feeds?.close();
          // The outlines of what the last polls stored (refreshed a moment after them).
          await stories.settled();
          await retention?.stop();
          await pages?.stop();
        })(),
      ]);
      unregisterPages();
      await stories.close();
      await editor?.close();
      await unfollow?.();
      unregisterQueue();
      await http.close();
      await repo.close();
    })();
    return stopping;
  };
  // The first cycle starts now rather than one tick later: a new source shows up at once.
  if (scheduler) void scheduler.runOnce().catch((err) => logError('fetch cycle failed', err));
  // Pages not fetched yet (the process stopped before it got to them) are picked up again.
  if (pages) void pages.resumeMissing().catch((err) => logError('resuming page extraction failed', err));
  if (retention) void retention.runOnce().catch((err) => logError('retention pass failed', err));

  return {
    url: `http://${host}:${port}/`,
    repo,
    stories,
    scheduler,
    pages,
    pageCache,
    readiness,
    stop,
    untilStopped: () =>
      new Promise<void>((resolve) => {
        const onSignal = (signal: NodeJS.Signals) => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          logger.info({ signal }, 'shutting down: finishing requests, the fetch cycle and the pages in flight');
          // A hung fetch or request must not keep the process from stopping; what is not done is
          // done again at the next start (due sources stay due, pages without a page are resumed).
          const hard = setTimeout(() => {
            logger.error({ timeoutMs: config.ops.shutdownTimeoutMs }, 'shutdown timed out; exiting with work unfinished');
            process.exit(1);
          }, config.ops.shutdownTimeoutMs);
          hard.unref();
          // A second signal means "now".
          process.once(signal, () => process.exit(1));
          void stop().then(() => {
            clearTimeout(hard);
            logger.info('stopped');
            resolve();
          });
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
