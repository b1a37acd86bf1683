// The demo as a fixture for whole-site browser tests: nine publishers on loopback, Newsroom
// following them on a temporary database, every article page fetched and extracted, and
// one approved reader comment, so pages show everything a reader meets (lead images,
// stories with several outlets, syndicated copies, related stories, a discussion).
import { openComments } from '../../src/comments/open.js';
import type { Story } from '../../src/model.js';
import type { Repository } from '../../src/store/repository.js';
import { type RunningDemo, startDemo } from '../../demo/run.js';

export interface DemoSite {
  demo: RunningDemo;
  repo: Repository;
  /** The site's address, without the trailing slash. */
  base: string;
  /** The story covered by the most outlets (the first of them by id). */
  widest: Story;
  /** A story with related stories, and the first of them. */
  withRelated: { story: Story; related: Story };
  close(): Promise<void>;
}

export async function startDemoSite(): Promise<DemoSite> {
  const demo = await startDemo({ port: 0, publishersBasePort: 0, log: () => {} });
  try {
    const repo = demo.server.repo;
    await demo.server.pages!.idle();
    const clustered = await repo.latestStories({ limit: 100 });
    const widest = [...clustered].sort((a, b) => b.outletCount - a.outletCount || a.id - b.id)[0]!;
    // Each demo event is one story and the events share no subject, so no page would list
    // related stories. Make a related pair as an editor does: one report split out of a
    // story (not the widest, which the tests read whole) becomes a story of its own.
    const other = [...clustered].filter((s) => s.id !== widest.id).sort((a, b) => b.articleCount - a.articleCount || a.id - b.id)[0]!;
    const reports = (await repo.storyArticles(other.id)).filter((a) => a.originalId === null);
    await demo.server.stories.split(reports[reports.length - 1]!.id);
    const stories = await repo.latestStories({ limit: 100 });
    const base = demo.server.url.replace(/\/$/, '');
    await approvedComment(repo, widest.id);
    return { demo, repo, base, widest, withRelated: await storyWithRelated(base, stories), close: () => demo.stop() };
  } catch (err) {
    await demo.stop();
    throw err;
  }
}

/** A comment posted through the comments service (as the form does) and approved by a moderator. */
async function approvedComment(repo: Repository, storyId: number): Promise<void> {
  const { service, moderator } = openComments(repo);
  const now = new Date();
  const token = await service.formToken(storyId, new Date(now.getTime() - 60_000));
  const outcome = await service.post({
    storyId,
    body: { comment: 'Thank you for putting every outlet’s report side by side; the timeline makes it easy to follow.', author: 'Ines Marlow', email: 'ines@example.org', token },
    clientAddress: '127.0.0.9',
    now,
  });
  if (outcome.kind !== 'posted') throw new Error(`demo comment refused: ${outcome.message}`);
  await moderator.apply(outcome.comment.id, 'approve');
}

/** The first story whose page lists related stories, found the way a reader would: on the page. */
async function storyWithRelated(base: string, stories: Story[]): Promise<{ story: Story; related: Story }> {
  for (const story of stories) {
    // Said to be a crawler, so these looks are not counted as readers' views (Most Popular).
    const body = await (await fetch(`${base}/story/${story.id}`, { headers: { 'user-agent': 'Newsroom test fixture (crawler)' } })).text();
    const box = /<section class="related"[\s\S]*?<\/section>/.exec(body)?.[0];
    const id = box && /href="\/story\/(\d+)"/.exec(box)?.[1];
    const related = id ? stories.find((s) => s.id === Number(id)) : undefined;
    if (related) return { story, related };
  }
  throw new Error('no story of the demo has related stories');
}
