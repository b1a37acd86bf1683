import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowed, parseRobots, RobotsCache } from './robots.js';
import type { FetchResult, HttpClient } from './http.js';

const NEWS_SITE = `# robots.txt for a news site
User-agent: *
Disallow: /search
Disallow: /*?share=
Disallow: /private/
Allow: /private/press-releases/
Crawl-delay: 2

User-agent: GPTBot
Disallow: /

User-agent: Newsroom
User-agent: Feedfetcher
Disallow: /premium/
Allow: /premium/free-*$
`;

describe('parseRobots', () => {
  it('applies the group for our product token, else the * group', () => {
    const ours = parseRobots(NEWS_SITE, 'Newsroom/0.1');
    assert.equal(isAllowed(ours, '/premium/story-1'), false);
    assert.equal(isAllowed(ours, '/premium/free-story'), true);
    assert.equal(isAllowed(ours, '/search?q=x'), true, 'our group does not inherit the * rules');
    const generic = parseRobots(NEWS_SITE, 'OtherBot');
    assert.equal(isAllowed(generic, '/search?q=floods'), false);
    assert.equal(isAllowed(generic, '/world/floods'), true);
    assert.equal(generic.crawlDelaySeconds, 2);
  });

  it('lets the longest match win, Allow on a tie, with * and $ in patterns', () => {
    const rules = parseRobots(NEWS_SITE, 'SomeBot');
    assert.equal(isAllowed(rules, '/private/notes'), false);
    assert.equal(isAllowed(rules, '/private/press-releases/2024'), true);
    assert.equal(isAllowed(rules, '/world/story?share=twitter'), false);
    const tie = parseRobots('User-agent: *\nDisallow: /a\nAllow: /a\n', 'x');
    assert.equal(isAllowed(tie, '/a/b'), true);
  });

  it('allows everything with an empty Disallow or no rules', () => {
    assert.equal(isAllowed(parseRobots('User-agent: *\nDisallow:\n', 'Newsroom'), '/anything'), true);
    assert.equal(isAllowed(parseRobots('', 'Newsroom'), '/anything'), true);
  });
});

describe('RobotsCache', () => {
  function fakeHttp(answers: Record<string, FetchResult>): HttpClient & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      async get(url: string) {
        calls.push(url);
        return answers[url] ?? { kind: 'error', error: 'network', message: 'ECONNREFUSED', url, status: null, retryAfterMs: null };
      },
      async close() {},
    };
  }
  const ok = (url: string, body: string): FetchResult => ({
    kind: 'ok', status: 200, url, body: Buffer.from(body), contentType: 'text/plain', etag: null, lastModified: null, maxAgeSeconds: null,
  });

  it('fetches robots.txt once per origin and answers from its rules', async () => {
    const http = fakeHttp({ 'https://news.example/robots.txt': ok('https://news.example/robots.txt', 'User-agent: *\nDisallow: /private/\n') });
    const robots = new RobotsCache(http);
    assert.deepEqual(await robots.check('https://news.example/world/a'), { allowed: true, reason: null });
    assert.deepEqual(await robots.check('https://news.example/private/b'), { allowed: false, reason: 'disallowed by robots.txt' });
    assert.equal(http.calls.length, 1);
  });

  it('allows all when robots.txt is missing, and holds off when it is unreachable', async () => {
    const http = fakeHttp({
      'https://missing.example/robots.txt': { kind: 'error', error: 'http', message: 'HTTP 404', url: 'https://missing.example/robots.txt', status: 404, retryAfterMs: null },
    });
    const robots = new RobotsCache(http);
    assert.equal((await robots.check('https://missing.example/a')).allowed, true);
    const down = await robots.check('https://down.example/a');
    assert.equal(down.allowed, false);
    assert.match(down.reason!, /robots.txt unreachable/);
  });
});
