// Most Popular: views counted on story and article pages, once a day per reader, without
// cookies; crawlers left out; shown as a widget and a page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../src/config.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { StoriesService } from '../src/stories/service.js';
import { buildApp } from '../src/web/app.js';
import { popularExtension } from '../src/web/popular/extension.js';
import { isBot } from '../src/web/popular/views.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

describe('Most Popular', () => {
  const repo = SqliteRepository.open(':memory:');
  let app: Awaited<ReturnType<typeof buildApp>>;
  const storyIds: number[] = [];
  const articleIds: number[] = [];

  before(async () => {
    app = await buildApp({ repo, config: defaultConfig(), extensions: [popularExtension({ repo, siteName: 'Newsroom' })] });
    const source = await repo.addSource({ feedUrl: 'https://wire.example/feed', name: 'Meridian Wire' }, 15);
    const stories = new StoriesService(repo);
    await stories.start();
    const titles = ['Kesselford floods after River Ambry bursts its banks', 'Estravian central bank raises its key rate to 4.75%'];
    for (const [i, title] of titles.entries()) {
      const [a] = await repo.insertArticles([{
        sourceId: source.id, guid: `g${i}`, url: `https://wire.example/${i}`, canonicalUrl: `https://wire.example/${i}`, title,
        author: null, summary: title, contentHtml: null, imageUrl: null, section: 'world', categories: [], publishedAt: new Date(), fetchedAt: new Date(),
      }]);
      await stories.process([a!]);
      const stored = (await repo.getArticle(a!.id))!;
      articleIds.push(stored.id);
      storyIds.push(stored.storyId!);
    }
  });
  after(async () => {
    await app.close();
    await repo.close();
  });

  const view = (url: string, ua = BROWSER, ip = '203.0.113.7') => app.inject({ url, headers: { 'user-agent': ua }, remoteAddress: ip });

  it('tells crawlers and tools from readers', () => {
    for (const ua of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'curl/8.5.0', 'python-requests/2.31', undefined]) assert.equal(isBot(ua), true, String(ua));
    assert.equal(isBot(BROWSER), false);
  });

  it('counts a reader once a day, from story and article pages alike, and ranks by readers', async () => {
    await view(`/story/${storyIds[0]}`);
    await view(`/story/${storyIds[0]}`); // the same reader again
    await view(`/article/${articleIds[0]}`); // and through an article of the story
    await view(`/story/${storyIds[0]}`, BROWSER, '198.51.100.9'); // another reader
    await view(`/story/${storyIds[1]}`, BROWSER, '198.51.100.9');
    await view(`/story/${storyIds[1]}`, 'Googlebot/2.1', '66.249.66.1'); // not a reader
    const page = await app.inject({ url: '/popular' });
    assert.equal(page.statusCode, 200);
    const day = page.body.slice(page.body.indexOf('Last 24 hours'), page.body.indexOf('Last 7 days'));
    assert.ok(day.indexOf(`/story/${storyIds[0]}`) < day.indexOf(`/story/${storyIds[1]}`), 'the story with more readers first');
    assert.match(day, /2 readers/);
    assert.match(day, /1 reader</);
  });

  it('shows the widget beside the content and stores no address', async () => {
    const home = await app.inject({ url: '/' });
    assert.match(home.body, /<h2 id="popular-heading"><a href="\/popular">Most Popular<\/a><\/h2>/);
    const rows = repo.database.prepare('SELECT viewer FROM story_views').all() as Array<{ viewer: string }>;
    assert.ok(rows.length >= 3);
    for (const r of rows) assert.ok(!r.viewer.includes('203.0.113.7') && !r.viewer.includes('198.51.100.9'));
  });

  it("keeps a merged story's readers with the story it went into, each reader once", async () => {
    await view(`/story/${storyIds[1]}`, BROWSER, '192.0.2.44'); // a reader of the second story only
    await repo.moveStoryArticles(storyIds[1]!, storyIds[0]!);
    await repo.deleteEmptyStories([storyIds[1]!]);
    const page = await app.inject({ url: '/popular' });
    const day = page.body.slice(page.body.indexOf('Last 24 hours'), page.body.indexOf('Last 7 days'));
    assert.doesNotMatch(day, new RegExp(`/story/${storyIds[1]}"`), 'the merged story is gone');
    // 203.0.113.7 and 198.51.100.9 read the first; 198.51.100.9 (again) and 192.0.2.44 the second.
    assert.match(day, new RegExp(`/story/${storyIds[0]}"[^]*?3 readers`));
  });
});
