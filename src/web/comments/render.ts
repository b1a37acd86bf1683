// The HTML of comments: a story's discussion (the list, one level of replies, the form or
// "Comments are closed."), one comment, and the Recent Comments widget. Commenters' text is
// always escaped by the `html` tag; only links found in it become <a> elements.
import type { Comment, Story } from '../../model.js';
import type { ClosedReason, CommentSettings } from '../../comments/policy.js';
import { thread } from '../../comments/service.js';
import { HONEYPOT_FIELD } from '../../comments/spam.js';
import type { CommentWithStory } from '../../comments/store.js';
import { linkSegments, paragraphs } from '../../comments/text.js';
import { type CommentForm, type FieldErrors, LIMITS, MESSAGES } from '../../comments/validation.js';
import { plural } from '../format.js';
import { html, type SafeHtml, safeHref } from '../html.js';
import { timeTag } from '../layout.js';

/** What the form shows again after the server refused a post. */
export interface FormState {
  values: CommentForm;
  errors: FieldErrors;
  message: string | null;
  parentId: number | null;
}

export const UGC_REL = 'nofollow ugc noopener';

/** A comment's text: paragraphs, line breaks, and its http(s) links made clickable. */
export function commentBody(body: string): SafeHtml {
  return html`${paragraphs(body).map(
    (lines) => html`<p>${lines.map((line, i) => html`${i > 0 ? html`<br>` : ''}${linkSegments(line).map((s) =>
      s.href ? html`<a href="${s.href}" rel="${UGC_REL}">${s.text}</a>` : s.text,
    )}`)}</p>`,
  )}`;
}

/** A letter avatar coloured from the email hash (or the author key): no request to a third party. */
function avatar(comment: Comment): SafeHtml {
  const seed = comment.emailHash ?? comment.authorKey;
  const hue = parseInt(seed.slice(0, 2), 16) % 8;
  const initial = [...comment.authorName.trim()][0]?.toUpperCase() ?? '?';
  return html`<span class="comment-avatar avatar-${hue}" aria-hidden="true">${initial}</span>`;
}

function author(comment: Comment): SafeHtml {
  const website = safeHref(comment.website);
  return website
    ? html`<a class="comment-author" href="${website}" rel="${UGC_REL}">${comment.authorName}</a>`
    : html`<span class="comment-author">${comment.authorName}</span>`;
}

export interface ItemOptions {
  now: Date;
  /** Shown to its author only: the comment waits for an editor. */
  held: boolean;
  /** Where "Reply" leads without JavaScript, or null when replies are closed. */
  replyHref: string | null;
  replies?: SafeHtml | null;
}

export function commentItem(comment: Comment, options: ItemOptions): SafeHtml {
  return html`<li class="comment${options.held ? ' comment-is-held' : ''}" id="comment-${comment.id}">
  <article class="comment-card">
    <header class="comment-meta">${avatar(comment)} ${author(comment)} <a class="comment-permalink" href="#comment-${comment.id}">${timeTag(comment.createdAt, options.now)}</a></header>
    ${options.held ? html`<p class="comment-held">Your comment is awaiting moderation.</p>` : ''}
    <div class="comment-body">${commentBody(comment.body)}</div>
    ${options.replyHref && !options.held
      ? html`<a class="comment-reply" href="${options.replyHref}" data-reply-to="${comment.id}" data-reply-name="${comment.authorName}">Reply</a>`
      : ''}
  </article>
  ${options.replies ?? ''}
</li>`;
}

export interface DiscussionView {
  story: Story;
  comments: Comment[];
  /** The page the discussion is on (the story's or one of its articles'). */
  pagePath: string;
  closed: ClosedReason | null;
  settings: CommentSettings;
  /** The signed form token; unused when closed. */
  token: string;
  state: FormState | null;
  /** The comment a reply is being written to (?replyto=ID without JavaScript). */
  replyTo: Comment | null;
  now: Date;
}

const held = (c: Comment) => c.status !== 'approved';

export function discussion(view: DiscussionView): SafeHtml {
  const { comments, pagePath, now } = view;
  const approved = comments.filter((c) => c.status === 'approved').length;
  const replyHref = (c: Comment) => (view.closed ? null : `${pagePath}?replyto=${c.id}#respond`);
  const threads = thread(comments);
  return html`<section class="comments" id="comments" aria-labelledby="comments-heading">
  <h2 id="comments-heading">${approved ? plural(approved, 'comment') : 'Comments'}</h2>
  ${comments.length === 0 && !view.closed ? html`<p class="comments-empty">No comments yet. Start the discussion.</p>` : ''}
  <ol class="comment-list">${threads.map(({ comment, replies }) =>
    commentItem(comment, {
      now,
      held: held(comment),
      replyHref: replyHref(comment),
      replies: replies.length
        ? html`<ol class="comment-replies">${replies.map((r) => commentItem(r, { now, held: held(r), replyHref: replyHref(r) }))}</ol>`
        : null,
    }),
  )}</ol>
  ${view.closed ? html`<p class="comments-closed">Comments are closed.</p>` : commentForm(view)}
</section>`;
}

