// `newsroom stories`: the editor's hand from the command line (the admin adds buttons).
import type { ParsedOptions } from '../main.js';
import { configFromOptions } from '../config-from-options.js';
import { endProgress, openContext, progress } from '../context.js';
import { UsageError } from '../options.js';
import { openQueues } from '../../queue/queues.js';
import { loadQueueSettings, redisConfigured } from '../../queue/settings.js';
import { QueuedStoryEditor } from '../../queue/story-editor.js';

function idArg(value: string | undefined, what: string): number {
  const id = Number(String(value ?? '').replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`${what} must be a number, got "${value ?? ''}"`);
  return id;
}

export async function storiesCommand(args: string[], values: ParsedOptions): Promise<number> {
  const [action, ...rest] = args;
  const ctx = await openContext(configFromOptions(values));
  // With the production roles, the stories stage lives in the worker holding its lease: the
  // editor's actions go there, so that its clusterer learns them and story numbers stay unique.
  const queue = redisConfigured() && ['merge', 'split', 'rename', 'recluster'].includes(action ?? '') ? openQueues(loadQueueSettings()) : null;
  const queued = queue ? new QueuedStoryEditor(queue, ctx.stories) : null;
  try {
    if (!queued) await ctx.stories.start();
    const editor = queued ?? ctx.stories;
    switch (action) {
      case 'list':
      case undefined: {
        const stories = await ctx.repo.latestStories({ limit: 50 });
        if (values.json) console.log(JSON.stringify(stories, null, 2));
        else if (stories.length === 0) console.log('No stories yet.');
        else for (const s of stories) console.log(`#${s.id} ${s.title}  (${s.outletCount} outlets, ${s.articleCount} articles)`);
        return 0;
      }
      case 'show': {
        const id = idArg(rest[0], 'the story id');
        const story = await ctx.repo.getStory(id);
        if (!story) {
          console.error(`newsroom: no story ${id}`);
          return 1;
        }
        console.log(`#${story.id} ${story.title}${story.editorTitle ? ` (automatic headline: ${story.autoTitle})` : ''}`);
        for (const a of await ctx.repo.storyArticles(id)) {
          console.log(`  article #${a.id} ${a.publishedAt.toISOString()} ${a.sourceName}: ${a.title}${a.originalId ? ` [copy of #${a.originalId}]` : ''}`);
        }
        return 0;
      }
      case 'merge': {
        const [from, into] = [idArg(rest[0], 'the story to merge'), idArg(rest[1], 'the story to merge into')];
        await editor.merge(from, into);
        console.log(`Merged story #${from} into #${into}.`);
        return 0;
      }
      case 'split': {
        const articleId = idArg(rest[0], 'the article id');
        const story = await editor.split(articleId);
        console.log(`Article #${articleId} is now story #${story}.`);
        return 0;
      }
      case 'rename': {
        const id = idArg(rest[0], 'the story id');
        const title = rest.slice(1).join(' ').trim();
        await editor.rename(id, title || null);
        console.log(title ? `Story #${id} is now titled "${title}".` : `Story #${id} has its automatic headline again.`);
        return 0;
      }
      case 'recluster': {
        const result = queued ? await queued.recluster() : await ctx.stories.recluster((done) => progress(`Re-clustering: ${done} articles…`));
        endProgress();
        console.log(`Re-clustered ${result.articles} articles into ${result.stories} stories; editors' merges, splits and renames replayed.`);
        return 0;
      }
      default:
        throw new UsageError(`unknown stories action "${action}" (list, show, merge, split, rename, recluster)`);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    console.error(`newsroom: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await queued?.close();
    await queue?.close();
    await ctx.close();
  }
}
