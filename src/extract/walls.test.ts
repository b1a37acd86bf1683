import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './index.js';
import { fixture } from './test-helpers.js';

function wall(html: string): string | null {
  const result = extractArticle(html, 'https://www.example-news.com/world/some-story');
  if (result.ok) return null;
  assert.equal(result.reason, 'bot-wall', result.detail);
  return result.detail.split(':')[0]!;
}

describe('bot walls', () => {
  it('recognises Cloudflare\'s "Just a moment…" challenge', () => assert.equal(wall(fixture('walls/cloudflare-challenge.html')), 'cloudflare-challenge'));
  it('recognises Cloudflare\'s "Attention Required!" block page', () => assert.equal(wall(fixture('walls/cloudflare-block.html')), 'cloudflare-block'));
  it('recognises a captcha interstitial (DataDome)', () => assert.equal(wall(fixture('walls/captcha-datadome.html')), 'captcha'));
  it('recognises a paywall interstitial with only a teaser', () => assert.equal(wall(fixture('walls/paywall.html')), 'paywall'));
  it('recognises a cookie wall (Google consent)', () => assert.equal(wall(fixture('walls/cookie-wall.html')), 'cookie-wall'));
  it('recognises a PerimeterX "press and hold" page', () => {
    assert.equal(wall('<html><head><title>Access to this page has been denied</title></head><body><div id="px-captcha"></div><p>Press &amp; Hold to confirm you are a human (and not a bot).</p></body></html>'), 'captcha');
  });

  it('does not take an article that talks about cookies, captchas or Cloudflare for a wall', () => {
    const paragraph = (s: string) => `<p>${s} The company said the change had been tested for months with a small group of sites before the wider launch this week.</p>`;
    const html = `<!doctype html><html><head><title>Cloudflare drops captchas for most visitors</title></head><body>
      <div class="cookie-banner">We value your privacy. <button>Accept all cookies</button></div>
      <article>${paragraph('Cloudflare said on Tuesday that most visitors will no longer see a captcha or a "Just a moment" page.')}
      ${paragraph('Instead, a browser check runs in the background, and only suspicious traffic is asked to verify that it is human.')}
      ${paragraph('Privacy groups welcomed the move, saying the puzzles had become a burden for people using screen readers.')}
      ${paragraph('Publishers that rely on the service will not need to change their settings, according to the announcement.')}</article></body></html>`;
    const result = extractArticle(html, 'https://technews.example/cloudflare-captcha');
    assert.ok(result.ok, JSON.stringify(result));
    assert.doesNotMatch(result.article.text, /Accept all cookies|We value your privacy/);
  });
});
