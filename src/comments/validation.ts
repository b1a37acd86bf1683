// The comment form's fields: what a reader typed, cleaned and checked. The messages are the
// site's (the two "missing" ones are the ones readers know from other news sites) and the
// same text is used by the browser (comments.js) and by the server.
import { z } from 'zod';
import { countLinks, httpUrl } from './text.js';

export const LIMITS = { comment: 3000, author: 80, email: 254, website: 200 } as const;

export type CommentField = keyof typeof LIMITS;
export type FieldErrors = Partial<Record<CommentField, string>>;

const count = (n: number) => n.toLocaleString('en-US');

export const MESSAGES = {
  commentMissing: 'Please enter your comment!',
  authorMissing: 'Please enter your name here',
  commentTooLong: `Please keep your comment to ${count(LIMITS.comment)} characters or fewer.`,
  authorTooLong: `Please keep your name to ${count(LIMITS.author)} characters or fewer.`,
  emailInvalid: 'Please enter a valid email address, or leave it empty.',
  websiteInvalid: 'Please enter a web address starting with http:// or https://, or leave it empty.',
  tooManyLinks: (max: number) => `Please include no more than ${max} ${max === 1 ? 'link' : 'links'}.`,
} as const;

/** What the reader typed, as typed: kept to fill the form again when it is sent back. */
export interface CommentForm {
  comment: string;
  author: string;
  email: string;
  website: string;
}

/** A comment ready to be judged and stored. */
export interface CommentDraft {
  body: string;
  authorName: string;
  email: string | null;
  website: string | null;
}

// A form field arrives as a string, as repeated values (first wins) or not at all. Overlong
// input is cut well past the limit so that checking it stays cheap.
const field = z.unknown().optional().transform((v) => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.slice(0, 20_000) : '';
});
const FormSchema = z.object({ comment: field, author: field, email: field, website: field });

export function formValues(body: unknown): CommentForm {
  const parsed = FormSchema.safeParse(body && typeof body === 'object' ? body : {});
  return parsed.success ? parsed.data : { comment: '', author: '', email: '', website: '' };
}

// Control characters (but tab and newline) and bidirectional overrides, which can make a
// comment or a name read differently from what it is.
const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Line endings as one \n (browsers send \r\n, which would count twice against maxlength). */
export function cleanBody(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNWANTED, '').replace(/\n{3,}/g, '\n\n').trim();
}

export function cleanLine(text: string): string {
  return text.replace(UNWANTED, '').replace(/\s+/g, ' ').trim();
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A website as typed ("example.org" or "https://example.org/me") as an http(s) URL, or null. */
export function normaliseWebsite(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return httpUrl(withScheme);
}

export type Validation = { ok: true; draft: CommentDraft } | { ok: false; errors: FieldErrors };

export function validateComment(form: CommentForm, options: { maxLinks: number }): Validation {
  const errors: FieldErrors = {};
  const body = cleanBody(form.comment);
  const authorName = cleanLine(form.author);
  const email = form.email.trim();
  const websiteText = form.website.trim();
  const website = normaliseWebsite(websiteText);

  if (!body) errors.comment = MESSAGES.commentMissing;
  else if (body.length > LIMITS.comment) errors.comment = MESSAGES.commentTooLong;
  else if (countLinks(body) > options.maxLinks) errors.comment = MESSAGES.tooManyLinks(options.maxLinks);

  if (!authorName) errors.author = MESSAGES.authorMissing;
  else if (authorName.length > LIMITS.author) errors.author = MESSAGES.authorTooLong;

  if (email && (email.length > LIMITS.email || !EMAIL.test(email))) errors.email = MESSAGES.emailInvalid;
  if (websiteText && (!website || website.length > LIMITS.website)) errors.website = MESSAGES.websiteInvalid;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, draft: { body, authorName, email: email || null, website } };
}
