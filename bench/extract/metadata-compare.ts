// How the benchmark compares titles and bylines with the Readability pages' expected metadata,
// which is Readability's own output. Two comparisons, both applied in the same way to every
// extractor and to the expected value:
//
// - strict: the dataset README's (NFKC, trimmed, whitespace folded, lower-cased);
// - normalised: folds only the differences issue #4 asks for — a title without the site's name
//   (a separator-delimited part at either end), a byline without "By …", without the date
//   after it, and only when it names a person (not the site, a date, "Staff"/"Contributors…"
//   or a button's label). The rules read the values and the page's expected site name, never
//   which page it is.

export const METADATA_COMPARISON = {
  strict: 'NFKC, trimmed, whitespace collapsed, lower-cased; title and byline exact, published by UTC calendar day',
  normalised:
    'applied alike to the expected value and to every extractor: NFKC, lower-cased, every run of characters other than letters and digits folded to one space. ' +
    'Title: also counts as equal when it is the expected title with one to two separator-delimited parts ( | - – — · • » / :: _ or a trailing [..]) removed from its start or from its end (where sites put their name). ' +
    'Byline: a leading "By"/"Par"/"Von"/"Written by"… and a date or time with everything after it are removed; a byline that is then empty, equals the page\'s expected siteName, ' +
    'consists only of label words (follow, author, updated, published…) or starts with a collective word (staff, contributors, editors, team…) names no person and becomes none. ' +
    'Byline accuracy is over the pages whose expected byline still names a person after that; the pages where it does not are counted apart.',
} as const;

const fold = (s: string | null | undefined): string =>
  (s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The README's strict comparison. */
export function strictEqual(expected: string | null | undefined, got: string | null | undefined): boolean {
  const n = (v: string | null | undefined) => (v ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return n(expected) === n(got);
}

// ---------------------------------------------------------------------------------------------
// Titles

const TITLE_SEPARATOR = /\s+[|\-–—·•»\/~]\s+|\s+::\s+|\s*[|｜_]\s*/g;
const MAX_DROPPED_PARTS = 2;

/** The expected title's parts: split at separators, with a trailing "[…]" as a part of its own. */
function titleParts(title: string): string[] {
  const bracket = /^(.*\S)\s*(\[[^\]]+\])$/.exec(title.trim());
  const head = bracket ? bracket[1]! : title;
  const parts = head.split(TITLE_SEPARATOR).filter((p) => p.trim());
  return bracket ? [...parts, bracket[2]!] : parts;
}

/** The expected title and its variants without one or two parts at either end, folded. */
export function titleVariants(expected: string): Set<string> {
  const variants = new Set([fold(expected)]);
  const parts = titleParts(expected);
  for (let k = 1; k <= MAX_DROPPED_PARTS && k < parts.length; k++) {
    variants.add(fold(parts.slice(0, parts.length - k).join(' ')));
    variants.add(fold(parts.slice(k).join(' ')));
  }
  return variants;
}

export function titleMatches(expected: string, got: string | null | undefined): boolean {
  const g = fold(got);
  return g !== '' && titleVariants(expected).has(g);
}

// ---------------------------------------------------------------------------------------------
// Bylines

const BY = /^(?:(?:written|posted|words|story|reporting|text)\s+)?(?:by|par|por|von|door|av|af|przez)\b\s*:?\s*/i;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** A date (and everything after it): "March 25, 2015 …", "22 Dec 2016…", "2019-04-28…". */
const DATE_AND_REST = new RegExp(`\\s*(?:\\d{1,2}\\s*${MONTH}\\s+\\d{4}|${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}).*$`, 'is');
const LABEL_WORDS = new Set(['follow', 'author', 'authors', 'profile', 'more', 'share', 'subscribe', 'last', 'updated', 'published', 'posted', 'on', 'at', 'by']);
const COLLECTIVE = new Set(['staff', 'contributors', 'editors', 'editorial', 'team', 'desk', 'newsroom', 'agencies', 'wires', 'redaction', 'rédaction', 'redaktion']);

/** A byline reduced to the person it names, folded; null when it names no person. */
export function normaliseByline(raw: string | null | undefined, siteName: string | null | undefined): string | null {
  const text = (raw ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().replace(BY, '').replace(DATE_AND_REST, '');
  const folded = fold(text);
  if (!folded) return null;
  if (siteName && folded === fold(siteName)) return null;
  const words = folded.split(' ');
  if (words.every((w) => LABEL_WORDS.has(w)) || COLLECTIVE.has(words[0]!)) return null;
  return folded;
}
