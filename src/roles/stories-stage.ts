// The stories stage in the worker role. The clusterer is stateful (a window of recent
// stories in memory, story numbers it hands out itself), so exactly one worker runs it: the
// holder of the `stories` lease. The holder sweeps the articles that have no story yet
// (oldest first, in batches) through the StoriesService and takes the editor's actions from
// the `stories` queue. A worker that takes the lease over rebuilds the window from the store;
// whatever a dead holder had not clustered is still without a story, so the sweep finds it.
// A holder paused past its lease (a long collection, a busy machine) may wake mid-batch after
// another took over: the store refuses its writes by the stage's epoch, which each takeover
// counts up before it reads the window (Repository.claimStage), so two holders never both write.
import { type Job, Worker } from 'bullmq';
import type { QueueClient, StoriesAnswer } from '../queue/queues.js';
import { StoriesJob } from '../queue/queues.js';
import { Lease } from '../queue/lease.js';
import { BehindSignal } from './pacing.js';
import { DEFAULT_STORIES_OPTIONS, StoriesService } from '../stories/service.js';
import { type Repository, StageLostError } from '../store/repository.js';

/** Small enough to finish well within one lease time on a busy machine; large enough that the store sees few round trips per article. */
const SWEEP_BATCH = 500;
/**
 * Full batches in a row after which the holder counts as behind (pacing.ts): a backlog of a
 * few seconds' work, not the one batch that a burst of polls leaves now and then.
 */
const BEHIND_AFTER_FULL_BATCHES = 4;
/** The stage's name for its fencing token in the store. */
const STAGE = 'stories';

export class StoriesStage {
  readonly lease: Lease;
  private stories: StoriesService | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private takingOver: Promise<void> | null = null;
  private sweeping: Promise<void> | null = null;
  /** A sweep failed half way (a busy store): some stories' outlines may lag behind their articles. */
  private repair = false;
  /** Articles given a story by this process (for benchmarks and logs). */
  clustered = 0;
  /** Whether this holder is behind: its sweep has read BEHIND_AFTER_FULL_BATCHES full batches in a row. */
  private behind = false;
  /** Tells the other workers (pacing.ts). */
  private readonly behindSignal: BehindSignal;

  constructor(
    private readonly repo: Repository,
    private readonly client: QueueClient,
    private readonly log: (line: string) => void = () => undefined,
    /** Told when the holder falls behind the articles stored, and when it catches up. */
    private readonly onBehind: (behind: boolean) => void = () => undefined,
  ) {
    this.behindSignal = new BehindSignal(client.redis, client.settings.prefix);
    this.lease = new Lease(client.redis, client.settings.prefix, 'stories', client.settings.leaseMs, {
      acquired: async () => {
        // Rebuilding the window can take a while: not on the lease's beat, which must keep renewing.
        this.takingOver = this.takeOver().catch((err) => {
          console.error('newsroom: taking over the stories stage failed:', err);
        });
      },
      lost: async () => {
        // Said, since it should not happen to a live worker but on a machine too busy to renew in time.
        if (this.stories !== null && !this.stopping) this.log('stories: this worker lost the stories lease; it stops deciding');
        await this.letGo();
      },
    });
  }

  isHolder(): boolean {
    return this.lease.isHeld() && this.stories !== null;
  }

  start(): void {
    this.lease.start();
  }

  private async takeOver(): Promise<void> {
    // Claimed before the window is read: a deposed holder's batch either landed before (and
    // is read) or is refused.
    const fence = await this.repo.claimStage(STAGE);
    const stories = new StoriesService(this.repo, { ...DEFAULT_STORIES_OPTIONS, fence });
    await stories.start();
    // A holder killed between assigning articles and writing the outlines leaves those
    // stories' outlines behind: bring every story of the window up to date.
    await stories.refreshOutlines(await this.windowStories());
    if (!this.lease.isHeld()) return;
    this.stories = stories;
    this.worker = new Worker('stories', (job) => this.runAction(job), {
      connection: this.client.duplicate(),
      prefix: this.client.settings.prefix,
      concurrency: 1,
      lockDuration: Math.max(this.client.settings.lockMs, 60_000),
    });
    this.worker.on('error', (err) => console.error('newsroom: stories queue:', err.message));
    this.timer = setInterval(() => void this.sweep(), this.client.settings.sweepMs);
    this.log(`stories: this worker holds the stories stage (lease ${this.lease.token})`);
    void this.sweep();
  }

