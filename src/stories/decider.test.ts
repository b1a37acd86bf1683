// The decider's part in merges: when the clusterer finds two stories to be one, the decisions
// and the merges it hands the store name the stories as they are at the end of the batch.
// Within one batch a story may be started, take another in, and be merged on in its turn
// (seen at 50,000 articles of the benchmark's stream): a merge into it would move articles
// into a story that never gets a row. A scripted clusterer plays that batch here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewArticle } from '../model.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { prepareText } from './article-text.js';
import type { ClusterArticle, ClusterDecision } from './cluster.js';
import { type Clusterer, type DeciderArticle, StoryDecider } from './decider.js';

/** Per article id: the story it joins (null: a new one) and the stories that joining merges into it. */
type Script = Record<string, { joins: string | null; merges?: string[] }>;

function scripted(script: Script): (windowHours: number, nextId: () => string) => Clusterer {
  return (_hours, nextId) => {
    const aliases = new Map<string, string>();
    const resolve = (id: string): string => (aliases.has(id) ? resolve(aliases.get(id)!) : id);
    return {
      add(article: ClusterArticle): ClusterDecision {
        const step = script[article.id];
        if (!step) throw new Error(`no script for article ${article.id}`);
        const story = step.joins === null ? nextId() : resolve(step.joins);
        for (const from of step.merges ?? []) aliases.set(from, story);
        return { id: article.id, story, isNew: step.joins === null, similarity: 1, ...(step.merges ? { merged: step.merges } : {}) };
      },
      restore: (article: ClusterArticle, storyId: string) => ({ id: article.id, story: storyId, isNew: false, similarity: 1 }),
      merge: () => undefined,
      assign: (_articleId: string, storyId: string | null) => storyId ?? nextId(),
    };
  };
}

const TEXTS = ['river floods the town', 'the bank raises its rate', 'a comet passes the earth', 'dock workers strike', 'a new bridge opens'];

describe('StoryDecider and merges', () => {
  it('names the stories as they end a batch, in its decisions and its merges, and the store takes them', async () => {
    const repo = SqliteRepository.open(':memory:');
    try {
      const source = await repo.addSource({ feedUrl: 'https://wire.example/feed', name: 'Meridian Wire' }, 15);
      const fresh = (n: number): NewArticle => ({
        sourceId: source.id, guid: `g${n}`, url: `https://wire.example/${n}`, canonicalUrl: `https://wire.example/${n}`,
        title: `${TEXTS[n - 1]} (${n})`, author: null, summary: `Reports say ${TEXTS[n - 1]}, officials confirmed on ${n} May.`, contentHtml: null,
        imageUrl: null, section: 'world', categories: [], publishedAt: new Date(Date.UTC(2026, 10, 29, 8, n)), fetchedAt: new Date(),
      });
      // Articles 1 and 2 start stories 1 and 2. In the next batch, 3 starts story 3, 4 joins it
      // and merges story 1 into it, then 5 joins story 2 and merges story 3 into that.
      const decider = new StoryDecider(72, scripted({
        1: { joins: null }, 2: { joins: null },
        3: { joins: null }, 4: { joins: '3', merges: ['1'] }, 5: { joins: '2', merges: ['3'] },
      }));
      decider.setSources([source]);
      const decide = (articles: Array<{ id: number } & NewArticle>) =>
        decider.decide(articles.map((a): DeciderArticle => ({ id: a.id, sourceId: a.sourceId, title: a.title, publishedAt: a.publishedAt, url: a.url, prepared: prepareText(a) })));

      await repo.insertArticles([fresh(1), fresh(2)], decide);
      let merges: unknown = null;
      const stored = await repo.insertArticles([fresh(3), fresh(4), fresh(5)], (articles) => {
        const decided = decide(articles);
        merges = decided.merges;
        return decided;
      });
      assert.deepEqual(stored.map((a) => a.storyId), [2, 2, 2], 'decisions name the story the batch ended in');
      assert.deepEqual(merges, [{ from: 1, into: 2 }, { from: 3, into: 2 }], 'and so do the merges: story 3 never had a row');
      assert.deepEqual((await repo.storyArticles(2)).map((a) => a.guid), ['g1', 'g2', 'g3', 'g4', 'g5']);
      assert.equal((await repo.storyArticles(1)).length, 0);

    } finally {
      await repo.close();
    }
  });
});
