// The comment form in Chromium: the browser's own validation speaks the site's messages
// (set by comments.js, as CSP allows no inline script), and posting inserts the comment
// without reloading the page.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { browserUnavailable, launchBrowser, watchProblems } from './helpers/browser.js';
import { commentsSite } from './comments-site.js';

describe('comments in the browser', () => {
  it('validates with the site’s messages and posts without a reload', async (t) => {
    const unavailable = browserUnavailable();
    if (unavailable !== null) {
      t.skip(unavailable);
      return;
    }
    const site = await commentsSite({ port: true });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems = watchProblems(page);
      const { port } = site.app.server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/story/${site.storyId}`;
      await page.goto(url);

      const validation = () =>
        page.evaluate(() => {
          const text = document.getElementById('comment-text') as HTMLTextAreaElement;
          const name = document.getElementById('comment-author') as HTMLInputElement;
          return {
            comment: text.validationMessage,
            name: name.validationMessage,
            shown: [document.getElementById('comment-text-error')!.textContent, document.getElementById('comment-author-error')!.textContent],
          };
        });

      await page.click('button.comment-submit');
      assert.deepEqual(await validation(), {
        comment: 'Please enter your comment!',
        name: 'Please enter your name here',
        shown: ['Please enter your comment!', 'Please enter your name here'],
      });
      assert.equal(page.url(), url, 'nothing was sent');

      await page.fill('#comment-text', 'Hello from a real browser — https://example.org/report');
      await page.click('button.comment-submit');
      assert.deepEqual(await validation(), { comment: '', name: 'Please enter your name here', shown: ['', 'Please enter your name here'] });

      await page.fill('#comment-author', 'Browser Reader');
      await page.evaluate(() => {
        (window as unknown as { marker: string }).marker = 'same page';
      });
      site.advance(5000); // a person takes a few seconds to write
      await page.click('button.comment-submit');
      const held = await page.waitForSelector('#comments li.comment-is-held', { timeout: 5000 });
      const text = await held.textContent();
      assert.match(text ?? '', /Your comment is awaiting moderation\./);
      assert.match(text ?? '', /Hello from a real browser/);
      assert.equal(await held.$eval('a[rel="nofollow ugc noopener"]', (a) => a.getAttribute('href')), 'https://example.org/report');
      assert.equal(await page.evaluate(() => (window as unknown as { marker?: string }).marker), 'same page', 'no reload');
      assert.equal(await page.inputValue('#comment-text'), '', 'the form is ready for another comment');
      assert.equal(await page.locator('.comments-empty').count(), 0);
      assert.equal((await site.extension.comments.moderator.counts()).pending, 1);

      // The author's browser keeps seeing it after a reload (the held cookie); others do not.
      await page.reload();
      assert.match((await page.textContent('#comments')) ?? '', /awaiting moderation/);
      const stranger = await browser.newPage();
      await stranger.goto(url);
      assert.doesNotMatch((await stranger.textContent('#comments')) ?? '', /Hello from a real browser/);
      assert.deepEqual(problems, [], 'no script errors and no CSP violations');
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
