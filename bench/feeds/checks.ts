// The feeds-dev expectation evaluator: each check type exactly as the dataset's README
// ("Checks") defines it, applied to a parser's result in the evaluation shape (shape.ts).
import { decodeHTML } from 'entities';
import type { EvalEntry, EvalFeed } from './shape.js';

export type CheckType =
  | 'parses'
  | 'feed.title'
  | 'feed.link'
  | 'entry.title'
  | 'entry.link'
  | 'entry.id'
  | 'entry.author'
  | 'entry.published'
  | 'entry.updated'
  | 'entry.content'
  | 'entries.count'
  | 'entries.min';

export const CHECK_TYPES: readonly CheckType[] = [
  'parses',
  'feed.title',
  'feed.link',
  'entry.title',
  'entry.link',
  'entry.id',
  'entry.author',
  'entry.published',
  'entry.updated',
  'entry.content',
  'entries.count',
  'entries.min',
];

/** One expectation of a case, as in manifest.json. `index` is the 0-based entry position. */
export interface Check {
  type: string;
  index?: number;
  expected?: unknown;
}

/** A case object of manifest.json (real/manifest.json entries have no suite, category or url). */
export interface FeedCase {
  id: string;
  suite?: string;
  category?: string;
  file: string;
  url?: string | null;
  bytes?: number;
  checks: Check[];
  meta?: unknown;
}

export interface CheckOutcome {
  pass: boolean;
  /** What the parser produced for the checked field (for failure reports). */
  got: unknown;
}

// Markup: comments, CDATA markers, doctype/processing instructions and tags whose name starts
// with a letter (so a lone "<" in text, as in "a < b", is kept). Quoted attribute values may
// contain ">".
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const DECLARATION = /<[!?][^>]*>/g;
const TAG = /<\/?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;
// Elements whose content a browser never shows.
const INVISIBLE = /<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const WHITESPACE = /\s+/g;

/** Removes HTML tags and comments, keeping the text between them. */
export function stripTags(html: string): string {
  return html.replace(COMMENT, '').replace(DECLARATION, '').replace(TAG, '');
}

