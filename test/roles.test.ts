// The production roles' parts over a real Redis: leases, the scheduler's job ids, the
// dead-letter list through the CLI and the admin's Jobs page, and the editor's story actions
// reaching the stories holder. Runs when NEWSROOM_TEST_REDIS_URL is set; skipped otherwise.
// The store is PostgreSQL (a schema of its own, dropped afterwards) when NEWSROOM_TEST_PG_URL
// is set, as CI and several machines run the roles; a SQLite file otherwise.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { projectPath } from '../src/paths.js';
import { queueDepths, failedJobs } from '../src/queue/dead-letter.js';
import { Lease } from '../src/queue/lease.js';
import { followChanges, registerQueueOps, relayChanges } from '../src/queue/ops.js';
import { Readiness } from '../src/ops/health.js';
import { announceChange, storyTag } from '../src/store/changes.js';
import { openQueues, type QueueClient } from '../src/queue/queues.js';
import { loadQueueSettings } from '../src/queue/settings.js';
import { QueuedStoryEditor, StoriesStageUnavailable } from '../src/queue/story-editor.js';
import { FULL_PASS_MS, TickMemory, tickOnce } from '../src/roles/scheduler.js';
import { BehindSignal, pollConcurrency, stageIsBehind } from '../src/roles/pacing.js';
import { startWorker, type RunningWorker } from '../src/roles/worker.js';
import { StoriesService } from '../src/stories/service.js';
import { openRepository } from '../src/store/open.js';
import { createPgSchema, PG_URL, type TestDatabase } from '../src/store/contract/engines.js';
import { Client, startAdmin } from './helpers/admin-fixtures.js';
import { until } from './helpers/roles.js';

const REDIS = process.env.NEWSROOM_TEST_REDIS_URL;

