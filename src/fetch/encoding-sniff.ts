// Guessing the encoding of bytes that are not UTF-8 and say nothing true about themselves.
// Each candidate must decode the bytes cleanly; among those, the one whose text looks most
// like a real language wins: letters of one script, lower case mostly, few stray symbols.
// Decoding Cyrillic windows-1251 as windows-1252 gives "Ïðèâåò" (all letters, but nearly
// every letter accented), KOI8-R read as windows-1251 gives mostly capitals, and so on.

const CANDIDATES = [
  'windows-1252', 'windows-1251', 'koi8-r', 'iso-8859-2', 'iso-8859-7', 'windows-1250', 'windows-1253', 'windows-1254',
  'iso-8859-8', 'windows-1256', 'shift_jis', 'euc-jp', 'gb18030', 'big5', 'euc-kr',
];

const SCRIPTS: Array<[string, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['han', /\p{Script=Han}/u],
  ['hangul', /\p{Script=Hangul}/u],
];

/** How much a decoded text looks like natural language (higher is better). */
export function plausibility(text: string): number {
  const counts = new Map<string, number>();
  let letters = 0;
  let nonAsciiLetters = 0;
  let lower = 0;
  let upper = 0;
  let odd = 0;
  let nonAscii = 0;
  // Judge the words, not the markup: tags, URLs and entities are ASCII in every encoding
  // and would dilute the share of accented letters.
  const sample = (text.length > 200_000 ? text.slice(0, 200_000) : text)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ')
    .replace(/&#?\w+;/g, ' ');
  for (const c of sample) {
    const code = c.codePointAt(0)!;
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
        letters++;
        counts.set('latin', (counts.get('latin') ?? 0) + 1);
      }
      continue;
    }
    nonAscii++;
    if ((code >= 0x80 && code <= 0x9f) || code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff)) {
      odd++;
      continue;
    }
    if (!/\p{L}/u.test(c)) {
      if (!/[\p{P}\p{Zs}\p{Sc}\p{N}]/u.test(c)) odd += 0.5; // symbols, box drawing: rare in text
      continue;
    }
    letters++;
    nonAsciiLetters++;
    if (c !== c.toUpperCase()) lower++;
    else if (c !== c.toLowerCase()) upper++;
    const script = SCRIPTS.find(([, re]) => re.test(c))?.[0] ?? 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (nonAscii === 0) return 1;
  const dominant = Math.max(0, ...[...counts.entries()].filter(([s]) => s !== 'latin').map(([, n]) => n));
  const latin = counts.get('latin') ?? 0;
  let score = 1 - odd / nonAscii;
  if (dominant < nonAsciiLetters * 0.5) {
    // Latin-script text: accented letters are a minority of all letters in every language.
    const accentedShare = nonAsciiLetters / Math.max(1, latin);
    if (accentedShare > 0.35) score -= accentedShare - 0.35;
  }
  // Real text is mostly lower case; a wrong single-byte table often swaps the cases.
  if (lower + upper > 20 && upper > lower) score -= 0.3 * (upper - lower) / (upper + lower);
  // Kana only appear in Japanese; Han without kana read as Japanese is suspicious.
  if ((counts.get('kana') ?? 0) > 0) score += 0.05;
  return score;
}

function strictDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The candidate encoding whose decoding looks most like text; windows-1252 when in doubt. */
export function sniffEncoding(bytes: Uint8Array, decode: (bytes: Uint8Array, label: string) => string | null = strictDecode): { encoding: string; text: string } {
  let best: { encoding: string; text: string; score: number } | null = null;
  const sample = bytes.length > 32_768 ? bytes.subarray(0, 32_768) : bytes;
  for (const encoding of CANDIDATES) {
    // Decode a sample to choose (a cut multi-byte sequence at its end is not an error).
    const text = decode(sample, encoding) ?? (sample !== bytes ? decode(sample.subarray(0, sample.length - 3), encoding) : null);
    if (text === null) continue;
    const score = plausibility(text);
    if (!best || score > best.score + 1e-9) best = { encoding, text, score };
    // Candidates are in order of how common they are; a clean read needs no second opinion.
    if (score >= 0.98) break;
  }
  return best ? { encoding: best.encoding, text: best.text } : { encoding: 'windows-1252', text: '' };
}
