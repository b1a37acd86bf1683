// The crash test of the production roles (issue #8): the demo publishers, two workers, a
// scheduler and a web process on one store and one Redis; one worker — the one running the
// stories stage — is killed with SIGKILL in the middle of a batch, and the scheduler too;
// both are restarted. Every article from the publishers must then be stored exactly once,
// every story be whole and hold one demo event, and no job be stuck or failed.
// The store is PostgreSQL — the engine roles on several machines share — in a schema of its
// own, dropped afterwards; the queues live under a prefix of their own in Redis. Runs when
// NEWSROOM_TEST_PG_URL and NEWSROOM_TEST_REDIS_URL are both set (.ci/run sets them);
// reported as skipped otherwise.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type DemoNetwork, startPublishers } from '../demo/publishers.js';
import { leaseHolder } from '../src/queue/lease.js';
import { queueDepths } from '../src/queue/dead-letter.js';
import { openQueues, type QueueClient } from '../src/queue/queues.js';
import { loadQueueSettings } from '../src/queue/settings.js';
import { storyOutline } from '../src/stories/outline.js';
import { createPgSchema, PG_URL, reportSkipped, type TestDatabase } from '../src/store/contract/engines.js';
import { openRepository } from '../src/store/open.js';
import { canonicalizeUrl } from '../src/text/url.js';
import { type RoleProcess, startRole, until } from './helpers/roles.js';

const REDIS = process.env.NEWSROOM_TEST_REDIS_URL;
/** Copies of the demo network (nine outlets, fifty articles each): enough pages to be caught mid-batch. */
const NETWORKS = 2;

