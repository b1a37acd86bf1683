// `npm run screenshots`: the README's pictures of Top Stories and a story page, taken from
// the demo in Debian's Chromium (the same site and browser as the browser tests), so they
// are remade by a command whenever the pages change, never edited by hand.
import path from 'node:path';
import { projectPath } from '../src/paths.js';
import { browserUnavailable, launchBrowser } from '../test/helpers/browser.js';
import { startDemoSite } from '../test/helpers/demo-site.js';

/** The README's story picture shows this event (its alt text names it). */
const STORY = /Kesselford/;

async function main(): Promise<number> {
  const unavailable = browserUnavailable();
  if (unavailable) {
    console.error(`screenshots: ${unavailable}`);
    return 1;
  }
  const site = await startDemoSite();
  const browser = await launchBrowser();
  try {
    const stories = await site.repo.latestStories({ limit: 100 });
    const story = stories.filter((s) => STORY.test(s.title)).sort((a, b) => b.outletCount - a.outletCount)[0];
    if (!story) throw new Error(`no story of the demo matches ${STORY}`);
    const shots = [
      { file: 'docs/images/home.png', url: '/', height: 1100 },
      { file: 'docs/images/story.png', url: `/story/${story.id}`, height: 1500 },
    ];
    for (const shot of shots) {
      const context = await browser.newContext({ viewport: { width: 1280, height: shot.height }, colorScheme: 'light' });
      const page = await context.newPage();
      await page.goto(`${site.base}${shot.url}`, { waitUntil: 'networkidle' });
      await page.screenshot({ path: projectPath(shot.file) });
      await context.close();
      console.log(`${shot.file}: ${shot.url} at 1280×${shot.height}`);
    }
    return 0;
  } finally {
    await browser.close();
    await site.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`screenshots: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