function fieldError(id: string, message: string | undefined): SafeHtml {
  return html`<p class="field-error" id="${id}-error" aria-live="polite">${message ?? ''}</p>`;
}

const invalid = (message: string | undefined) => (message ? html` aria-invalid="true"` : '');

/** After a refused post the page opens on the first field to fix (it sits far down the page). */
function focusField(state: FormState | null): keyof FieldErrors | null {
  if (!state) return null;
  return (['comment', 'author', 'email', 'website'] as const).find((f) => state.errors[f]) ?? 'comment';
}

export function commentForm(view: DiscussionView): SafeHtml {
  const { story, pagePath, state, replyTo } = view;
  const values = state?.values ?? { comment: '', author: '', email: '', website: '' };
  const errors = state?.errors ?? {};
  const focus = focusField(state);
  const attrs = (field: keyof FieldErrors) => html`${invalid(errors[field])}${focus === field ? html` autofocus` : ''}`;
  return html`<div class="comment-respond" id="respond">
  <h3 class="respond-heading">Leave a comment</h3>
  <form class="comment-form" method="post" action="/story/${story.id}/comments">
    ${state?.message ? html`<p class="form-message" role="alert">${state.message}</p>` : html`<p class="form-message" role="alert" hidden></p>`}
    <p class="replying-to"${replyTo ? '' : html` hidden`}>Replying to <strong class="replying-to-name">${replyTo?.authorName ?? ''}</strong> · <a class="cancel-reply" href="${pagePath}#respond">Cancel reply</a></p>
    <input type="hidden" name="parent_id" value="${replyTo ? String(replyTo.id) : ''}">
    <input type="hidden" name="token" value="${view.token}">
    <input type="hidden" name="return_to" value="${pagePath}">
    <div class="field">
      <label for="comment-text">Comment <span class="hint">(required, up to ${LIMITS.comment.toLocaleString('en-US')} characters)</span></label>
      <textarea id="comment-text" name="comment" rows="6" maxlength="${LIMITS.comment}" required data-missing="${MESSAGES.commentMissing}" aria-describedby="comment-text-error"${attrs('comment')}>${values.comment}</textarea>
      ${fieldError('comment-text', errors.comment)}
    </div>
    <div class="field-row">
      <div class="field">
        <label for="comment-author">Name <span class="hint">(required, up to ${LIMITS.author} characters)</span></label>
        <input id="comment-author" name="author" type="text" maxlength="${LIMITS.author}" required autocomplete="name" data-missing="${MESSAGES.authorMissing}" aria-describedby="comment-author-error" value="${values.author}"${attrs('author')}>
        ${fieldError('comment-author', errors.author)}
      </div>
      <div class="field">
        <label for="comment-email">Email <span class="hint">(optional, never shown)</span></label>
        <input id="comment-email" name="email" type="email" maxlength="${LIMITS.email}" autocomplete="email" aria-describedby="comment-email-error" value="${values.email}"${attrs('email')}>
        ${fieldError('comment-email', errors.email)}
      </div>
      <div class="field">
        <label for="comment-website">Website <span class="hint">(optional)</span></label>
        <input id="comment-website" name="website" type="text" inputmode="url" maxlength="${LIMITS.website}" autocomplete="url" placeholder="https://" aria-describedby="comment-website-error" value="${values.website}"${attrs('website')}>
        ${fieldError('comment-website', errors.website)}
      </div>
    </div>
    <p class="comment-hp" aria-hidden="true"><label for="comment-${HONEYPOT_FIELD}">Leave this field empty</label> <input id="comment-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"></p>
    <p class="form-note">${view.settings.holdAll
      ? 'Every comment is read by an editor before it appears.'
      : 'Your email address is never shown. A first comment from a name and email appears once an editor approves it; later ones appear at once.'}
      Up to ${plural(view.settings.maxLinks, 'link')} per comment.</p>
    <button class="comment-submit" type="submit">Post comment</button>
  </form>
</div>`;
}

export function recentCommentsWidget(items: CommentWithStory[], now: Date): SafeHtml {
  return html`<section class="widget recent-comments" aria-labelledby="recent-comments-heading">
  <h2 id="recent-comments-heading">Recent Comments</h2>
  <ul>${items.map(
    (c) => html`<li><span class="recent-author">${c.authorName}</span> on <a href="/story/${c.storyId}#comment-${c.id}">${c.storyTitle}</a> <span class="meta">${timeTag(c.createdAt, now)}</span></li>`,
  )}</ul>
</section>`;
}

export function commentsFeedLink(story: Story): SafeHtml {
  return html`<link rel="alternate" type="application/rss+xml" title="Comments on ${story.title}" href="/story/${story.id}/comments.rss">`;
}
