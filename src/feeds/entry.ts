// Helpers every feed adapter shares to build the one Entry model.
import { createHash } from 'node:crypto';
import type { Enclosure, Entry } from '../model.js';
import { resolveUrl } from '../text/url.js';
import { htmlToText } from '../text/html-text.js';

export function parseDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || !value.trim()) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time);
}

export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  return null;
}

/** Titles may carry markup or entities in some feeds; a title is always plain text. */
export function plainTitle(value: unknown): string | null {
  const raw = text(value);
  return raw ? htmlToText(raw) || null : null;
}

/** A person's name from the forms feeds use: "Name", "email (Name)", "Name (email)", "Name <email>". */
export function personName(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const paren = raw.match(/^(.*?)\s*\((.*)\)\s*$/);
  if (paren) {
    const [, outside = '', inside = ''] = paren;
    return (outside.includes('@') ? inside : outside).trim() || inside.trim() || null;
  }
  const angle = raw.match(/^(.*?)\s*<[^>]*@[^>]*>\s*$/);
  if (angle?.[1]) return angle[1].trim();
  return raw;
}

export interface EntryDraft {
  guid: string | null;
  title: string | null;
  link: string | null;
  published: Date | null;
  updated: Date | null;
  author: string | null;
  summary: string | null;
  content: string | null;
  categories: string[];
  enclosures: Enclosure[];
}

/** Completes a draft: absolute links, a stable id, and a title even when the feed has none. */
export function finishEntry(draft: EntryDraft, baseUrl: string | null): Entry {
  const link = resolveUrl(draft.link, baseUrl);
  const id =
    draft.guid ??
    link ??
    `sha1:${createHash('sha1').update(`${draft.title ?? ''}\n${draft.content ?? draft.summary ?? ''}`).digest('hex')}`;
  const title = draft.title ?? (draft.summary ? htmlToText(draft.summary).slice(0, 120) : null) ?? '(untitled)';
  return {
    id,
    title,
    link,
    published: draft.published ?? draft.updated,
    updated: draft.updated,
    author: draft.author,
    summary: draft.summary,
    content: draft.content,
    categories: [...new Set(draft.categories.map((c) => c.trim()).filter(Boolean))],
    enclosures: draft.enclosures
      .map((e) => ({ ...e, url: resolveUrl(e.url, baseUrl) ?? '' }))
      .filter((e) => e.url !== ''),
  };
}
