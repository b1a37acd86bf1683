// `newsroom worker`: takes `poll` and `pages` jobs from the queues (any number of workers, on
// any machine sharing the store and Redis) and, while it holds the stories lease, runs the
// stories stage. Delivery is at least once: a job whose worker dies is taken again after its
// lock expires, so every handler is safe to run twice (articles are keyed by canonical URL and
// by guid within their source; a page is stored by its article; stories are given by a sweep).
import { type Job, Worker } from 'bullmq';
import type { Config } from '../config.js';
import { createHttpClient } from '../fetch/http.js';
import { PageExtractor } from '../jobs/extract-pages.js';
import { feedWork } from '../jobs/feed-work.js';
import { pollSource } from '../jobs/poll-source.js';
import { connectQueues, jobData, PageJob, pageJobId, PollJob, type QueueClient } from '../queue/queues.js';
import { relayChanges } from '../queue/ops.js';
import type { QueueSettings } from '../queue/settings.js';
import { openRepository } from '../store/open.js';
import type { Repository } from '../store/repository.js';
import type { Article, Section } from '../model.js';
import { LOOK_EVERY_MS, pollConcurrency, stageIsBehind } from './pacing.js';
import { StoriesStage } from './stories-stage.js';

const SECTIONS_TTL_MS = 5000;

export interface WorkerStats {
  polls: number;
  inserted: number;
  pages: number;
  clustered: number;
}

export interface RunningWorker {
  repo: Repository;
  client: QueueClient;
  stories: StoriesStage;
  stats(): WorkerStats;
  /** Finishes the jobs in hand, leaves the rest in the queues, gives up the leases. */
  stop(): Promise<void>;
}

/** Queues the page of each new article (one job per article, whoever adds it). */
export async function enqueuePages(client: QueueClient, articles: Array<Pick<Article, 'id' | 'url'>>): Promise<void> {
  if (articles.length === 0) return;
  await client.queues.pages.addBulk(
    articles.map((a) => ({ name: 'page', data: { articleId: a.id, url: a.url }, opts: { jobId: pageJobId(a.id) } })),
  );
}

export async function startWorker(config: Config, settings: QueueSettings, options: { concurrency: number; log?: (line: string) => void }): Promise<RunningWorker> {
  const log = options.log ?? ((line: string) => console.log(line));
  const client = await connectQueues(settings);
  const repo = await openRepository(config.db);
  const http = createHttpClient(config.fetch);
  // Feeds are read and their articles made on worker threads (decision 20).
  const feeds = feedWork(config.schedule.threads);
  // With extraction off (feeds that carry the full text) no page is queued nor fetched.
  const extract = config.extraction.pages;
  const pages = extract ? new PageExtractor(repo, http, options.concurrency) : null;
  const counts = { polls: 0, inserted: 0, pages: 0 };
  // The sections (for articles' sections) change only by an editor's hand: read once every
  // few seconds rather than once per poll, a round trip of five.
  let sections: { at: number; list: Promise<Section[]> } | null = null;
  const knownSections = (): Promise<Section[]> => {
    if (!sections || Date.now() - sections.at > SECTIONS_TTL_MS) {
      const list = repo.listSections();
      sections = { at: Date.now(), list };
      list.catch(() => {
        if (sections?.list === list) sections = null;
      });
    }
    return sections.list;
  };
  const common = {
    prefix: settings.prefix,
    concurrency: options.concurrency,
    lockDuration: settings.lockMs,
    // Look for the jobs of dead workers as often as their locks can expire (BullMQ's default is 30 s).
    stalledInterval: Math.min(30_000, settings.lockMs),
    // A job whose worker died twice is suspicious; a third time it goes to the dead-letter list.
    maxStalledCount: 2,
  };

  const pollWorker = new Worker(
    'poll',
    async (job: Job) => {
      const { sourceId } = jobData(PollJob, job.data);
      const source = await repo.getSource(sourceId);
      if (!source) return { skipped: 'the source was removed' };
      if (source.paused) return { skipped: 'the source is paused' };
      // Once the articles are stored, their pages are queued; if this process dies in between,
      // the scheduler's backlog pass (articles without a page) queues them instead.
      const result = await pollSource(
        source,
        { repo, http, config, feedWork: feeds, afterInsert: (inserted) => (extract ? enqueuePages(client, inserted) : Promise.resolve()) },
        await knownSections(),
      );
      counts.polls++;
      counts.inserted += result.inserted;
      return result;
    },
    { ...common, connection: client.duplicate() },
  );

  const pagesWorker = pages
    ? new Worker(
        'pages',
        async (job: Job) => {
          const { articleId, url } = jobData(PageJob, job.data);
          if (!(await repo.getArticle(articleId))) return { skipped: 'the article was removed' };
          const page = await pages.handle({ id: articleId, url });
          counts.pages++;
          return { status: page.status };
        },
        { ...common, connection: client.duplicate() },
      )
    : null;

  for (const [name, w] of [['poll', pollWorker], ['pages', pagesWorker]] as const) {
    if (!w) continue;
    w.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) console.error(`newsroom: ${name} job ${job.id} failed for good (dead-letter list): ${err.message}`);
    });
    w.on('error', (err) => console.error(`newsroom: ${name} queue:`, err.message));
  }

  // The web processes' page caches learn of this worker's writes through Redis.
  const unrelay = relayChanges(repo, client);
  // The one stories stage is the serial part of the pipeline: while its holder is behind, the
  // workers poll one source at a time (pacing.ts). The holder knows at once; the others look
  // once a second.
  let looking: Promise<void> | null = null;
  const pace = (): Promise<void> =>
    (looking ??= (async () => {
      try {
        const behind = stories.isHolder() ? stories.isBehind() : await stageIsBehind(client.redis, settings.prefix);
        const otherWorkers = behind && (await client.queues.poll.getWorkersCount().catch(() => 1)) > 1;
        pollWorker.concurrency = pollConcurrency({ concurrency: options.concurrency, behind, otherWorkers });
      } finally {
        looking = null;
      }
    })());
  const stories = new StoriesStage(repo, client, log, () => void pace());
  const lookForBehind = setInterval(() => void pace(), LOOK_EVERY_MS);
  lookForBehind.unref();
  stories.start();

  let stopping: Promise<void> | null = null;
  return {
    repo,
    client,
    stories,
    stats: () => ({ ...counts, clustered: stories.clustered }),
    stop() {
      stopping ??= (async () => {
        clearInterval(lookForBehind);
        await Promise.all([pollWorker.close(), pagesWorker?.close()]);
        await feeds.close();
        await stories.stop();
        unrelay();
        await pages?.stop();
        await client.close();
        await http.close();
        await repo.close();
      })();
      return stopping;
    },
  };
}
