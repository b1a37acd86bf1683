import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import type { FetchResult, HttpClient } from '../fetch/http.js';
import type { NewArticle } from '../model.js';
import { prepareText } from '../stories/article-text.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { feedWork } from './feed-work.js';
import { pollSource } from './poll-source.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-poll-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function rss(items: Array<{ guid: string; link: string; title: string }>): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Poll</title><link>https://poll.example/</link>
    ${items
      .map((i) => `<item><guid>${i.guid}</guid><link>${i.link}</link><title>${i.title}</title>
        <description>${i.title}: what happened at the harbour on Thursday, as the council told reporters after its meeting.</description><pubDate>Thu, 01 Jan 2026 10:00:00 GMT</pubDate></item>`)
      .join('')}
  </channel></rss>`;
}

/** An HTTP client that serves the given feed text for every request. */
function serving(feed: () => string): HttpClient {
  return {
    get: async (url): Promise<FetchResult> => ({
      kind: 'ok', status: 200, url, body: Buffer.from(feed()), contentType: 'application/rss+xml',
      etag: null, lastModified: null, maxAgeSeconds: null,
    }),
    close: async () => {},
  };
}

// On this thread, and as the all-in-one polls: feeds read and articles made on a worker thread.
for (const threads of [0, 1]) describe(`pollSource (feed work on ${threads} threads)`, () => {
  const work = feedWork(threads);
  after(() => work.close());

  it('stores only new items, and builds articles only from those', async () => {
    const repo = SqliteRepository.open(path.join(dir, `poll-${threads}.db`));
    try {
      const handed: NewArticle[][] = [];
      const insert = repo.insertArticles.bind(repo);
      repo.insertArticles = async (articles) => {
        handed.push(articles);
        return insert(articles);
      };
      const config = loadConfig({}, { db: path.join(dir, 'unused.db') });
      let items = [
        { guid: 'a', link: 'https://poll.example/a', title: 'First' },
        { guid: 'b', link: 'https://poll.example/b?utm_source=feed', title: 'Second' },
      ];
      const deps = { repo, config, http: serving(() => rss(items)), feedWork: work };
      const source = await repo.addSource({ feedUrl: 'https://poll.example/feed', name: 'Poll' }, 15);

      const first = await pollSource(source, deps);
      assert.deepEqual([first.outcome, first.entries, first.inserted], ['ok', 2, 2]);

      // Next poll: both items again (one under a new guid, its link the same after
      // canonicalisation), an item whose guid is known under a moved link, and one new item.
      items = [
        { guid: 'c', link: 'https://poll.example/c', title: 'Third' },
        { guid: 'a', link: 'https://poll.example/a-moved', title: 'First, moved' },
        { guid: 'b2', link: 'https://poll.example/b', title: 'Second again' },
      ];
      const second = await pollSource((await repo.getSource(source.id))!, deps);
      assert.deepEqual([second.outcome, second.entries, second.inserted], ['ok', 3, 1]);
      const stored = await repo.latestArticles({ sourceId: source.id, limit: 10 });
      assert.deepEqual(stored.map((a) => a.title).sort(), ['First', 'Second', 'Third']);
      // Items already stored (by guid or canonical URL) are skipped before an article is built.
      assert.deepEqual(handed[1]!.map((a) => a.title), ['Third']);
      // Stored bare (no stories stage here, as in a worker role), each row keeps its text's
      // reading for the stage's holder: the fingerprint and the outlet it credits.
      for (const a of stored) {
        const reading = prepareText(a);
        assert.deepEqual([a.storyId, a.fingerprint, a.statedOriginal], [null, reading.fingerprint, reading.stated], a.title);
        assert.ok(a.fingerprint);
      }
    } finally {
      await repo.close();
    }
  });
});
