// The parser-neutral result shape the feeds-dev checks are evaluated against
// (../shared/datasets/feeds-dev/README.md, "Checks"), and the conversion of Newsroom's Feed into it.
import type { Entry, Feed } from '../../src/model.js';
import { textToHtml } from '../../src/text/html-text.js';

export interface EvalEntry {
  id: string | null;
  title: string | null;
  link: string | null;
  /** ISO-8601 timestamp, or null when the parser found no (valid) date. */
  published: string | null;
  updated: string | null;
  author: string | null;
  summary: string | null;
  content: string | null;
}

export interface EvalFeed {
  title: string | null;
  link: string | null;
  entries: EvalEntry[];
}

/** A Date as an ISO string; null for a missing or invalid date (toISOString would throw). */
export function isoDate(date: Date | null | undefined): string | null {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}

function entryShape(entry: Entry): EvalEntry {
  return {
    id: entry.id ?? null,
    // Newsroom's titles are plain text; the checks read every value as HTML, so escape them.
    title: entry.title === null ? null : textToHtml(entry.title),
    link: entry.link ?? null,
    published: isoDate(entry.published),
    updated: isoDate(entry.updated),
    author: entry.author ?? null,
    summary: entry.summary ?? null,
    content: entry.content ?? null,
  };
}

/** Newsroom's parsed Feed in the evaluation shape. */
export function feedShape(feed: Feed): EvalFeed {
  return {
    title: feed.title === null ? null : textToHtml(feed.title),
    link: feed.link ?? null,
    entries: feed.entries.map(entryShape),
  };
}
