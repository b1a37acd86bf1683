// Words for matching news text: a tokenizer that keeps case information, English stop words,
// a light stemmer (plurals and common inflections only: aggressive stemmers conflate names and
// unrelated words, which costs more in clustering than it gains), and named-entity candidates
// taken from capitalised spans.

/** English stop words (the list scikit-learn ships, which our baseline figures use too). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above across after afterwards again against all almost alone along already also although always am among amongst ' +
    'amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back be became because become ' +
    'becomes becoming been before beforehand behind being below beside besides between beyond bill both bottom but by call can ' +
    'cannot cant co con could couldnt cry de describe detail do done down due during each eg eight either eleven else elsewhere ' +
    'empty enough etc even ever every everyone everything everywhere except few fifteen fifty fill find fire first five for ' +
    'former formerly forty found four from front full further get give go had has hasnt have he hence her here hereafter hereby ' +
    'herein hereupon hers herself him himself his how however hundred i ie if in inc indeed interest into is it its itself keep ' +
    'last latter latterly least less ltd made many may me meanwhile might mill mine more moreover most mostly move much must my ' +
    'myself name namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on ' +
    'once one only onto or other others otherwise our ours ourselves out over own part per perhaps please put rather re same see ' +
    'seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow someone something ' +
    'sometime sometimes somewhere still such system take ten than that the their them themselves then thence there thereafter ' +
    'thereby therefore therein thereupon these they thick thin third this those though three through throughout thru thus to ' +
    'together too top toward towards twelve twenty two un under until up upon us very via was we well were what whatever when ' +
    'whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole ' +
    'whom whose why will with within without would yet you your yours yourself yourselves'
  ).split(' '),
);

/** A word as written, with what its case and position tell about it. */
export interface Token {
  /** Lower-cased, apostrophes and diacritics kept as written (see `normalizeWord`). */
  lower: string;
  /** Starts with an upper-case letter, or has one inside (iPhone, eBay). */
  capitalised: boolean;
  /** All letters upper case and at least two of them (NASA, GM). */
  acronym: boolean;
  /** First word of the text or of a sentence, where capitals say nothing. */
  sentenceStart: boolean;
  /** Punctuation stands between it and the word before (a name does not run across it). */
  afterPunctuation: boolean;
}

function punctuationBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text[i]!)) return true;
  return false;
}

