// Turning fetched bytes into text. Publishers declare encodings wrongly often enough that
// the order matters: a byte-order mark is certain, then the HTTP header, then what the
// document says about itself, and when none holds, UTF-8 if the bytes are valid UTF-8,
// else the legacy encoding whose text reads most like a language (encoding-sniff.ts),
// windows-1252 when in doubt (what browsers assume for unlabelled Western pages).
import { isUtf8 } from 'node:buffer';
import { sniffEncoding } from './encoding-sniff.js';

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'], // before UTF-16 LE, whose mark it starts with
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/**
 * Without a BOM, an XML document in UTF-16 or UTF-32 still starts with `<` (and usually
 * `<?`), whose zero bytes give the encoding away (XML 1.0, appendix F).
 */
function wideEncodingByPattern(bytes: Uint8Array): string | null {
  // Count zero bytes by position modulo 4 over the start: ASCII markup in UTF-16 has a zero
  // in every other byte, in UTF-32 three zeros in every four (blank lines before `<` too).
  const n = Math.min(bytes.length - (bytes.length % 4), 256);
  if (n < 4) return null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros[i % 4]!++;
  const quarter = n / 4;
  const [z0, z1, z2, z3] = zeros as [number, number, number, number];
  const mostly = (count: number) => count >= quarter * 0.9;
  const rarely = (count: number) => count <= quarter * 0.1;
  if (mostly(z0) && mostly(z1) && mostly(z2) && rarely(z3)) return 'utf-32be';
  if (rarely(z0) && mostly(z1) && mostly(z2) && mostly(z3)) return 'utf-32le';
  if (mostly(z0) && mostly(z2) && rarely(z1) && rarely(z3)) return 'utf-16be';
  if (rarely(z0) && rarely(z2) && mostly(z1) && mostly(z3)) return 'utf-16le';
  return null;
}

/** UTF-32, which TextDecoder does not offer. Invalid code points become U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    chunk.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function decodeWide(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-32be' || encoding === 'utf-32le') return decodeUtf32(bytes, encoding === 'utf-32le');
  return new TextDecoder(encoding).decode(bytes);
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return { encoding, length: bom.length };
  }
  return null;
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return match?.[1]?.toLowerCase() ?? null;
}

/** The encoding a document declares in its XML declaration or HTML <meta>, read as ASCII. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  // The declaration may sit after a long <head>; 8 KB covers what real pages do.
  const head = Buffer.from(bytes.subarray(0, 8192)).toString('latin1');
  const xml = head.match(/^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i);
  if (xml?.[1]) return asciiCompatible(xml[1].toLowerCase());
  const meta = head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i);
  return asciiCompatible(meta?.[1]?.toLowerCase() ?? null);
}

/** A declaration readable as ASCII cannot be in UTF-16: such a label means UTF-8 (as in the HTML spec). */
function asciiCompatible(label: string | null): string | null {
  return label && decoderFor(label, false)?.encoding.startsWith('utf-16') ? 'utf-8' : label;
}

// Windows-1252 code points for bytes 0x80-0x9F (five undefined bytes map to themselves).
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Decodes, correcting Node >= 20.18.3, whose TextDecoder treats windows-1252 (and its aliases
 * latin1, iso-8859-1, us-ascii) as ISO-8859-1, turning 0x80-0x9F into C1 controls instead of
 * € ‘ ’ “ ” … (nodejs/node#60888). Harmless where the platform decodes correctly.
 */
function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

function decoderFor(label: string, fatal: boolean): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null; // an encoding name the platform does not know
  }
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Decodes strictly; null when the bytes are not valid in that encoding or it is unknown. */
function tryDecode(bytes: Uint8Array, label: string): string | null {
  if (UTF8_LABELS.has(label)) {
    // The common case, on the hot path of every fetch: native validation, then decoding.
    if (!isUtf8(bytes)) return null;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
  const decoder = decoderFor(label, true);
  if (!decoder) return null;
  try {
    return decodeWith(decoder, bytes);
  } catch {
    return null;
  }
}

export interface DecodedText {
  text: string;
  encoding: string;
}

/** Decodes a fetched body to text (see the module comment for the order). */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeWide(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const wide = wideEncodingByPattern(bytes);
  if (wide) return { text: decodeWide(bytes, wide), encoding: wide };
  const http = charsetFromContentType(contentType);
  const declared = declaredEncoding(bytes);
  // A server's Western single-byte default (ISO-8859-1) decodes any bytes "cleanly"; when the
  // document says UTF-8 and really is UTF-8 with non-ASCII text, the server's label is wrong.
  const httpIsWesternDefault = http !== null && /^(?:iso-?8859-1|latin-?1|windows-1252|cp1252|us-ascii|ascii)$/.test(http);
  if (httpIsWesternDefault && declared !== null && UTF8_LABELS.has(declared) && hasNonAscii(bytes)) {
    const utf8 = tryDecode(bytes, 'utf-8');
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  }
  const candidates = [http, declared].filter((label): label is string => label !== null);
  for (const label of candidates) {
    const text = tryDecode(bytes, label);
    // A declared UTF-8 that does not decode is a wrong declaration: fall through to sniffing.
    if (text !== null) return { text, encoding: label };
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const guess = sniffEncoding(bytes, tryDecode);
  const text = tryDecode(bytes, guess.encoding) ?? decodeWith(new TextDecoder(guess.encoding), bytes);
  return { text, encoding: guess.encoding };
}
