// Where the stories stage's decider runs: on the caller's thread (`inlineDecider`), or on a
// worker thread of its own (`deciderThread`), so that clustering a batch overlaps with
// storing the one before and with the polls (docs/decisions/0021-stories-on-a-thread.md).
// Both answer the same tasks through `applyDeciderTask`, in the order they are sent.
import type { Source } from '../model.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { type Decided, type DeciderArticle, type KnownArticle, StoryDecider } from './decider.js';

export type DeciderTask =
  | { kind: 'reset'; lastStoryId: number }
  | { kind: 'sources'; sources: Source[] }
  | { kind: 'learn'; articles: KnownArticle[] }
  | { kind: 'decide'; articles: DeciderArticle[] }
  | { kind: 'merge'; fromId: number; intoId: number }
  | { kind: 'split'; articleId: number; copies: number[] };

/** What each task answers. */
export type DeciderResult = Decided | number | null;

export function applyDeciderTask(decider: StoryDecider, task: DeciderTask): DeciderResult {
  switch (task.kind) {
    case 'reset':
      decider.reset(task.lastStoryId);
      return null;
    case 'sources':
      decider.setSources(task.sources);
      return null;
    case 'learn':
      decider.learn(task.articles);
      return null;
    case 'decide':
      return decider.decide(task.articles);
    case 'merge':
      decider.merge(task.fromId, task.intoId);
      return null;
    case 'split':
      return decider.split(task.articleId, task.copies);
  }
}

/** The decider, wherever it runs. Tasks are applied in the order they are given. */
export interface DeciderPort {
  /** The decider itself when it runs on this thread: the insert can call it inside its transaction. */
  readonly local: StoryDecider | null;
  reset(lastStoryId: number): Promise<void>;
  setSources(sources: Source[]): Promise<void>;
  learn(articles: KnownArticle[]): Promise<void>;
  decide(articles: DeciderArticle[]): Promise<Decided>;
  merge(fromId: number, intoId: number): Promise<void>;
  split(articleId: number, copies: number[]): Promise<number>;
  close(): Promise<void>;
}

function port(local: StoryDecider | null, run: (task: DeciderTask) => Promise<DeciderResult>, close: () => Promise<void>): DeciderPort {
  return {
    local,
    reset: (lastStoryId) => run({ kind: 'reset', lastStoryId }).then(() => undefined),
    setSources: (sources) => run({ kind: 'sources', sources }).then(() => undefined),
    learn: (articles) => run({ kind: 'learn', articles }).then(() => undefined),
    decide: (articles) => run({ kind: 'decide', articles }) as Promise<Decided>,
    merge: (fromId, intoId) => run({ kind: 'merge', fromId, intoId }).then(() => undefined),
    split: (articleId, copies) => run({ kind: 'split', articleId, copies }) as Promise<number>,
    close,
  };
}

export function inlineDecider(windowHours: number): DeciderPort {
  const decider = new StoryDecider(windowHours);
  return port(decider, (task) => {
    try {
      return Promise.resolve(applyDeciderTask(decider, task));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }, () => Promise.resolve());
}

/**
 * The decider on a worker thread. Tasks are sent at once (up to 64 wait there), so that the
 * thread goes from one batch to the next while this one stores. A thread that dies is
 * replaced by one that knows nothing: its tasks fail, and the stage loads the window again.
 */
export function deciderThread(windowHours: number): DeciderPort {
  const pool = new WorkerPool<DeciderTask, DeciderResult>(new URL('./decider-worker.js', import.meta.url), 1, 64, { windowHours });
  return port(null, (task) => pool.run(task), () => pool.close());
}
