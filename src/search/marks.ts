// Matched words marked in a shown result's headline and snippet, from the parsed query itself.
//
// FTS5's highlight() and snippet() need the MATCH again for each shown row, and for a prefix
// longer than the index's prefix lengths ("market*") each of those expands the prefix over the
// whole vocabulary anew: 20 snippets cost several times the ranking itself on a million
// articles. The query already says what matched, so the words are found here, in the row's
// text, the way the index's tokenizer (unicode61, remove_diacritics 2) splits and folds them.
import { type ParsedQuery, type QueryTerm, WORD } from './query.js';
import { MARK_END, MARK_START } from './store.js';

/** Words of the body around the best match, as snippet() gave (FTS5 allows up to 64). */
export const SNIPPET_WORDS = 32;
/** Words shown before the first match of the window, so that the match has some context. */
const LEAD_WORDS = 6;
const ELLIPSIS = '…';
/** Windows considered for a snippet, one per match from the first. */
const MAX_WINDOWS = 200;


interface Token {
  start: number;
  end: number;
  folded: string;
}

/** Lower case without diacritics, as remove_diacritics 2 folds both the index and the query. */
const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) });
  return out;
}

interface Hit {
  /** Token range, end exclusive. */
  first: number;
  end: number;
  /** Which include term. */
  term: number;
}

/** Every place an include term (word, phrase or prefix) occurs, in token order. */
function hits(toks: Token[], terms: readonly QueryTerm[]): Hit[] {
  const wanted = terms.map((t) => ({ words: t.words.map(fold), prefix: t.prefix }));
  const out: Hit[] = [];
  for (let i = 0; i < toks.length; i++) {
    wanted.forEach((term, index) => {
      const n = term.words.length;
      if (i + n > toks.length) return;
      for (let k = 0; k < n; k++) {
        const token = toks[i + k]!.folded;
        const word = term.words[k]!;
        const last = k === n - 1;
        if (!(token === word || (last && term.prefix && token.startsWith(word)))) return;
      }
      out.push({ first: i, end: i + n, term: index });
    });
  }
  return out;
}

/** The text from token `from` to `to` (exclusive) with the hits inside it marked; overlapping hits merge into one mark. */
function marked(text: string, toks: Token[], found: Hit[], from: number, to: number, sliceStart: number, sliceEnd: number): string {
  let out = '';
  let at = sliceStart;
  let open: { first: number; end: number } | null = null;
  const spans: Array<{ first: number; end: number }> = [];
  for (const h of found) {
    if (h.first < from || h.end > to) continue;
    if (open && h.first < open.end) open.end = Math.max(open.end, h.end);
    else {
      open = { first: h.first, end: h.end };
      spans.push(open);
    }
  }
  for (const span of spans) {
    const s = toks[span.first]!.start;
    const e = toks[span.end - 1]!.end;
    out += text.slice(at, s) + MARK_START + text.slice(s, e) + MARK_END;
    at = e;
  }
  return out + text.slice(at, sliceEnd);
}

/** The whole headline with its matches marked (what highlight() gave). */
export function markTitle(title: string, query: ParsedQuery): string {
  const toks = tokens(title);
  return marked(title, toks, hits(toks, query.include), 0, toks.length, 0, title.length);
}

/**
 * Up to SNIPPET_WORDS words of the body around its best match, the matches marked, "…" where
 * text was left out (what snippet() gave). The best window holds the most different terms of
 * the query, then the most matches, then comes first; it opens a few words before its first
 * match. A body without a match shows its beginning.
 */
export function markSnippet(body: string, query: ParsedQuery, words = SNIPPET_WORDS): string {
  const toks = tokens(body);
  if (toks.length === 0) return '';
  const found = hits(toks, query.include);
  let from = 0;
  if (toks.length > words && found.length > 0) {
    let best = -1;
    const lead = Math.min(LEAD_WORDS, Math.floor(words / 4));
    // The first matches are enough to choose from: a page naming the word a thousand times
    // would otherwise cost a million comparisons.
    for (const h of found.slice(0, MAX_WINDOWS)) {
      const start = Math.max(0, Math.min(h.first - lead, toks.length - words));
      const inside = found.filter((x) => x.first >= start && x.end <= start + words);
      const score = new Set(inside.map((x) => x.term)).size * 1_000_000 + inside.length;
      if (score > best) {
        best = score;
        from = start;
      }
    }
  }
  const to = Math.min(toks.length, from + words);
  // A window that starts at the first word keeps what comes before it (a quote mark, say); one
  // that ends at the last word keeps the closing punctuation.
  const sliceStart = from === 0 ? 0 : toks[from]!.start;
  const sliceEnd = to === toks.length ? body.length : toks[to - 1]!.end;
  const text = marked(body, toks, found, from, to, sliceStart, sliceEnd).trim();
  return `${from > 0 ? ELLIPSIS : ''}${text}${to < toks.length ? ELLIPSIS : ''}`;
}