// Letters (any script), digits and the marks that stay inside a word: apostrophes, and dots or
// commas between digits (7.1, 1,800) or between single letters (U.S.).
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:(?:['’](?=\p{L})|[.,](?=\p{N})|&(?=\p{L}))[\p{L}\p{M}\p{N}]+)*/gu;
const SENTENCE_MARKS = '.!?:;|–—';
const CLOSING_MARKS = '"\'”’)]';
const OPENING_MARKS = '"“‘(';
const DASHES = '-–—|';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0';
}

/**
 * Whether the text between two words (from `from` to `to`) ends a sentence: a full stop,
 * question mark, colon… (perhaps followed by a closing quote), or a dash standing alone
 * (headline separators); an opening quote counts when `quoted` (the word is capitalised).
 */
function sentenceBreak(text: string, from: number, to: number, quoted: boolean): boolean {
  let i = to - 1;
  while (i >= from && isSpace(text[i]!)) i--;
  if (i < from) return false;
  if (quoted && OPENING_MARKS.includes(text[i]!)) return true;
  // A dash standing alone between spaces ("Markets - Stocks"), not one inside a word (T-Mobile).
  if (DASHES.includes(text[i]!) && i > from && isSpace(text[i - 1]!)) {
    let j = i - 1;
    while (j >= from && isSpace(text[j]!)) j--;
    if (j < from) return true;
  }
  while (i >= from && CLOSING_MARKS.includes(text[i]!)) i--;
  return i >= from && SENTENCE_MARKS.includes(text[i]!);
}

function lettersAtLeast(word: string, n: number): boolean {
  let letters = 0;
  for (const c of word) if (c.toLowerCase() !== c.toUpperCase() && ++letters >= n) return true;
  return false;
}

/** Lower-case, unify apostrophes, drop dots of abbreviations (U.S. → us) and thousands commas. */
export function normalizeWord(word: string, lowered = word.toLowerCase()): string {
  let w = lowered;
  if (w.includes('’')) w = w.replace(/’/g, "'");
  if (w.includes('.') && !/\d/.test(w)) w = w.replace(/\./g, '');
  if (w.includes(',')) w = w.replace(/,/g, '');
  return w;
}

/** The words of a text in order, with case information (for entities) kept. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const at = m.index ?? 0;
    const from = last;
    last = at + raw.length;
    const lowerRaw = raw.toLowerCase();
    const upper = lowerRaw !== raw;
    const acronym = upper && raw.toUpperCase() === raw && lettersAtLeast(raw, 2);
    let lower = normalizeWord(raw, lowerRaw);
    // "US", "IT", "WHO" written as acronyms are names, not the stop words they spell.
    if (acronym && lower.length <= 3 && STOPWORDS.has(lower)) lower = `${lower.split('').join('.')}.`;
    const initialUpper = upper && raw[0] !== lowerRaw[0];
    out.push({
      lower,
      capitalised: upper,
      acronym,
      sentenceStart: out.length === 0 || sentenceBreak(text, from, at, initialUpper),
      afterPunctuation: out.length > 0 && punctuationBetween(text, from, at),
    });
  }
  return out;
}

/** Words the plural rule would break ("news" is not the plural of "new"). */
const INVARIANT: ReadonlySet<string> = new Set(['news', 'series', 'species', 'means', 'politics', 'economics', 'physics', 'ethics', 'athletics', 'diabetes']);

function hasVowel(s: string): boolean {
  return /[aeiouy]/.test(s);
}

/**
 * A light English stemmer: possessives, plurals, -ing and -ed, a final -e, and doubled final
 * consonants, so that release/releases/released/releasing all give one stem. Words with
 * digits and short words are left alone. Stems are keys, not words: "releas" is fine.
 */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.length <= 3 || INVARIANT.has(w) || /\d/.test(w)) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is|ous)$/.test(w)) w = w.slice(0, -1);
  // A demonym meets its place name: Syrian/Syria, Estravian/Estravia (the news says both).
  if (w.length > 5 && w.endsWith('ian')) return w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing') && hasVowel(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed') && hasVowel(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && /[bcdfgkmnprt]/.test(w[n - 1]!)) return w.slice(0, -1);
  return w;
}

/** Whether the language tag (or its absence) says the text is English, where `stem` applies. */
export function stemsApply(lang: string | null | undefined): boolean {
  return !lang || /^en\b/i.test(lang);
}

/** A word that carries content: not a stop word, at least two characters, not only punctuation. */
export function isContentWord(lower: string): boolean {
  return lower.length >= 2 && !STOPWORDS.has(lower) && !(lower.includes("'") && STOPWORDS.has(withoutPossessive(lower)));
}

function withoutPossessive(lower: string): string {
  return lower.endsWith("'s") ? lower.slice(0, -2) : lower.endsWith("'") ? lower.slice(0, -1) : lower;
}

/** The term (stem) of a word, or null for a stop word. */
export function termOf(lower: string, english = true): string | null {
  if (!isContentWord(lower)) return null;
  return english ? stem(lower) : withoutPossessive(lower);
}

/** The content terms of a text in order (stop words removed, stemmed when English). */
export function terms(text: string, english = true): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const term = termOf(t.lower, english);
    if (term !== null) out.push(term);
  }
  return out;
}

/**
 * Headline style: (nearly) every content word capitalised ("Lena Dunham May Be the Host of Her
 * Generation"). There capitals do not mark names, so entity spans must come from elsewhere. A
 * sentence full of names still has its verbs and nouns in lower case.
 */