  private async windowStories(): Promise<Set<number>> {
    const ids = new Set<number>();
    const since = new Date(Date.now() - DEFAULT_STORIES_OPTIONS.windowHours * 3600_000);
    for (let batch = await this.repo.articlesSince(since, 5000); batch.length > 0; ) {
      for (const a of batch) if (a.storyId !== null) ids.add(a.storyId);
      if (batch.length < 5000) break;
      batch = await this.repo.articlesSince(new Date(batch[batch.length - 1]!.publishedAt.getTime() + 1), 5000);
    }
    return ids;
  }

  /** Whether this worker holds the stage and is behind: its sweep has read several full batches in a row. */
  isBehind(): boolean {
    return this.behind;
  }

  private setBehind(behind: boolean): void {
    void this.behindSignal.say(behind);
    if (behind === this.behind) return;
    this.behind = behind;
    this.onBehind(behind);
  }

  private async letGo(): Promise<void> {
    this.setBehind(false);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.takingOver;
    await this.worker?.close();
    this.worker = null;
    await this.sweeping;
    // Shutting down: the outlines of the last batches are written before the lease is given
    // up (a holder that lost it leaves them to the next, which outlines its whole window).
    if (this.stopping) await this.stories?.settled().catch((err: unknown) => console.error('newsroom: stories outlines failed:', err instanceof Error ? err.message : err));
    this.stories = null;
  }

  /**
   * Gives every article without a story one, oldest first; one sweep at a time. While a batch's
   * decisions are written, the next batch is read (leaving that one out) and decided: the store
   * and this thread work at once, one batch apart.
   */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      let fullBatches = 0;
      /** The batch decided and still being written. */
      const inFlight: { batch: { ids: number[]; saved: Promise<void> } | null } = { batch: null };
      const settle = async (batch: typeof inFlight.batch) => {
        if (!batch) return;
        await batch.saved;
        this.clustered += batch.ids.length;
      };
      const written = () => {
        const batch = inFlight.batch;
        inFlight.batch = null;
        return settle(batch);
      };
      try {
        for (;;) {
          const stories = this.stories;
          // Renewed before each batch: a holder that was paused past its lease stops here, before deciding anything.
          if (!stories || !(await this.lease.confirm())) break;
          if (this.repair) {
            await written();
            await stories.refreshOutlines(await this.windowStories());
            this.repair = false;
          }
          const batch = await this.repo.articlesWithoutStory(SWEEP_BATCH, inFlight.batch?.ids);
          fullBatches = batch.length === SWEEP_BATCH ? fullBatches + 1 : 0;
          this.setBehind(fullBatches >= BEHIND_AFTER_FULL_BATCHES);
          if (batch.length === 0) break;
          const { saved, outlined } = await stories.assign(batch, new Date());
          // Outlines follow within a second, for all the batches decided meanwhile; one that
          // fails has every story of the window outlined again at the next batch.
          outlined.catch((err: unknown) => {
            this.repair = true;
            console.error('newsroom: stories outlines failed:', err instanceof Error ? err.message : err);
          });
          // The batch before is written before the next is read: one write in flight.
          const before = inFlight.batch;
          inFlight.batch = { ids: batch.map((a) => a.id), saved };
          await settle(before);
        }
        await written();
      } catch (err) {
        // A batch still being written ends (written, or refused after this one) before another
        // sweep may read its articles.
        await inFlight.batch?.saved.catch(() => undefined);
        if (err instanceof StageLostError) {
          // Deposed while paused: stop here; the lease's next beat finds it gone and lets go.
          this.stories = null;
          this.log(`stories: another worker took the stories stage over; this worker's last batch was refused (${err.message})`);
          return;
        }
        // A busy or failing store: the next beat sweeps again, nothing is lost.
        this.repair = true;
        console.error('newsroom: stories sweep failed:', err instanceof Error ? err.message : err);
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  private async runAction(job: Job): Promise<StoriesAnswer> {
    const parsed = StoriesJob.safeParse(job.data);
    if (!parsed.success) return { ok: false, error: `not a stories job: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    const stories = this.stories;
    if (!stories) throw new Error('this worker no longer holds the stories stage');
    const action = parsed.data;
    try {
      switch (action.kind) {
        case 'merge':
          await stories.merge(action.from, action.into);
          return { ok: true };
        case 'split':
          return { ok: true, storyId: await stories.split(action.articleId) };
        case 'rename':
          await stories.rename(action.storyId, action.title);
          return { ok: true };
        case 'recluster': {
          const result = await stories.recluster();
          return { ok: true, ...result };
        }
      }
    } catch (err) {
      // "no story 5" and the like: the editor's answer, not a job to retry.
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Set by stop(): giving the lease up is then no news. */
  private stopping = false;

  async stop(): Promise<void> {
    this.stopping = true;
    await this.lease.stop();
  }
}
