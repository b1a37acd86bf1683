// A story merged into another — by the stories stage, when an article shows two stories to be
// one event, or by an editor — is deleted once its articles have moved; whoever follows its
// address (a shared link, a reader's feed list, an API client) is led to the story it went
// into, through any later merges, while a story that never was is still not found.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { defaultConfig } from '../src/config.js';
import { apiExtension } from '../src/web/api/extension.js';
import { buildApp } from '../src/web/app.js';
import { commentsExtension } from '../src/web/comments/extension.js';
import { feedsOutExtension } from '../src/web/feeds-out/extension.js';
import { type Newsroom, openNewsroom, SITE_NAME } from './api-fixtures.js';

describe('the addresses of a merged story', () => {
  let nr: Newsroom;
  let app: FastifyInstance;

  before(async () => {
    nr = await openNewsroom({ fillers: 2 });
    app = await buildApp({
      repo: nr.repo,
      config: defaultConfig(),
      extensions: [commentsExtension({ repo: nr.repo, siteName: SITE_NAME }), feedsOutExtension({ repo: nr.repo, siteName: SITE_NAME }), apiExtension({ repo: nr.repo, siteName: SITE_NAME })],
    });
    // Two merges in a row: the first filler into the second, the second into the bank story.
    const [first, second] = nr.fillers;
    await nr.repo.moveStoryArticles(first!, second!);
    await nr.repo.moveStoryArticles(second!, nr.bank);
    assert.equal(await nr.repo.deleteEmptyStories([first!, second!]), 2);
  });
  after(async () => {
    await app.close();
    await nr.close();
  });

  it('leads from the story page, its feeds and its comments feed to the story it went into', async () => {
    for (const merged of nr.fillers) {
      for (const [from, to] of [
        [`/story/${merged}`, `/story/${nr.bank}`],
        [`/story/${merged}?replyto=7`, `/story/${nr.bank}?replyto=7`],
        [`/feeds/story/${merged}.atom`, `/feeds/story/${nr.bank}.atom`],
        [`/feeds/story/${merged}.json`, `/feeds/story/${nr.bank}.json`],
        [`/story/${merged}/comments.rss`, `/story/${nr.bank}/comments.rss`],
      ]) {
        const res = await app.inject({ url: from });
        assert.deepEqual([res.statusCode, res.headers.location], [301, to], from);
      }
    }
    assert.equal((await app.inject({ url: `/story/${nr.bank}` })).statusCode, 200, 'where it leads is there');
  });

  it('tells an API client where the story went', async () => {
    const res = await app.inject({ url: `/api/v1/stories/${nr.fillers[0]}` });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, new RegExp(`merged into story ${nr.bank}`));
  });

  it('still answers 404 for a story that never was, and shows a story that exists', async () => {
    for (const url of ['/story/999999', '/feeds/story/999999.rss', '/story/999999/comments.rss']) assert.equal((await app.inject({ url })).statusCode, 404, url);
    assert.equal(await nr.repo.storyRedirect(nr.bank), null, 'a story that exists leads nowhere else');
  });
});