export function isTitleCase(tokens: readonly Token[]): boolean {
  let words = 0;
  let lower = 0;
  // Words can be no more than the tokens: once the lower-case words pass a tenth of those, the
  // answer is no (a body text says so within its first lines, instead of after all its words).
  const most = 0.1 * tokens.length;
  for (const t of tokens) {
    if (!isContentWord(t.lower) || isDigit(t.lower.charCodeAt(0))) continue;
    words++;
    if (!t.capitalised && ++lower > most) return false;
  }
  return words >= 3 && lower <= 0.1 * words;
}

/** Whether a character code is an ASCII digit (what /^\d/ tests of a first character). */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Words allowed inside a name: "Bank of England", "Jos. A. Bank", "Ludwig van Beethoven". */
const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'der', 'van', 'von', 'la', 'le', 'da', 'di', 'du', 'al', 'bin', '&']);

/**
 * Named-entity candidates: spans of capitalised words, as lists of terms.
 *
 * `isName(term)` says whether a word is known to be a name (from how it is written elsewhere,
 * see the clusterer's case statistics); it decides the cases capitals cannot: the first word
 * of a sentence, and every word of a title-case headline. Without it only capitals count.
 */
export function entitySpans(tokens: readonly Token[], isName: (term: string) => boolean = () => false, english = true): string[][] {
  const titleCase = isTitleCase(tokens);
  const spans: string[][] = [];
  let span: string[] = [];
  let pendingConnector: string | null = null;
  const close = (): void => {
    if (span.length > 0) spans.push(span);
    span = [];
    pendingConnector = null;
  };
  for (const t of tokens) {
    if (t.sentenceStart || t.afterPunctuation) close();
    // Only a capitalised word can be a name: the others are not looked at further.
    let name = false;
    let term = '';
    if (t.capitalised && isContentWord(t.lower)) {
      const bare = withoutPossessive(t.lower);
      if (!isDigit(bare.charCodeAt(0))) {
        term = english ? stem(t.lower) : bare;
        if (t.acronym) name = true;
        else if (titleCase || t.sentenceStart) name = isName(term);
        else name = true;
      }
    }
    if (name) {
      if (pendingConnector !== null) span.push(pendingConnector);
      pendingConnector = null;
      span.push(term);
    } else if (span.length > 0 && pendingConnector === null && NAME_CONNECTORS.has(t.lower)) {
      pendingConnector = t.lower;
    } else {
      close();
    }
  }
  close();
  return spans;
}

/**
 * Entity features of a text: every name word, and every pair of adjacent name words (a
 * "first last" or "city region" pair is far more specific than either word).
 */
export function entityFeatures(spans: readonly string[][]): string[] {
  const out: string[] = [];
  for (const span of spans) {
    const words = span.filter((w) => !NAME_CONNECTORS.has(w));
    for (let i = 0; i < words.length; i++) {
      out.push(words[i]!);
      if (i > 0) out.push(`${words[i - 1]!} ${words[i]!}`);
    }
  }
  return out;
}

// Parts of a URL path that name the file type or the page template, not the content.
const URL_NOISE: ReadonlySet<string> = new Set(['html', 'htm', 'shtml', 'jhtml', 'xhtml', 'php', 'asp', 'aspx', 'jsp', 'cms', 'cgi', 'index', 'www', 'amp']);

/**
 * The words of a URL's path (its "slug"): publishers put the story's key words there, often
 * other words than the headline's. Letters only (ids and dates say nothing), stop words and
 * file-type words dropped, stemmed like text.
 */
export function urlTerms(url: string | null | undefined, english = true): string[] {
  if (!url) return [];
  // The path: after the scheme and host, before the query or fragment.
  const scheme = url.indexOf('://');
  const slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  if (slash < 0) return [];
  let end = url.length;
  for (const mark of ['?', '#']) {
    const at = url.indexOf(mark, slash);
    if (at >= 0 && at < end) end = at;
  }
  let path = url.slice(slash, end);
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      // A malformed escape: read the path as it is.
    }
  }
  const out: string[] = [];
  for (const m of path.matchAll(/\p{L}+/gu)) {
    const lower = m[0].toLowerCase();
    if (URL_NOISE.has(lower)) continue;
    const term = termOf(lower, english);
    if (term !== null) out.push(term);
  }
  return out;
}
