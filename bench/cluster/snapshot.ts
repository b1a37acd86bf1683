// Decision snapshots: a deterministic stream through the clusterer, every decision written
// down (story, new or not, merges, similarity to 9 places). The hot path is tuned for speed
// without changing a decision; cluster-snapshot.test.ts compares the current code with the
// snapshot the code before the tuning produced (src/stories/fixtures/cluster-decisions.json).
//   node dist/bench/cluster/snapshot.js > src/stories/fixtures/cluster-decisions.json
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';
import { newsStream } from './synthetic.js';

export interface SnapshotCase {
  name: string;
  articles: number;
  articlesPerHour: number;
  options: Partial<ClusterOptions>;
}

/**
 * Two runs: the defaults with a window that fills (~1,440 articles), and a small vocabulary and
 * a short document-frequency memory, so pruning and the vocabulary cap happen many times.
 */
export const SNAPSHOT_CASES: readonly SnapshotCase[] = [
  { name: 'defaults', articles: 2_500, articlesPerHour: 20, options: {} },
  { name: 'pruning', articles: 2_500, articlesPerHour: 40, options: { windowHours: 24, dfHalfLifeArticles: 300, maxVocabulary: 3_000 } },
];

/** One line per decision: story, "+" when new, merged stories, similarity. */
export function snapshotDecisions(c: SnapshotCase): string[] {
  const clusterer = new StoryClusterer(c.options);
  const stream = newsStream({ seed: 7, articlesPerHour: c.articlesPerHour, start: new Date('2024-06-01T00:00:00Z') });
  const lines: string[] = [];
  for (let i = 0; i < c.articles; i++) {
    const d = clusterer.add(stream.next().value!.article);
    lines.push(`${d.story}${d.isNew ? '+' : ''}${d.merged ? ` <${d.merged.join(',')}` : ''} ${d.similarity.toFixed(9)}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out: Record<string, string[]> = {};
  for (const c of SNAPSHOT_CASES) out[c.name] = snapshotDecisions(c);
  process.stdout.write(JSON.stringify(out, null, 0) + '\n');
}
