// The admin in a real browser (Debian's Chromium via playwright-core): log in through the
// form, then add a source from the Sources page. Plain forms, no JavaScript needed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type AdminFixture, type FeedSite, startAdmin, startFeedSite } from './helpers/admin-fixtures.js';
import { accessibilityProblems, browserUnavailable, launchBrowser, watchProblems } from './helpers/browser.js';

const unavailable = browserUnavailable();

describe('admin in a browser', { skip: unavailable ?? false }, () => {
  let fx: AdminFixture;
  let site: FeedSite;
  let browser: Browser;
  let base = '';

  before(async () => {
    [fx, site, browser] = await Promise.all([startAdmin(), startFeedSite('The Quay Courier'), launchBrowser()]);
    base = (await fx.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
    await site?.close();
  });

  it('logs in through the form and adds a source', async () => {
    const page = await browser.newPage();
    const errors = watchProblems(page);
    await page.goto(`${base}/admin/sources`);
    assert.match(page.url(), /\/admin\/login\?next=%2Fadmin%2Fsources$/);
    assert.deepEqual(await accessibilityProblems(page), [], 'the login page passes axe');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${base}/admin/sources`);
    assert.equal(await page.locator('h1').textContent(), 'Sources');

    await page.getByLabel('Site or feed address').fill(site.url);
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.waitForSelector('.notice');
    assert.match((await page.locator('.notice').textContent()) ?? '', /Added The Quay Courier .*discovered from/);
    assert.match((await page.locator('table.sources-admin').textContent()) ?? '', /The Quay Courier/);
    const sources = await fx.repo.listSources();
    assert.deepEqual(sources.map((s) => s.feedUrl), [site.feedUrl]);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      assert.deepEqual(await accessibilityProblems(page), [], `the Sources page passes axe (${colorScheme})`);
    }
    assert.deepEqual(errors, [], 'no errors in the page, and no CSP violations');
    await page.close();
  });
});

if (unavailable) console.log(`# skipped the admin browser test: ${unavailable}`);
