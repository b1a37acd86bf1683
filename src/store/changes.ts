// Announcements of what changed in a store, by tag, for whoever keeps copies of what it
// rendered from it (the web's page cache, src/web/cache/). The stage that writes announces
// what its write changes; it does not know who listens. In-process: listeners per repository.
// Across processes (web and workers apart) a notifier relays announcements, see
// docs/performance.md.
import { logError } from '../ops/logger.js';
import type { Repository } from './repository.js';

/**
 * What pages are made of:
 * - `lists`: the home, section and /latest pages, the feeds of top and section stories, the API's lists;
 * - `search`: search results (the page, its feed, the API);
 * - `sources`: the sources page and OPML;
 * - `sidebar`: the widgets beside the content (Recent Comments, Most Popular);
 * - `story:N`: story N's page and feeds, and the pages of its articles;
 * - `article:N`: article N's page;
 * - `site`: everything (settings, slots, an editor's action).
 */
export type ChangeTag = 'lists' | 'search' | 'sources' | 'sidebar' | 'site' | `story:${number}` | `article:${number}`;

export const storyTag = (id: number): ChangeTag => `story:${id}`;
export const articleTag = (id: number): ChangeTag => `article:${id}`;

export type ChangeListener = (tags: ChangeTag[]) => void;

const listeners = new WeakMap<Repository, Set<ChangeListener>>();

/** Tells the repository's listeners that what these tags name has changed. */
export function announceChange(repo: Repository, tags: Iterable<ChangeTag>): void {
  const set = listeners.get(repo);
  if (!set || set.size === 0) return;
  const list = [...new Set(tags)];
  if (list.length === 0) return;
  for (const listener of set) {
    try {
      listener(list);
    } catch (err) {
      // A listener's bug must not undo the write that was announced.
      logError('a change listener failed', err);
    }
  }
}

/** Listens to a repository's announcements; returns the function that stops listening. */
export function onChange(repo: Repository, listener: ChangeListener): () => void {
  let set = listeners.get(repo);
  if (!set) listeners.set(repo, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
