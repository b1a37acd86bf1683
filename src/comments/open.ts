// The comments feature over a repository: its store, the posting service and the moderator,
// one set per repository so the web extension and the admin share them.
import { announceChange, storyTag } from '../store/changes.js';
import type { Repository } from '../store/repository.js';
import { PostgresCommentStore } from '../store/pg/comments-store.js';
import { PostgresRepository } from '../store/pg/postgres-repository.js';
import { SqliteCommentStore } from '../store/sqlite/comments-store.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { CommentModerator } from './moderator.js';
import { CommentsService } from './service.js';
import type { CommentStore } from './store.js';

export interface Comments {
  store: CommentStore;
  service: CommentsService;
  moderator: CommentModerator;
}

const opened = new WeakMap<Repository, Comments>();

export function commentStoreFor(repo: Repository): CommentStore {
  if (repo instanceof SqliteRepository) return new SqliteCommentStore(repo.database);
  if (repo instanceof PostgresRepository) return new PostgresCommentStore(repo.pool);
  throw new Error('comments need a SQLite or PostgreSQL repository');
}

export function openComments(repo: Repository): Comments {
  let comments = opened.get(repo);
  if (!comments) {
    const store = commentStoreFor(repo);
    comments = { store, service: new CommentsService(store, repo), moderator: new CommentModerator(store, undefined, (c) =>
      // Its story's pages, the Recent Comments beside every page, the "N comments" on cards.
      announceChange(repo, [storyTag(c.storyId), 'sidebar', 'lists']),
    ) };
    opened.set(repo, comments);
  }
  return comments;
}
