// The crash test of the production roles (issue #8): the demo publishers, two workers, a
// scheduler and a web process on one store and one Redis; one worker — the one running the
// stories stage — is killed with SIGKILL in the middle of a batch, and the scheduler too;
// both are restarted. Every article from the publishers must then be stored exactly once,
// every story be whole and as one process alone makes it, and no job be stuck or failed.
// Runs when NEWSROOM_TEST_REDIS_URL is set (CI sets it); skipped otherwise.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { type DemoNetwork, startPublishers } from '../demo/publishers.js';
import { loadConfig } from '../src/config.js';
import { createHttpClient } from '../src/fetch/http.js';
import { pollSources } from '../src/jobs/poll-source.js';
import { leaseHolder } from '../src/queue/lease.js';
import { queueDepths } from '../src/queue/dead-letter.js';
import { openQueues, type QueueClient } from '../src/queue/queues.js';
import { loadQueueSettings } from '../src/queue/settings.js';
import { storyOutline } from '../src/stories/outline.js';
import { StoriesService } from '../src/stories/service.js';
import { openRepository } from '../src/store/open.js';
import { canonicalizeUrl } from '../src/text/url.js';
import { type RoleProcess, startRole, until } from './helpers/roles.js';

const REDIS = process.env.NEWSROOM_TEST_REDIS_URL;
/** Copies of the demo network (nine outlets, fifty articles each): enough pages to be caught mid-batch. */
const NETWORKS = 2;

