// What the stories stage reads from an article's text before it decides anything: the text
// itself, the outlet it credits, and its fingerprints. Pure and per article, so the poll can
// compute it beside the feed's parse on a worker thread (src/jobs/feed-work.ts) and the
// stage's one thread only compares and clusters; the stage computes it itself for articles
// that come without it (from the store, or from a poll on the main thread).
import type { Article, NewArticle, PreparedText } from '../model.js';
import { fastHtmlToText } from '../text/html-text.js';
import { minhash } from '../text/fingerprint.js';
import { statedOriginal, withoutAttribution } from './attribution.js';

/** The article's text: its content as text when that is longer than its summary, else the summary. */
export function articleText(a: Pick<Article, 'summary' | 'contentHtml'>): string {
  const content = a.contentHtml ? fastHtmlToText(a.contentHtml) : '';
  return content.length > (a.summary?.length ?? 0) ? content : a.summary ?? content;
}

/** The standfirst's text as it is fingerprinted: the summary, without markup or credit lines. */
export function standfirstText(a: Pick<Article, 'summary'>): string | null {
  return a.summary ? withoutAttribution(fastHtmlToText(a.summary)) : null;
}

export function summaryPrint(a: Pick<Article, 'summary'>): string | null {
  const text = standfirstText(a);
  return text === null ? null : minhash(text);
}

const SPACES = /\s+/g;

/**
 * Whether `text.split(/\s+/)` has at least `n` pieces, counted only as far as needed: the
 * pieces are one more than the runs of white space, and a text is 2,000 characters or more.
 */
export function hasWords(text: string, n: number): boolean {
  SPACES.lastIndex = 0;
  let runs = 0;
  while (runs < n - 1 && SPACES.exec(text) !== null) runs++;
  return runs + 1 >= n;
}

/** What an article's row keeps of its reading: written with the row (a worker role's insert) or with its decision. */
export type StoredReading = Pick<PreparedText, 'fingerprint' | 'stated'>;

/**
 * The stories stage's reading of an article's text. Given what its row already keeps (`stored`:
 * the fingerprint and the credited outlet, written when a worker role stored it bare), the
 * text is not hashed again: the holder of the stories stage reads every article the workers
 * store, and hashing was the larger part of that reading.
 */
export function prepareText(a: Pick<Article, 'title' | 'summary' | 'contentHtml'>, stored: StoredReading | null = null): PreparedText {
  const text = articleText(a);
  const core = withoutAttribution(text);
  // A short text is fingerprinted with its headline, so that two one-line items differ.
  const printed = hasWords(core, 12) ? core : `${a.title} ${core}`;
  const fingerprint = stored?.fingerprint ?? minhash(printed);
  // A summary-only article's text is its standfirst: the same print, not hashed twice.
  const standfirstCore = standfirstText(a);
  const standfirstPrint = standfirstCore === null ? null : standfirstCore === printed ? fingerprint : minhash(standfirstCore);
  return { text, stated: stored ? stored.stated : statedOriginal(text), fingerprint, standfirstPrint };
}

/** The reading an article's row keeps, when it was stored with one and not decided yet (else null: read it again). */
export function storedReading(a: Pick<Article, 'storyId' | 'fingerprint' | 'statedOriginal'>): StoredReading | null {
  return a.storyId === null && a.fingerprint !== null ? { fingerprint: a.fingerprint, stated: a.statedOriginal } : null;
}

/** A new article with its reading in the row's columns, so that the stage that decides it later need not hash it again. */
export function withReadingColumns<T extends Pick<NewArticle, 'prepared' | 'fingerprint' | 'statedOriginal'>>(a: T): T {
  return a.prepared ? { ...a, fingerprint: a.prepared.fingerprint, statedOriginal: a.prepared.stated } : a;
}
