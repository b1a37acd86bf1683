// The search box's language, parsed into terms and compiled into an FTS5 MATCH expression.
//
//   port strike          both words (AND)
//   "port strike"        the exact phrase
//   portv*               a prefix (at least two letters; a shorter one is searched as a word)
//   -football            leave out articles with this word ("-" before a phrase works too)
//
// Nothing the user types reaches FTS5 as syntax: every term is a double-quoted string made of
// letters and digits only, and the operators between them are ours. Punctuation separates
// words as the index's tokenizer does ("U.S." is the phrase "u s", "title:x" the phrase
// "title x"), FTS5's own keywords (AND, OR, NOT, NEAR) are plain words, an unclosed quote
// runs to the end, and a query left with no word to look for has no expression at all.

export interface QueryTerm {
  /** Lower-cased words in order; more than one is a phrase. */
  words: string[];
  /** The last word is a prefix. */
  prefix: boolean;
}

export interface ParsedQuery {
  /** Terms every result contains. */
  include: QueryTerm[];
  /** Terms no result contains. */
  exclude: QueryTerm[];
}

/** Longer input is cut here: the web edge refuses much less (see MAX_QUERY_LENGTH). */
const MAX_INPUT = 1000;
/** Terms beyond these are ignored: a query this long is not a person's. */
export const MAX_TERMS = 12;
export const MIN_PREFIX_LENGTH = 2;

// What unicode61 treats as part of a word: letters, numbers, private-use characters; marks
// too, so that a decomposed "é" stays one word (remove_diacritics folds it at both ends).
export const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

const wordsOf = (text: string): string[] => (text.normalize('NFC').match(WORD) ?? []).map((w) => w.toLowerCase());

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_INPUT);
  const include: QueryTerm[] = [];
  const exclude: QueryTerm[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < text.length && include.length + exclude.length < MAX_TERMS) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    let negated = false;
    while (text[i] === '-') {
      negated = true;
      i++;
    }
    let body: string;
    let star: boolean;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close === -1 ? text.length : close;
      body = text.slice(i + 1, end);
      i = end + 1;
      star = text[i] === '*' || /\*\s*$/.test(body);
      if (text[i] === '*') i++;
    } else {
      const start = i;
      while (i < text.length && !isSpace(text[i]) && text[i] !== '"') i++;
      body = text.slice(start, i);
      star = body.endsWith('*');
    }
    const words = wordsOf(body);
    const last = words[words.length - 1];
    if (!last) continue;
    const term: QueryTerm = { words, prefix: star && [...last].length >= MIN_PREFIX_LENGTH };
    const key = `${negated ? '-' : '+'}${termSyntax(term)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (negated ? exclude : include).push(term);
  }
  return { include, exclude };
}

/** One term as an FTS5 string: always quoted, quotes doubled (there are none, but the rule is the rule). */
function termSyntax(term: QueryTerm): string {
  return `"${term.words.join(' ').replaceAll('"', '""')}"${term.prefix ? ' *' : ''}`;
}

/**
 * The MATCH expression for a parsed query, or null when there is nothing to look for (no
 * words, only punctuation, or only exclusions: "everything but X" is not a search).
 */
export function matchExpression(query: ParsedQuery): string | null {
  if (query.include.length === 0) return null;
  const wanted = query.include.map(termSyntax).join(' AND ');
  if (query.exclude.length === 0) return wanted;
  return `(${wanted}) NOT (${query.exclude.map(termSyntax).join(' OR ')})`;
}

/** The query as we understood it, for the page ("port strike" -football). */
export function describeQuery(query: ParsedQuery): string {
  const show = (t: QueryTerm) => {
    const words = t.words.join(' ');
    return `${t.words.length > 1 ? `"${words}"` : words}${t.prefix ? '*' : ''}`;
  };
  return [...query.include.map(show), ...query.exclude.map((t) => `-${show(t)}`)].join(' ');
}
