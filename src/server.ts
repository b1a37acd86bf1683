// One process: web + scheduler on one repository. `serve` and `demo` both start it here.
import { readSetting } from './admin/settings.js';
import { openComments } from './comments/open.js';
import type { Config } from './config.js';
import { createHttpClient } from './fetch/http.js';
import { PageExtractor } from './jobs/extract-pages.js';
import { startScheduler, type Scheduler } from './jobs/scheduler.js';
import { StoriesService } from './stories/service.js';
import { openRepository } from './store/open.js';
import { adminStoreFor } from './admin/store.js';
import type { Repository } from './store/repository.js';
import { adminExtension } from './web/admin/extension.js';
import { apiExtension } from './web/api/extension.js';
import { buildApp } from './web/app.js';
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
  stop(): Promise<void>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM) and has shut down. */
  untilStopped(): Promise<void>;
}

export async function startServer(
  configured: Config,
  options: { scheduler: boolean; extensions?: SiteExtension[] },
): Promise<RunningServer> {
  const repo = await openRepository(configured.db);
  const adminStore = adminStoreFor(repo);
  // The site's name set in the admin (Settings) wins over NEWSROOM_SITE_NAME; read at start.
  const config: Config = { ...configured, siteName: await readSetting(adminStore, 'site.name', configured.siteName) };
  const http = createHttpClient(config.fetch);
  const stories = new StoriesService(repo);
  await stories.start();
  // Article pages are fetched and extracted beside the feed polling, in worker threads.
  const pages = options.scheduler ? new PageExtractor(repo, http) : null;
  const scheduler = options.scheduler
    ? startScheduler({ repo, http, config, stories, ...(pages ? { pages } : {}) }, (r) => {
        if (r.polled.length > 0) {
          console.log(`fetch: ${r.polled.length} sources polled, ${r.inserted} new articles, ${r.notModified} not modified, ${r.errors} errors`);
        }
      })
    : null;
  // Comments and the admin are part of every site; other features come in through options.
  const admin = adminExtension({ repo, store: adminStore, config, stories, http, scheduler, moderation: openComments(repo).moderator });
  const extensions = [commentsExtension({ repo, siteName: config.siteName }), admin, feedsOutExtension({ repo, siteName: config.siteName }), apiExtension({ repo, siteName: config.siteName }), searchExtension({ repo, siteName: config.siteName }), popularExtension({ repo, siteName: config.siteName }), ...(options.extensions ?? [])];
  const app = await buildApp({ repo, config, extensions, ...(scheduler ? { scheduler } : {}) });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await scheduler?.stop();
      await pages?.stop();
      await app.close();
      await http.close();
      await repo.close();
    })();
    return stopping;
  };
  // The first cycle starts now rather than one tick later: a new source shows up at once.
  if (scheduler) void scheduler.runOnce().catch((err) => console.error('newsroom: fetch cycle failed:', err));
  // Pages not fetched yet (the process stopped before it got to them) are picked up again.
  if (pages) pages.enqueue(await repo.articlesWithoutPage(500));

  return {
    url: `http://${host}:${port}/`,
    repo,
    stories,
    scheduler,
    pages,
    stop,
    untilStopped: () =>
      new Promise<void>((resolve) => {
        const onSignal = () => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          void stop().then(resolve);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
