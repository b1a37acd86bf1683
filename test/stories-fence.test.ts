// The stories stage's lease is fenced in the store: a holder paused past its lease (a long
// garbage collection, a busy machine) that wakes mid-batch after another worker took the
// stage over must not write its decisions beside the new holder's — they were made on a
// window the new holder never learned, and with story numbers it hands out too. Two stages in
// this process on one store and one Redis; the first one's batch is held at its write (its
// pause), its lease taken from it, and let go once the second holder has decided the same
// articles. Runs on PostgreSQL when NEWSROOM_TEST_PG_URL is set, on SQLite otherwise; needs
// NEWSROOM_TEST_REDIS_URL.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { leaseKey } from '../src/queue/lease.js';
import { openQueues } from '../src/queue/queues.js';
import { loadQueueSettings } from '../src/queue/settings.js';
import { StoriesStage } from '../src/roles/stories-stage.js';
import { createPgSchema, PG_URL, type TestDatabase } from '../src/store/contract/engines.js';
import { openRepository } from '../src/store/open.js';
import type { Repository } from '../src/store/repository.js';
import { until } from './helpers/roles.js';

const REDIS = process.env.NEWSROOM_TEST_REDIS_URL;

describe(`the stories stage's fence, on ${PG_URL ? 'PostgreSQL' : 'SQLite'}`, { skip: REDIS ? false : 'set NEWSROOM_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run it' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-fence-'));
  const prefix = `newsroom-fence-${process.pid}-${Date.now()}`;
  const cleanups: Array<() => Promise<unknown> | unknown> = [];

  after(async () => {
    for (const clean of cleanups.reverse()) await clean();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the batch of a holder paused past its lease once another worker took the stage over', async () => {
    const database: TestDatabase = PG_URL ? await createPgSchema(PG_URL) : { address: path.join(dir, 'newsroom.db'), drop: async () => undefined };
    cleanups.push(() => database.drop());
    const repo = await openRepository(database.address);
    cleanups.push(() => repo.close());
    const client = openQueues(loadQueueSettings({ NEWSROOM_REDIS_URL: REDIS, NEWSROOM_QUEUE_PREFIX: prefix, NEWSROOM_LEASE_MS: '1500', NEWSROOM_QUEUE_LOCK_MS: '2000' }));
    cleanups.push(() => client.close());
    const redis = new Redis(REDIS!, { maxRetriesPerRequest: 1 });
    cleanups.push(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    const source = await repo.addSource({ feedUrl: 'http://127.0.0.1:9/fence.xml', name: 'Fence Post' }, 15);
    const make = (n: number, title: string, text: string) => ({
      sourceId: source.id, guid: `g${n}`, url: `https://fence.example/${n}`, canonicalUrl: `https://fence.example/${n}`, title, author: null,
      summary: text, contentHtml: null, imageUrl: null, section: null, categories: [], publishedAt: new Date(Date.now() - n * 60_000), fetchedAt: new Date(),
    });
    const stored = await repo.insertArticles([
      make(1, 'River Ambry floods Kesselford', 'Three people have died after the River Ambry burst its banks in Kesselford after record rain.'),
      make(2, 'Estravia raises interest rates', 'The Estravian central bank raised its key interest rate to 4.75 per cent on Thursday.'),
    ]);

    // The first holder's writes wait for the test's word: its pause, mid-batch, after it decided.
    let reachedWrite!: () => void;
    const atWrite = new Promise<void>((resolve) => (reachedWrite = resolve));
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const pausing = new Proxy(repo, {
      get(target, prop, receiver) {
        if (prop === 'saveStoryDecisions') {
          return async (...args: Parameters<Repository['saveStoryDecisions']>) => {
            reachedWrite();
            await woken;
            return target.saveStoryDecisions(...args);
          };
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const firstSaid: string[] = [];
    const first = new StoriesStage(pausing, client, (line) => firstSaid.push(line));
    cleanups.push(() => first.stop());
    first.start();
    await atWrite;

    // Its lease runs out while it sleeps; the second worker takes the stage over and decides the same articles.
    await redis.del(leaseKey(prefix, 'stories'));
    const second = new StoriesStage(repo, client);
    cleanups.push(() => second.stop());
    second.start();
    await until('the second holder to decide the articles', async () => {
      const views = await Promise.all(stored.map((a) => repo.getArticle(a.id)));
      return views.every((v) => v?.storyId !== null) && views;
    });
    assert.ok(second.isHolder());
    const decidedBySecond = await Promise.all(stored.map(async (a) => (await repo.getArticle(a.id))!.storyId));
    assert.notEqual(decidedBySecond[0], decidedBySecond[1], 'two events, two stories');

    // The first wakes and tries to write: refused whole, and it stops deciding.
    wake();
    await until('the first holder to hear it was deposed', async () => firstSaid.some((line) => /took the stories stage over; this worker's last batch was refused/.test(line)));
    assert.equal(first.isHolder(), false);
    assert.deepEqual(await Promise.all(stored.map(async (a) => (await repo.getArticle(a.id))!.storyId)), decidedBySecond);
    assert.equal((await repo.counts()).stories, 2);
  });
});