describe('crash test: workers and the scheduler killed mid-batch lose and double nothing', { skip: REDIS ? false : 'set NEWSROOM_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run it' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-crash-'));
  const dbFile = path.join(dir, 'newsroom.db');
  const prefix = `newsroom-crash-${process.pid}-${Date.now()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEWSROOM_DB: dbFile,
    NEWSROOM_REDIS_URL: REDIS,
    NEWSROOM_QUEUE_PREFIX: prefix,
    NEWSROOM_ALLOW_LOOPBACK: '1',
    NEWSROOM_FETCH_SPACING_MS: '0',
    // A dead worker's jobs and leases come back within seconds, not the production half-minute
    // (yet not so soon that a process slowed by a busy machine loses them while alive).
    NEWSROOM_QUEUE_LOCK_MS: '5000',
    NEWSROOM_LEASE_MS: '4000',
    NEWSROOM_SCHEDULE_TICK_SECONDS: '1',
  };
  const networks: DemoNetwork[] = [];
  const running: RoleProcess[] = [];
  let client: QueueClient;
  let redis: Redis;
  let expected: string[] = [];
  let killedMidBatch = { pagesDone: 0, pagesTotal: 0, activeJobs: 0 };

  const start = (name: string, args: string[]) => {
    const role = startRole(name, args, env);
    running.push(role);
    return role;
  };
  const db = () => new Database(dbFile, { readonly: true, fileMustExist: true });
  const scalar = (sql: string): number => {
    const conn = db();
    try {
      return Number(Object.values(conn.prepare(sql).get() as Record<string, unknown>)[0]);
    } finally {
      conn.close();
    }
  };

  before(async () => {
    for (let i = 0; i < NETWORKS; i++) networks.push(await startPublishers({ basePort: 0, pageDelayMs: 40 }));
    expected = networks.flatMap((n) => n.sites.flatMap((s) => s.articles.map((a) => canonicalizeUrl(`${s.url}articles/${a.slug}`)!)));
    const repo = await openRepository(dbFile);
    for (const [i, n] of networks.entries()) {
      for (const site of n.sites) {
        const section = (await repo.ensureSection(site.outlet.section)).slug;
        await repo.addSource({ feedUrl: site.feedUrl, name: `${site.outlet.name} ${i + 1}`, section }, 15);
      }
    }
    await repo.close();
    client = openQueues(loadQueueSettings(env));
    redis = new Redis(REDIS!, { maxRetriesPerRequest: 1 });
  });

  after(async () => {
    await Promise.all(running.map((r) => r.kill()));
    // What each process said, for the failure report.
    for (const r of running) fs.writeFileSync(path.join(dir, `${r.name.replace(/\s+/g, '-')}.log`), r.output());
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await client?.close();
    await Promise.all(networks.map((n) => n.close()));
    if (!process.env.NEWSROOM_CRASH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`# kept ${dir}`);
  });

  it('runs web, scheduler and two workers; kills the stories worker mid-batch and the scheduler; recovers', { timeout: 180_000 }, async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`# ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
    const web = start('web', ['web', '--port', '0']);
    const [, url] = await web.waitFor(/running at (http:\/\/\S+)/);
    const scheduler = start('scheduler', ['scheduler']);
    const workers = [start('worker 1', ['worker', '--concurrency', '3']), start('worker 2', ['worker', '--concurrency', '3'])];
    await scheduler.waitFor(/scheduler: active/);

    // Mid-batch: some pages stored, many still to come, jobs in hand.
    await until('the first pages', () => scalar('SELECT COUNT(*) FROM article_pages') >= 10, 30_000);
    const holder = await until('a stories holder', () => leaseHolder(redis, prefix, 'stories'), 10_000);
    const victim = workers.find((w) => holder.includes(`:${w.child.pid}:`));
    assert.ok(victim, `the stories lease ${holder} is held by one of the workers`);
    const depths = await queueDepths(client);
    killedMidBatch = {
      pagesDone: scalar('SELECT COUNT(*) FROM article_pages'),
      pagesTotal: expected.length,
      activeJobs: depths.reduce((n, d) => n + d.active, 0),
    };
    mark(`killing ${victim.name} (stories holder) and the scheduler: ${JSON.stringify(killedMidBatch)}`);
    await victim.kill();
    await scheduler.kill();
    assert.ok(killedMidBatch.pagesDone < killedMidBatch.pagesTotal, `killed before the batch ended (${killedMidBatch.pagesDone}/${killedMidBatch.pagesTotal} pages)`);
    assert.ok(killedMidBatch.activeJobs > 0, 'jobs were in hand when the worker died');

    // Restarted, they carry on: a new scheduler, a new worker; the survivor takes the stories lease over.
    const scheduler2 = start('scheduler 2', ['scheduler']);
    start('worker 3', ['worker', '--concurrency', '3']);
    await scheduler2.waitFor(/scheduler: active/, 15_000);

    await until(
      'every article stored, paged and clustered, and the queues drained',
      async () => {
        if (scalar('SELECT COUNT(*) FROM articles') < expected.length) return false;
        if (scalar('SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_pages p WHERE p.article_id = a.id)') > 0) return false;
        if (scalar('SELECT COUNT(*) FROM articles WHERE story_id IS NULL') > 0) return false;
        const d = await queueDepths(client);
        return d.every((q) => q.waiting + q.active + q.delayed === 0);
      },
      60_000,
    );

    mark('drained');
    // Exactly once: by canonical URL, by (source, guid), and each publisher article present once.
    const conn = db();
    try {
      const rows = conn.prepare('SELECT url, canonical_url, source_id, guid, story_id FROM articles').all() as Array<{ url: string; canonical_url: string; source_id: number; guid: string; story_id: number | null }>;
      assert.equal(rows.length, expected.length);
      assert.equal(new Set(rows.map((r) => r.canonical_url)).size, rows.length);
      assert.equal(new Set(rows.map((r) => `${r.source_id} ${r.guid}`)).size, rows.length);
      assert.deepEqual(rows.map((r) => r.canonical_url).sort(), [...expected].sort());
      assert.equal((conn.prepare('SELECT COUNT(*) AS n FROM article_pages').get() as { n: number }).n, expected.length, 'one page per article');

      // Every story whole: its stored outline (headline, counts) is the one its articles make now.
      const store = await openRepository(dbFile);
      const storyIds = (conn.prepare('SELECT id FROM stories').all() as Array<{ id: number }>).map((r) => r.id);
      for (const id of storyIds) {
        const [stored, articles] = [await store.getStory(id), await store.storyArticles(id)];
        assert.ok(stored && articles.length > 0, `story ${id} has articles`);
        const outline = storyOutline(id, articles, () => 1);
        assert.deepEqual(
          { title: stored.autoTitle, articles: stored.articleCount, outlets: stored.outletCount },
          { title: outline.autoTitle, articles: outline.articleCount, outlets: outline.outletCount },
          `story ${id} is up to date`,
        );
      }
      await store.close();
      assert.equal((conn.prepare('SELECT COUNT(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)').get() as { n: number }).n, 0);

      // The same stories as one all-in-one process makes from the same feeds.
      const refDb = path.join(dir, 'reference.db');
      const config = loadConfig({}, { db: refDb, allowLoopback: true });
      config.fetch.perHostSpacingMs = 0;
      const refRepo = await openRepository(refDb);
      const http = createHttpClient(config.fetch);
      const sources = await (await openRepository(dbFile)).listSources();
      for (const s of sources) {
        const section = s.section ? (await refRepo.ensureSection(s.section)).slug : null;
        await refRepo.addSource({ feedUrl: s.feedUrl, name: s.name, section }, 15);
      }
      const stages = new StoriesService(refRepo);
      await stages.start();
      await pollSources(await refRepo.listSources(), { repo: refRepo, http, config, stories: stages });
      const reference = (await refRepo.articlesInOrder(null, 10_000)).map((a) => ({ url: a.url, story_id: a.storyId }));
      await http.close();
      await refRepo.close();
      mark('reference run done');
      const eventOf = new Map(networks.flatMap((n) => n.sites.flatMap((site) => site.articles.map((a) => [canonicalizeUrl(`${site.url}articles/${a.slug}`)!, a.eventId] as const))));
      const purity = (list: Array<{ url: string; story_id: number | null }>) => {
        const storiesOfEvent = new Map<string, Set<number>>();
        const eventsOfStory = new Map<number, Set<string>>();
        for (const r of list) {
          const ev = eventOf.get(canonicalizeUrl(r.url)!)!;
          storiesOfEvent.set(ev, (storiesOfEvent.get(ev) ?? new Set()).add(r.story_id!));
          eventsOfStory.set(r.story_id!, (eventsOfStory.get(r.story_id!) ?? new Set()).add(ev));
        }
        return {
          split: new Map([...storiesOfEvent.entries()].filter(([, s]) => s.size > 1).map(([e, s]) => [e, s.size])),
          mixed: [...eventsOfStory.values()].filter((e) => e.size > 1).map((e) => [...e].join(' + ')),
        };
      };
      // Online clustering depends on the order articles arrive in, and one process polling
      // eight feeds at once does not fix that order either, so an event on the edge can come
      // out as two stories in one run and one in another. Compared by demo event: no story
      // mixes two events (two holders numbering stories would), and events are split at most
      // a little more than one process splits them (two clusterers at once would split
      // nearly every event: one story per worker).
      const [crash, single] = [purity(rows), purity(reference)];
      assert.deepEqual(crash.mixed, [], 'no story mixes two events');
      const extra = [...crash.split].map(([event, count]) => ({ event, count, single: single.split.get(event) ?? 1 })).filter((e) => e.count > e.single);
      const extraStories = extra.reduce((n, e) => n + e.count - e.single, 0);
      console.log(`# stories: ${new Set(rows.map((r) => r.story_id)).size} here, ${new Set(reference.map((r) => r.story_id)).size} in one process; split further here: ${JSON.stringify(extra)}`);
      assert.ok(extraStories <= 2, `events split further than one process splits them: ${JSON.stringify(extra)}`);
    } finally {
      conn.close();
    }

    // Nothing stuck, nothing in the dead-letter list.
    for (const d of await queueDepths(client)) {
      assert.equal(d.active + d.waiting + d.delayed, 0, `${d.name} drained`);
      assert.equal(d.failed, 0, `${d.name}: no failed jobs`);
    }

    // The web process serves what the workers made.
    const storyId = scalar('SELECT id FROM stories ORDER BY article_count DESC LIMIT 1');
    const page = await fetch(new URL(`/story/${storyId}`, url));
    assert.equal(page.status, 200);

    // SIGTERM: every role finishes what it has in hand and exits 0.
    for (const role of running.filter((r) => r.child.exitCode === null && r.child.signalCode === null)) {
      assert.equal(await role.stop(), 0, `${role.name} stops cleanly:\n${role.output()}`);
    }
  });
});
