// The editor's hand on stories when the stories stage runs in a worker: merges, splits,
// renames and re-clusterings are sent as `stories` jobs to the one holder of the stories
// lease, and the answer is awaited. The clusterer is stateful and numbers new stories
// itself, so a web process (or the CLI) deciding on its own would fork it: two story #42s.
import { QueueEvents } from 'bullmq';
import type { StoriesService } from '../stories/service.js';
import type { QueueClient, StoriesAnswer, StoriesJob } from './queues.js';

/** What the admin and the CLI need of the stories stage. */
export type StoryEditor = Pick<StoriesService, 'merge' | 'split' | 'rename' | 'refreshOutlines'>;

export class StoriesStageUnavailable extends Error {}

export class QueuedStoryEditor implements StoryEditor {
  private events: QueueEvents | null = null;

  constructor(
    private readonly client: QueueClient,
    /** Outlines are recomputed from the store alone (no clusterer state): done here. */
    private readonly local: Pick<StoriesService, 'refreshOutlines'>,
    private readonly timeoutMs = 30_000,
  ) {}

  private async run(job: StoriesJob, timeoutMs = this.timeoutMs): Promise<Extract<StoriesAnswer, { ok: true }>> {
    this.events ??= new QueueEvents('stories', { connection: this.client.duplicate(), prefix: this.client.settings.prefix });
    await this.events.waitUntilReady();
    const added = await this.client.queues.stories.add(job.kind, job);
    let answer: StoriesAnswer;
    try {
      answer = (await added.waitUntilFinished(this.events, timeoutMs)) as StoriesAnswer;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/timed out/i.test(message)) {
        // Not taken yet: withdraw it, so it does not happen later behind the editor's back.
        const withdrawn = await added.remove().then(() => true, () => false);
        throw new StoriesStageUnavailable(
          `the stories stage did not answer within ${Math.round(timeoutMs / 1000)} s (is a "newsroom worker" running?)${withdrawn ? '; nothing was changed' : '; it may still be applied'}`,
        );
      }
      throw new Error(message);
    }
    if (!answer.ok) throw new Error(answer.error);
    return answer;
  }

  async merge(from: number, into: number): Promise<void> {
    await this.run({ kind: 'merge', from, into });
  }

  async split(articleId: number): Promise<number> {
    const answer = await this.run({ kind: 'split', articleId });
    return answer.storyId!;
  }

  async rename(storyId: number, title: string | null): Promise<void> {
    await this.run({ kind: 'rename', storyId, title });
  }

  async recluster(timeoutMs = 3600_000): Promise<{ articles: number; stories: number }> {
    const answer = await this.run({ kind: 'recluster' }, timeoutMs);
    return { articles: answer.articles ?? 0, stories: answer.stories ?? 0 };
  }

  refreshOutlines(storyIds: Iterable<number>, now?: Date): Promise<void> {
    return this.local.refreshOutlines(storyIds, now);
  }

  async close(): Promise<void> {
    await this.events?.close();
  }
}