describe(`production roles over Redis, on ${PG_URL ? 'PostgreSQL' : 'SQLite'}`, { skip: REDIS ? false : 'set NEWSROOM_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run it' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-roles-'));
  let database: TestDatabase;
  let dbAddress: string;
  const prefix = `newsroom-roles-${process.pid}-${Date.now()}`;
  const env = { NEWSROOM_REDIS_URL: REDIS, NEWSROOM_QUEUE_PREFIX: prefix, NEWSROOM_QUEUE_LOCK_MS: '2000', NEWSROOM_LEASE_MS: '1500' };
  const settings = loadQueueSettings(env);
  let client: QueueClient;
  let redis: Redis;
  let worker: RunningWorker;

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [projectPath('bin/newsroom.js'), ...args], { env: { ...process.env, ...env, ...(PG_URL ? { NEWSROOM_DATABASE_URL: dbAddress } : { NEWSROOM_DB: dbAddress }) }, encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  before(async () => {
    database = PG_URL ? await createPgSchema(PG_URL) : { address: path.join(dir, 'newsroom.db'), drop: async () => undefined };
    dbAddress = database.address;
    await (await openRepository(dbAddress)).close();
    client = openQueues(settings);
    redis = new Redis(REDIS!, { maxRetriesPerRequest: 1 });
  });

  after(async () => {
    await worker?.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await client?.close();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a lease has one holder; a standby takes over when it is given up, or when the holder dies', async () => {
    const events: string[] = [];
    const make = (name: string) =>
      new Lease(redis, prefix, 'test', 1500, { acquired: async () => void events.push(`${name} acquired`), lost: async () => void events.push(`${name} lost`) });
    const [a, b] = [make('a'), make('b')];
    a.start();
    await until('a to hold it', async () => a.isHeld());
    b.start();
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(b.isHeld(), false, 'one holder at a time');
    await a.stop();
    await until('b to take over at once', async () => b.isHeld(), 1000);
    assert.deepEqual(events, ['a acquired', 'a lost', 'b acquired']);

    // A holder that dies keeps the key until it expires; then the standby has it.
    const c = make('c');
    c.start();
    await redis.set(`${prefix}:lease:test`, 'someone-else', 'PX', 1500);
    await until('b to notice it lost the lease', async () => !b.isHeld(), 2000);
    assert.equal(await b.confirm(), false, 'a holder that lost the lease cannot renew it');
    await until('a standby to take over after expiry', async () => b.isHeld() || c.isHeld(), 4000);
    await Promise.all([b.stop(), c.stop()]);
  });

  it('the scheduler queues each due source once, however often it ticks', async () => {
    const repo = await openRepository(dbAddress);
    const sources = [
      await repo.addSource({ feedUrl: 'http://127.0.0.1:9/a.xml', name: 'Feed A' }, 15),
      await repo.addSource({ feedUrl: 'http://127.0.0.1:9/b.xml', name: 'Feed B' }, 15),
    ];
    await tickOnce(repo, client);
    await tickOnce(repo, client);
    const waiting = await client.queues.poll.getJobs(['wait']);
    assert.deepEqual(waiting.map((j) => j.data.sourceId).sort(), sources.map((s) => s.id).sort());
    await client.queues.poll.obliterate({ force: true });
    for (const s of sources) await repo.removeSource(s.id);
    await repo.close();
  });

  it('the active scheduler sends only slots it has not sent, and all of them again on a full pass', async () => {
    const repo = await openRepository(dbAddress);
    const sources = [
      await repo.addSource({ feedUrl: 'http://127.0.0.1:9/c.xml', name: 'Feed C' }, 15),
      await repo.addSource({ feedUrl: 'http://127.0.0.1:9/d.xml', name: 'Feed D' }, 15),
    ];
    const [stored] = await repo.insertArticles([{
      sourceId: sources[0]!.id, guid: 'c1', url: 'http://127.0.0.1:9/c1', canonicalUrl: 'http://127.0.0.1:9/c1', title: 'C1', author: null,
      summary: null, contentHtml: null, imageUrl: null, section: null, categories: [], publishedAt: new Date(), fetchedAt: new Date(),
    }]);
    const t0 = new Date(Date.now() + 1000);
    const memory = new TickMemory(false);
    assert.deepEqual(await tickOnce(repo, client, t0, memory), { due: 2, pageBacklog: 0 }, 'the first tick is a full pass; with extraction off, no pages');
    assert.deepEqual(await tickOnce(repo, client, new Date(t0.getTime() + 50), memory), { due: 0, pageBacklog: 0 }, 'nothing new is due');
    // A job removed (from the dead-letter list, say) is not known to the memory: the next full pass sends it again.
    await client.queues.poll.obliterate({ force: true });
    assert.equal((await tickOnce(repo, client, new Date(t0.getTime() + 100), memory)).due, 0);
    assert.equal((await tickOnce(repo, client, new Date(t0.getTime() + FULL_PASS_MS), memory)).due, 2);
    assert.deepEqual((await client.queues.poll.getJobs(['wait'])).map((j) => j.data.sourceId).sort(), sources.map((s) => s.id).sort());
    // A polled source is due again at a new time: a new slot, sent on the next tick.
    const polled = (await repo.getSource(sources[0]!.id))!;
    const next = new Date(t0.getTime() + FULL_PASS_MS + 10);
    await repo.recordFetch(polled.id, { ...polled, lastFetchAt: new Date(), lastOutcome: 'ok', nextFetchAt: next });
    assert.equal((await tickOnce(repo, client, new Date(next.getTime() + 10), memory)).due, 1);
    // With extraction on, the full pass queues the pages of articles without one.
    const extracting = await tickOnce(repo, client, t0, new TickMemory(true));
    assert.ok(extracting.pageBacklog >= 1);
    assert.ok(await client.queues.pages.getJob(`page-${stored!.id}`));
    await client.queues.poll.obliterate({ force: true });
    await client.queues.pages.obliterate({ force: true });
    for (const s of sources) await repo.removeSource(s.id);
    await repo.close();
  });

  it('a job failing every attempt lands in the dead-letter list; the CLI lists, retries and removes it', async () => {
    const config = loadConfig({}, { db: dbAddress });
    worker = await startWorker(config, settings, { concurrency: 2, log: () => undefined });
    const job = await client.queues.pages.add('page', { articleId: 'not a number' }, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    const ref = `pages/${job.id}`;
    await until('the job to fail twice', async () => (await failedJobs(client)).find((f) => f.ref === ref));
    const [failed] = await failedJobs(client);
    assert.equal(failed!.attempts, 2);
    assert.match(failed!.error, /^the job's data is not valid: articleId: Invalid input: expected number, received string; url: /);

    const listed = cli('jobs', 'failed');
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, new RegExp(`${ref}.*2 attempts`));
    const depths = cli('jobs');
    assert.match(depths.out, /^pages\s+0\s+0\s+0\s+1\s/m);

    const retried = cli('jobs', 'retry', ref);
    assert.equal(retried.code, 0, retried.err);
    assert.match(retried.out, new RegExp(`Job ${ref} queued again`));
    await until('the retried job to fail again', async () => (await client.queues.pages.getJob(job.id!))?.isFailed());

    const unknown = cli('jobs', 'retry', 'pages/999999');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no job "pages\/999999"/);
    assert.equal(cli('jobs', 'retry').code, 2, 'a retry without a job is a usage error');

    const removed = cli('jobs', 'remove', ref);
    assert.equal(removed.code, 0, removed.err);
    assert.equal((await queueDepths(client)).find((d) => d.name === 'pages')!.failed, 0);
  });

  it('the admin Jobs page shows the queues and failed jobs, and retries them with a CSRF token', async () => {
    const job = await client.queues.pages.add('page', { articleId: 0, url: '' }, { attempts: 1 });
    await until('the job to fail', async () => (await client.queues.pages.getJob(job.id!))?.isFailed());
    // The admin on the roles' own store: its audit log is written to that engine.
    const fx = await startAdmin({ queue: client, repo: await openRepository(dbAddress) });
    try {
      const browser = new Client(fx.app);
      await browser.login();
      const page = await browser.get('/admin/jobs');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<th scope="row"><code>pages<\/code><\/th><td>0<\/td><td>—<\/td><td>0<\/td><td>0<\/td><td>1<\/td>/);
      assert.match(page.body, new RegExp(`<code>pages/${job.id}</code>`));
      assert.match(page.body, /<td class="error-text">the job&#39;s data is not valid: articleId: Too small/, 'the error is shown');

      const forged = await browser.post('/admin/jobs/retry', { job: `pages/${job.id}` });
      assert.equal(forged.statusCode, 403, 'no CSRF token, no retry');
      const retried = await browser.submit('/admin/jobs/retry', { job: `pages/${job.id}` });
      assert.equal(retried.statusCode, 303);
      assert.match((await browser.get('/admin/jobs')).body, new RegExp(`Job pages/${job.id} queued again`));
      await until('it to fail again', async () => (await client.queues.pages.getJob(job.id!))?.isFailed());
      assert.equal((await browser.submit('/admin/jobs/remove', { job: `pages/${job.id}` })).statusCode, 303);
      assert.match((await browser.get('/admin/jobs')).body, /No failed jobs\./);
      assert.ok((await fx.store.listAudit({ limit: 10 })).some((e) => e.action === 'job.retry'));
    } finally {
      await fx.close();
    }
  });

  it('relays the workers\' change announcements to the web caches, and reports Redis in readiness', async () => {
    const workerRepo = await openRepository(dbAddress);
    const stopRelay = relayChanges(workerRepo, client);
    const heard: string[][] = [];
    const stopFollowing = await followChanges(client, (tags) => heard.push(tags));
    announceChange(workerRepo, ['lists', storyTag(7)]);
    await until('the web side to hear it', async () => heard.length > 0);
    assert.deepEqual(heard, [['lists', 'story:7']]);
    stopRelay();
    await stopFollowing();
    await workerRepo.close();

    const readiness = new Readiness();
    const undo = registerQueueOps(client, readiness);
    const report = await readiness.run();
    assert.equal(report.checks.queue?.ok, true);
    undo();
  });

  it('a stories holder that is behind has every worker poll one source at a time, until it catches up or its word lapses', async () => {
    const own = `${prefix}-pacing`;
    const signal = new BehindSignal(redis, own, 300);
    assert.equal(await stageIsBehind(redis, own), false);
    await signal.say(true);
    assert.equal(await stageIsBehind(redis, own), true);
    assert.equal(pollConcurrency({ concurrency: 8, behind: true, otherWorkers: true }), 1);
    assert.equal(pollConcurrency({ concurrency: 8, behind: true, otherWorkers: false }), 8, 'a worker alone keeps polling');
    assert.equal(pollConcurrency({ concurrency: 8, behind: false, otherWorkers: true }), 8);
    await signal.say(false);
    assert.equal(await stageIsBehind(redis, own), false, 'caught up');
    // A holder that dies behind: its word lapses by itself.
    await signal.say(true);
    assert.equal(await stageIsBehind(redis, own), true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    assert.equal(await stageIsBehind(redis, own), false, 'lapsed');
  });

  it('the stories holder gives stored articles their story, and editors act through it', async () => {
    const repo = await openRepository(dbAddress);
    const source = await repo.addSource({ feedUrl: 'http://127.0.0.1:9/c.xml', name: 'Ledger' }, 15);
    const make = (n: number, title: string, text: string) => ({
      sourceId: source.id, guid: `g${n}`, url: `https://ledger.example/${n}`, canonicalUrl: `https://ledger.example/${n}`, title, author: null,
      summary: text, contentHtml: null, imageUrl: null, section: null, categories: [], publishedAt: new Date(Date.now() - n * 60_000), fetchedAt: new Date(),
    });
    const [a] = await repo.insertArticles([
      make(1, 'River Ambry floods Kesselford', 'Three people have died after the River Ambry burst its banks in Kesselford after record rain.'),
      make(2, 'Estravia raises interest rates', 'The Estravian central bank raised its key interest rate to 4.75 per cent on Thursday.'),
    ]);
    const story = await until('the sweep to give it a story', async () => (await repo.getArticle(a!.id))?.storyId);
    assert.ok(worker.stories.isHolder());

    const local = new StoriesService(repo);
    const editor = new QueuedStoryEditor(client, local);
    await editor.rename(story, 'Kesselford under water');
    assert.equal((await repo.getStory(story))!.editorTitle, 'Kesselford under water');
    await assert.rejects(editor.merge(999_999, story), /no story 999999/);
    await editor.close();

    // No worker holds the stories stage: the editor hears so, and nothing is left to happen later.
    const orphan = openQueues(loadQueueSettings({ ...env, NEWSROOM_QUEUE_PREFIX: `${prefix}-empty` }));
    const unanswered = new QueuedStoryEditor(orphan, local, 1000);
    await assert.rejects(unanswered.rename(story, 'Too late'), (err: Error) => err instanceof StoriesStageUnavailable && /nothing was changed/.test(err.message));
    assert.equal((await orphan.queues.stories.getJobCounts('waiting')).waiting, 0);
    await unanswered.close();
    await orphan.close();
    await repo.close();
  });
});

describe('production roles: settings', () => {
  it('explains what is missing or wrong', () => {
    assert.throws(() => loadQueueSettings({}), /NEWSROOM_REDIS_URL is not set/);
    assert.throws(() => loadQueueSettings({ NEWSROOM_REDIS_URL: 'http://x' }), /NEWSROOM_REDIS_URL: must start with redis:\/\//);
    assert.throws(() => loadQueueSettings({ NEWSROOM_REDIS_URL: 'redis://x', NEWSROOM_LEASE_MS: 'soon' }), /NEWSROOM_LEASE_MS must be a number/);
    assert.equal(loadQueueSettings({ NEWSROOM_REDIS_URL: 'redis://x' }).prefix, 'newsroom');
  });
});
