// Forward-only schema migrations, one file each in migrations/. Never edit a released
// migration: add the next one (and its line below). Times are ISO 8601 UTC strings, which
// sort as time and read well in the sqlite3 shell.
import { migration as foundation } from './migrations/001-foundation.js';
import { migration as stories } from './migrations/002-stories.js';
import { migration as comments } from './migrations/003-comments.js';
import { migration as admin } from './migrations/004-admin.js';
import { migration as articlePages } from './migrations/005-article-pages.js';
import { migration as search } from './migrations/006-search.js';
import { migration as pageViews } from './migrations/007-page-views.js';
import { migration as searchSpeed } from './migrations/008-search-speed.js';
import { migration as storyOrder } from './migrations/009-story-order.js';
import { migration as indexOnInsert } from './migrations/010-index-on-insert.js';
import { migration as storyRedirects } from './migrations/011-story-redirects.js';
import { migration as stageEpochs } from './migrations/012-stage-epochs.js';
import type { Migration } from './migrations/types.js';

export type { Migration };

export const MIGRATIONS: Migration[] = [
  foundation,
  stories,
  comments,
  admin,
  articlePages,
  search,
  pageViews,
  searchSpeed,
  storyOrder,
  indexOnInsert,
  storyRedirects,
  stageEpochs,
].sort((a, b) => a.version - b.version);
