// Helpers every feed adapter shares to build the one Entry model.
import { createHash } from 'node:crypto';
import type { Enclosure, Entry } from '../model.js';
import { fastHtmlToText } from '../text/html-text.js';
import { resolveUrl } from '../text/url.js';

/** A person's name from the forms feeds use: "Name", "email (Name)", "Name (email)", "Name <email>". */
export function personName(value: string | null | undefined): string | null {
  const raw = value?.replace(/\s+/g, ' ').trim();
  if (!raw) return null;
  const paren = raw.match(/^(.*?)\s*\((.*)\)\s*$/);
  if (paren) {
    const [, outside = '', inside = ''] = paren;
    if (outside.includes('@') && inside.trim()) return inside.trim();
    if (outside.trim()) return outside.trim();
    return inside.trim() || null;
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

/** Completes a draft: a stable id, and a title even when the feed has none. Links must already be absolute. */
export function finishEntry(draft: EntryDraft): Entry {
  const guid = draft.guid?.trim() || null;
  const id =
    guid ??
    draft.link ??
    `sha1:${createHash('sha1').update(`${draft.title ?? ''}\n${draft.content ?? draft.summary ?? ''}`).digest('hex')}`;
  // A title that was only markup stays empty; a missing one falls back to the start of
  // the text, then the link, as readers show them.
  let title = draft.title === null ? null : draft.title.trim();
  if (title === null) {
    const text = fastHtmlToText(draft.summary ?? draft.content ?? '');
    title = text ? (text.length > 120 ? `${text.slice(0, 117).replace(/\s+\S*$/, '')}…` : text) : draft.link;
  }
  const seen = new Set<string>();
  return {
    id,
    title,
    link: draft.link,
    published: draft.published ?? draft.updated,
    updated: draft.updated,
    author: draft.author,
    summary: draft.summary,
    content: draft.content,
    categories: draft.categories.map((c) => c.trim()).filter((c) => c && !seen.has(c) && seen.add(c)),
    enclosures: draft.enclosures.filter((e, i, all) => e.url && all.findIndex((x) => x.url === e.url) === i),
  };
}

export function absolute(link: string | null | undefined, base: string | null): string | null {
  return resolveUrl(link?.trim(), base);
}

export function numberOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
