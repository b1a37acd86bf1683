// Rows to model objects, shared by both engines. SQLite hands back ISO strings, 0/1 and JSON
// text; PostgreSQL hands back Date, boolean and parsed jsonb. The helpers read either, so a
// row's mapping lives in one place whichever engine produced it.
import type { AdminSession, AdminStory, AdminUser, AuditEntry } from '../admin/store.js';
import type { CommentWithStory } from '../comments/store.js';
import type { Article, ArticlePage, ArticleView, Comment, CommentStatus, EditorAction, Source, SourcePatch, Story } from '../model.js';

export type Row = Record<string, unknown>;

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
/** A time column: a Date (PostgreSQL) or an ISO string (SQLite). */
export const date = (v: unknown): Date => (v instanceof Date ? new Date(v.getTime()) : typeof v === 'number' ? new Date(v) : new Date(String(v)));
export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
/** A flag column: true/false (PostgreSQL) or 1/0 (SQLite). */
export const flag = (v: unknown): boolean => v === true || Number(v ?? 0) === 1;
/** A stored setting's JSON value; a value that is not JSON reads as unset, so its default applies. */
export function parseSetting(value: unknown): unknown {
  try {
    return JSON.parse(String(value)) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON column: already parsed (jsonb) or text. */
export const json = <T>(v: unknown, fallback: T): T => {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v as T;
  return JSON.parse(v) as T;
};

/** A due source as the scheduler reads it (Repository.dueSourceSlots). */
export const toSourceSlot = (row: Row): { id: number; nextFetchAt: Date } => ({ id: Number(row.id), nextFetchAt: date(row.next_fetch_at) });

export function toSource(row: Row): Source {
  return {
    id: Number(row.id),
    feedUrl: String(row.feed_url),
    siteUrl: str(row.site_url),
    name: String(row.name),
    section: str(row.section),
    intervalMinutes: Number(row.interval_minutes),
    weight: Number(row.weight),
    etag: str(row.etag),
    lastModified: str(row.last_modified),
    lastFetchAt: dateOrNull(row.last_fetch_at),
    lastOutcome: str(row.last_outcome) as Source['lastOutcome'],
    lastHttpStatus: numOrNull(row.last_http_status),
    lastError: str(row.last_error),
    errorCount: Number(row.error_count),
    nextFetchAt: date(row.next_fetch_at),
    paused: flag(row.paused),
    createdAt: date(row.created_at),
  };
}

export function toArticle(row: Row): Article {
  return {
    id: Number(row.id),
    sourceId: Number(row.source_id),
    guid: String(row.guid),
    url: String(row.url),
    canonicalUrl: String(row.canonical_url),
    title: String(row.title),
    author: str(row.author),
    summary: str(row.summary),
    contentHtml: str(row.content_html),
    imageUrl: str(row.image_url),
    section: str(row.section),
    categories: json<string[]>(row.categories, []),
    publishedAt: date(row.published_at),
    fetchedAt: date(row.fetched_at),
    storyId: numOrNull(row.story_id),
    fingerprint: str(row.fingerprint),
    originalId: numOrNull(row.original_id),
    statedOriginal: str(row.stated_original),
  };
}

export function toArticleView(row: Row): ArticleView {
  return { ...toArticle(row), sourceName: String(row.source_name), sourceSiteUrl: str(row.source_site_url) };
}

export function toStory(row: Row): Story {
  const autoTitle = String(row.title);
  const editorTitle = str(row.editor_title);
  return {
    id: Number(row.id),
    title: editorTitle ?? autoTitle,
    autoTitle,
    editorTitle,
    summary: str(row.summary),
    imageUrl: str(row.image_url),
    section: str(row.section),
    leadArticleId: numOrNull(row.lead_article_id),
    firstArticleId: numOrNull(row.first_article_id),
    firstReportedAt: dateOrNull(row.first_reported_at),
    lastReportedAt: dateOrNull(row.last_reported_at),
    articleCount: Number(row.article_count ?? 0),
    outletCount: Number(row.outlet_count ?? 0),
    pinned: flag(row.pinned),
    hidden: flag(row.hidden),
    commentsClosed: flag(row.comments_closed),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function toEditorAction(row: Row): EditorAction {
  return {
    id: Number(row.id),
    kind: String(row.kind) as EditorAction['kind'],
    storyId: numOrNull(row.story_id),
    intoStoryId: numOrNull(row.into_story_id),
    articleId: numOrNull(row.article_id),
    intoArticleId: numOrNull(row.into_article_id),
    title: str(row.title),
    createdAt: date(row.created_at),
  };
}

/** A stored page; `html` is the page as fetched, already unzipped by the caller's engine. */
export function toArticlePage(row: Row, html: Buffer | null): ArticlePage {
  return {
    articleId: Number(row.article_id),
    status: String(row.status) as ArticlePage['status'],
    detail: str(row.detail),
    httpStatus: numOrNull(row.http_status),
    contentType: str(row.content_type),
    html,
    text: str(row.text),
    cleanHtml: str(row.html),
    byline: str(row.byline),
    canonicalUrl: str(row.canonical_url),
    imageUrl: str(row.image_url),
    supportUrl: str(row.support_url),
    fetchedAt: date(row.fetched_at),
    extractedAt: dateOrNull(row.extracted_at),
  };
}

/** The query that selects an ArticleView's columns (both engines speak this SQL). */
export const ARTICLE_VIEW_SELECT = `
  SELECT a.*, s.name AS source_name, s.site_url AS source_site_url
  FROM articles a JOIN sources s ON s.id = a.source_id`;

/**
 * The columns an editor's patch of a source sets, in order, with their values: each engine
 * writes its own placeholders (and SQLite its 0/1 for flags).
 */
export function sourcePatchColumns(patch: SourcePatch): Array<[column: string, value: unknown]> {
  const columns: Record<keyof SourcePatch, string> = {
    name: 'name', section: 'section', weight: 'weight', intervalMinutes: 'interval_minutes', paused: 'paused',
  };
  return (Object.entries(columns) as Array<[keyof SourcePatch, string]>)
    .filter(([key]) => patch[key] !== undefined)
    .map(([key, column]) => [column, patch[key]]);
}

export function toComment(row: Row): Comment {
  return {
    id: Number(row.id),
    storyId: Number(row.story_id),
    parentId: numOrNull(row.parent_id),
    articleId: numOrNull(row.article_id),
    authorName: String(row.author_name),
    emailHash: str(row.email_hash),
    website: str(row.website),
    body: String(row.body),
    status: String(row.status) as CommentStatus,
    clientHash: String(row.client_hash),
    authorKey: String(row.author_key),
    heldToken: str(row.held_token),
    createdAt: date(row.created_at),
    moderatedAt: dateOrNull(row.moderated_at),
  };
}

export const toCommentWithStory = (row: Row): CommentWithStory => ({ ...toComment(row), storyTitle: String(row.story_title) });


// The admin's rows.

export function toUser(row: Row): AdminUser {
  return {
    id: Number(row.id),
    email: String(row.email),
    passwordHash: String(row.password_hash),
    sessionsValidAfter: date(row.sessions_valid_after),
    createdAt: date(row.created_at),
  };
}

export function toSession(row: Row): AdminSession {
  return {
    id: String(row.id),
    userId: Number(row.user_id),
    csrfToken: String(row.csrf_token),
    flash: typeof row.flash === 'string' ? row.flash : null,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
  };
}

export function toAudit(row: Row): AuditEntry {
  return {
    id: Number(row.id),
    userId: row.user_id === null ? null : Number(row.user_id),
    userEmail: typeof row.user_email === 'string' ? row.user_email : null,
    action: String(row.action),
    target: typeof row.target === 'string' ? row.target : null,
    details: typeof row.details === 'string' ? row.details : null,
    createdAt: date(row.created_at),
  };
}

export function toAdminStory(row: Row): AdminStory {
  return {
    id: Number(row.id),
    title: str(row.editor_title) ?? String(row.title),
    autoTitle: String(row.title),
    editorTitle: str(row.editor_title),
    section: str(row.section),
    lastReportedAt: dateOrNull(row.last_reported_at),
    articleCount: Number(row.article_count),
    outletCount: Number(row.outlet_count),
    pinned: flag(row.pinned),
    hidden: flag(row.hidden),
  };
}