const missing = [!PG_URL && 'NEWSROOM_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test)', !REDIS && 'NEWSROOM_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)'].filter(Boolean);
const SUITE = 'crash test on PostgreSQL and Redis: workers and the scheduler killed mid-batch lose and double nothing';
if (!reportSkipped(SUITE, missing.length > 0 && `set ${missing.join(' and ')} to run it`)) describe(SUITE, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-crash-'));
  const prefix = `newsroom-crash-${process.pid}-${Date.now()}`;
  let database: TestDatabase;
  let sql: pg.Client;
  let env: NodeJS.ProcessEnv;
  const networks: DemoNetwork[] = [];
  const running: RoleProcess[] = [];
  let client: QueueClient;
  let redis: Redis;
  let expected: string[] = [];
  let killedMidBatch = { pagesDone: 0, pagesTotal: 0, activeJobs: 0 };
  /** Set as the test's last step: otherwise what each process said is printed (CI keeps nothing else). */
  let passed = false;

  const start = (name: string, args: string[]) => {
    const role = startRole(name, args, env);
    running.push(role);
    return role;
  };
  const scalar = async (text: string): Promise<number> => Number(Object.values((await sql.query(text)).rows[0] as Record<string, unknown>)[0]);

  before(async () => {
    database = await createPgSchema(PG_URL!);
    env = {
      ...process.env,
      NEWSROOM_DATABASE_URL: database.address,
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
    for (let i = 0; i < NETWORKS; i++) networks.push(await startPublishers({ basePort: 0, pageDelayMs: 40 }));
    expected = networks.flatMap((n) => n.sites.flatMap((s) => s.articles.map((a) => canonicalizeUrl(`${s.url}articles/${a.slug}`)!)));
    const repo = await openRepository(database.address);
    for (const [i, n] of networks.entries()) {
      for (const site of n.sites) {
        const section = (await repo.ensureSection(site.outlet.section)).slug;
        await repo.addSource({ feedUrl: site.feedUrl, name: `${site.outlet.name} ${i + 1}`, section }, 15);
      }
    }
    await repo.close();
    sql = new pg.Client({ connectionString: database.address });
    await sql.connect();
    client = openQueues(loadQueueSettings(env));
    redis = new Redis(REDIS!, { maxRetriesPerRequest: 1 });
  });

  after(async () => {
    await Promise.all(running.map((r) => r.kill()));
    // What each process said, for the failure report.
    for (const r of running) fs.writeFileSync(path.join(dir, `${r.name.replace(/\s+/g, '-')}.log`), r.output());
    if (!passed) {
      for (const r of running) {
        const lines = r.output().trimEnd().split('\n').slice(-40);
        console.log(`# ${r.name} said (last ${lines.length} lines):\n${lines.map((l) => `#   ${l}`).join('\n')}`);
      }
    }
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await client?.close();
    await sql?.end();
    await Promise.all(networks.map((n) => n.close()));
    if (!process.env.NEWSROOM_CRASH_KEEP) {
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    } else console.log(`# kept ${dir} and ${database?.address}`);
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
    await until('the first pages', async () => (await scalar('SELECT COUNT(*) FROM article_pages')) >= 10, 30_000);
    const holder = await until('a stories holder', () => leaseHolder(redis, prefix, 'stories'), 10_000);
    const victim = workers.find((w) => holder.includes(`:${w.child.pid}:`));
    assert.ok(victim, `the stories lease ${holder} is held by one of the workers`);
    const depths = await queueDepths(client);
    killedMidBatch = {
      pagesDone: await scalar('SELECT COUNT(*) FROM article_pages'),
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
        if ((await scalar('SELECT COUNT(*) FROM articles')) < expected.length) return false;
        if ((await scalar('SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_pages p WHERE p.article_id = a.id)')) > 0) return false;
        if ((await scalar('SELECT COUNT(*) FROM articles WHERE story_id IS NULL')) > 0) return false;
        const d = await queueDepths(client);
        return d.every((q) => q.waiting + q.active + q.delayed === 0);
      },
      60_000,
    );

    mark('drained');
    // Exactly once: by canonical URL, by (source, guid), and each publisher article present once.
    const rows = (await sql.query('SELECT url, canonical_url, source_id, guid, story_id FROM articles')).rows.map((r) => ({
      url: String(r.url),
      canonical_url: String(r.canonical_url),
      source_id: Number(r.source_id),
      guid: String(r.guid),
      story_id: Number(r.story_id),
    }));
    const lost = expected.filter((u) => !rows.some((r) => r.canonical_url === u)).length;
    const duplicated = rows.length - new Set(rows.map((r) => r.canonical_url)).size;
    mark(`articles: ${expected.length} published, ${rows.length} stored, ${lost} lost, ${duplicated} duplicated`);
    assert.equal(rows.length, expected.length);
    assert.equal(duplicated, 0);
    assert.equal(new Set(rows.map((r) => `${r.source_id} ${r.guid}`)).size, rows.length);
    assert.deepEqual(rows.map((r) => r.canonical_url).sort(), [...expected].sort());
    assert.equal(await scalar('SELECT COUNT(*) FROM article_pages'), expected.length, 'one page per article');

    // Every story whole: its stored outline (headline, counts) is the one its articles make now.
    const store = await openRepository(database.address);
    try {
      const storyIds = (await sql.query('SELECT id FROM stories')).rows.map((r) => Number(r.id));
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
    } finally {
      await store.close();
    }
    assert.equal(await scalar('SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)'), 0);

    // One story per demo event, as the clusterer makes in any arrival order
    // (src/stories/cluster-demo.test.ts): an event split in two would be two clusterers at
    // work at once, a story holding two events two holders numbering stories alike. The one
    // allowance is the article that test names: the Courier's local angle on the dock strike,
    // read from its summary before the rest of its event, may stand alone in a story of its
    // own (once per copy of the demo network), never in another event's story.
    const source = new Map<string, { eventId: string; outlet: string }>(
      networks.flatMap((n) => n.sites.flatMap((site) => site.articles.map((a) => [canonicalizeUrl(`${site.url}articles/${a.slug}`)!, { eventId: a.eventId, outlet: a.outlet.slug }] as const))),
    );
    const isLocalAngle = (url: string) => {
      const s = source.get(url)!;
      return s.eventId === 'port-strike-portvale' && s.outlet === 'tessmoor-courier';
    };
    const storiesOfEvent = new Map<string, Set<number>>();
    const eventsOfStory = new Map<number, Set<string>>();
    const aloneStories = new Set<number>();
    for (const r of rows) {
      const event = source.get(r.canonical_url)!.eventId;
      eventsOfStory.set(r.story_id, (eventsOfStory.get(r.story_id) ?? new Set()).add(event));
      if (isLocalAngle(r.canonical_url) && rows.filter((o) => o.story_id === r.story_id).every((o) => isLocalAngle(o.canonical_url))) {
        aloneStories.add(r.story_id);
        continue;
      }
      storiesOfEvent.set(event, (storiesOfEvent.get(event) ?? new Set()).add(r.story_id));
    }
    const split = [...storiesOfEvent].filter(([, s]) => s.size > 1).map(([event, s]) => `${event}: ${s.size} stories`);
    const mixed = [...eventsOfStory].filter(([, e]) => e.size > 1).map(([id, e]) => `story ${id}: ${[...e].join(' + ')}`);
    mark(`stories: ${eventsOfStory.size} for ${storiesOfEvent.size} events; local angle alone in ${aloneStories.size}; split ${JSON.stringify(split)}; mixed ${JSON.stringify(mixed)}`);
    assert.deepEqual(mixed, [], 'no story mixes two events');
    assert.deepEqual(split, [], 'each event is one story');
    assert.ok(aloneStories.size <= NETWORKS, `the local angle stands alone at most once per network (${aloneStories.size})`);

    // Nothing stuck, nothing in the dead-letter list.
    for (const d of await queueDepths(client)) {
      assert.equal(d.active + d.waiting + d.delayed, 0, `${d.name} drained`);
      assert.equal(d.failed, 0, `${d.name}: no failed jobs`);
    }

    // The web process serves what the workers made.
    const storyId = await scalar('SELECT id FROM stories ORDER BY article_count DESC LIMIT 1');
    const page = await fetch(new URL(`/story/${storyId}`, url));
    assert.equal(page.status, 200);

    // SIGTERM: every role finishes what it has in hand and exits 0.
    for (const role of running.filter((r) => r.child.exitCode === null && r.child.signalCode === null)) {
      assert.equal(await role.stop(), 0, `${role.name} stops cleanly:\n${role.output()}`);
    }
    passed = true;
  });
});