function collapse(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

/** Title comparison form: tags stripped, character references decoded, whitespace collapsed. */
export function normalizeTitle(value: string | null | undefined): string {
  return collapse(decodeHTML(stripTags(value ?? '')));
}

/** The visible text of an HTML fragment: as normalizeTitle, and script/style contents dropped. */
export function visibleText(value: string | null | undefined): string {
  return collapse(decodeHTML(stripTags((value ?? '').replace(INVISIBLE, ''))));
}

/** WHATWG-normalised absolute URL, or null when the value is not an absolute URL. */
export function normalizeUrl(value: string | null | undefined): string | null {
  if (value == null) return null;
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
}

/** feed.link / entry.link: equal after WHATWG normalisation; a relative result never matches an absolute expectation. */
export function linksMatch(got: string | null | undefined, expected: string): boolean {
  const want = normalizeUrl(expected);
  if (want === null) return (got ?? '').trim() === expected.trim(); // a relative expectation: compare as given
  return normalizeUrl(got) === want;
}

/** entry.author: equal as text; an expected "Name (email)" also matches "Name". */
export function authorsMatch(got: string | null | undefined, expected: string): boolean {
  const have = collapse(got ?? '');
  const want = collapse(expected);
  if (have === want) return true;
  const named = /^(.*?)\s*\([^()]*\)$/.exec(want);
  return named !== null && named[1] !== '' && have === named[1];
}

/**
 * An ISO-8601 timestamp as epoch milliseconds (null when unreadable) and whether it states
 * fractional seconds. Years below 1000 are accepted unpadded: the dataset writes the year 99
 * as "99-12-31T23:00:01Z" (Python's strftime), which Date.parse would reject.
 */
function instant(value: string): { ms: number; fractional: boolean } | null {
  const text = value.trim().replace(/^(\d{1,3})(?=-\d\d-\d\d)/, (year) => year.padStart(4, '0'));
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? { ms, fractional: /T[\d:]+[.,]\d/.test(text) } : null;
}

/**
 * entry.published / entry.updated: the same instant as the expected timestamp, at the expected's
 * precision: the expectations come from second-resolution values (Python's struct_time), so
 * "…13:25:47Z" is met by 13:25:47.538 (a parser keeping milliseconds is not wrong).
 */
export function sameInstant(got: string | null | undefined, expected: string): boolean {
  if (got == null) return false;
  const have = instant(got);
  const want = instant(expected);
  if (!have || !want) return false;
  return want.fractional ? have.ms === want.ms : Math.floor(have.ms / 1000) === Math.floor(want.ms / 1000);
}

/** entry.content: the visible text of `expected` occurs in the visible text of content or summary. */
export function contentMatches(entry: Pick<EvalEntry, 'content' | 'summary'>, expected: string): boolean {
  const want = visibleText(expected);
  return [entry.content, entry.summary].some((field) => field != null && visibleText(field).includes(want));
}

function expectedString(check: Check): string {
  if (typeof check.expected !== 'string') throw new Error(`check ${check.type}: expected a string, got ${JSON.stringify(check.expected)}`);
  return check.expected;
}

function expectedNumber(check: Check): number {
  if (typeof check.expected !== 'number') throw new Error(`check ${check.type}: expected a number, got ${JSON.stringify(check.expected)}`);
  return check.expected;
}

const NO_RESULT = '(parser failed)';

/**
 * Evaluates one check against a parser's result; `result` is null when the parser failed
 * (returned an error or threw), which fails every check. An unknown check type throws: the
 * dataset is newer than this evaluator.
 */
export function evaluateCheck(check: Check, result: EvalFeed | null): CheckOutcome {
  if (!(CHECK_TYPES as readonly string[]).includes(check.type)) throw new Error(`unknown check type "${check.type}"`);
  if (check.type === 'parses') return { pass: result !== null, got: result === null ? NO_RESULT : 'parsed' };
  if (result === null) return { pass: false, got: NO_RESULT };

  switch (check.type as CheckType) {
    case 'feed.title':
      return { pass: normalizeTitle(result.title) === normalizeTitle(expectedString(check)), got: result.title };
    case 'feed.link':
      return { pass: linksMatch(result.link, expectedString(check)), got: result.link };
    case 'entries.count':
      return { pass: result.entries.length === expectedNumber(check), got: result.entries.length };
    case 'entries.min':
      return { pass: result.entries.length >= expectedNumber(check), got: result.entries.length };
    default:
      break;
  }

  const index = check.index ?? 0;
  const entry = result.entries[index];
  if (!entry) return { pass: false, got: `(no entry ${index}; ${result.entries.length} entries)` };
  const expected = expectedString(check);
  switch (check.type as CheckType) {
    case 'entry.title':
      return { pass: normalizeTitle(entry.title) === normalizeTitle(expected), got: entry.title };
    case 'entry.link':
      return { pass: linksMatch(entry.link, expected), got: entry.link };
    case 'entry.id':
      return { pass: entry.id != null && entry.id.trim() === expected.trim(), got: entry.id };
    case 'entry.author':
      return { pass: authorsMatch(entry.author, expected), got: entry.author };
    case 'entry.published':
      return { pass: sameInstant(entry.published, expected), got: entry.published };
    case 'entry.updated': {
      const updated = entry.updated ?? entry.published;
      return { pass: sameInstant(updated, expected), got: updated };
    }
    case 'entry.content':
      return {
        pass: contentMatches(entry, expected),
        got: entry.content != null || entry.summary != null ? { content: entry.content, summary: entry.summary } : null,
      };
    default:
      throw new Error(`unhandled check type "${check.type}"`);
  }
}

export interface CaseOutcome {
  checks: Array<{ check: Check; outcome: CheckOutcome }>;
  passed: number;
  total: number;
  /** All checks passed. */
  ok: boolean;
}

export function evaluateCase(checks: readonly Check[], result: EvalFeed | null): CaseOutcome {
  const outcomes = checks.map((check) => ({ check, outcome: evaluateCheck(check, result) }));
  const passed = outcomes.filter((o) => o.outcome.pass).length;
  return { checks: outcomes, passed, total: outcomes.length, ok: passed === outcomes.length };
}
