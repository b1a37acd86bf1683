// Top Stories: stories ranked by how much of the press covers them, how much that press
// weighs, how fresh they are and how fast coverage is growing. In the spirit of the
// "hotness" of Lobsters and Lemmy: a score that grows with coverage and decays with age by
// a gravity exponent, so a big story stays up longer than a small one, but not for ever.
//
//   coverage  = Σ over distinct outlets of their weight (a source's weight, default 1)
//   velocity  = distinct outlets that joined in the last `velocityHours`
//   age       = hours since the story was first reported
//   score     = (coverage + velocityWeight × velocity) / (age + 2) ^ gravity
//
// Pinned stories come first in the order editors pinned them; hidden ones never appear.
import type { Story } from '../model.js';

export interface RankingOptions {
  /** How fast age pulls a story down: 1.8 is Hacker News's, Lemmy uses 1.8 too. */
  gravity: number;
  /** The window in which new outlets count as momentum. */
  velocityHours: number;
  /** How much one new outlet in that window counts, relative to one outlet of coverage. */
  velocityWeight: number;
}

export const DEFAULT_RANKING: RankingOptions = { gravity: 1.5, velocityHours: 6, velocityWeight: 0.5 };

export interface RankingInput {
  story: Story;
  /** Sum of the weights of the distinct outlets covering it. */
  coverage: number;
  /** Distinct outlets that joined in the velocity window. */
  recentOutlets: number;
}

export function storyScore(input: RankingInput, now: Date, options: RankingOptions = DEFAULT_RANKING): number {
  const first = input.story.firstReportedAt ?? input.story.createdAt;
  const ageHours = Math.max(0, (now.getTime() - first.getTime()) / 3_600_000);
  return (input.coverage + options.velocityWeight * input.recentOutlets) / Math.pow(ageHours + 2, options.gravity);
}

/** Stories in Top Stories order: pinned first, then by score, ties to the most recent. */
export function rankStories(inputs: RankingInput[], now: Date, options: RankingOptions = DEFAULT_RANKING): Story[] {
  return inputs
    .filter((i) => !i.story.hidden)
    .map((i) => ({ story: i.story, score: storyScore(i, now, options) }))
    .sort(
      (a, b) =>
        Number(b.story.pinned) - Number(a.story.pinned) ||
        b.score - a.score ||
        (b.story.lastReportedAt?.getTime() ?? 0) - (a.story.lastReportedAt?.getTime() ?? 0) ||
        b.story.id - a.story.id,
    )
    .map((s) => s.story);
}
