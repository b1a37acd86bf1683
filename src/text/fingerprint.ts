// Content fingerprints: the same text under another URL (a syndicated copy, a page
// republished with a new slug) must be recognised even when a few words differ — a
// dateline added, a credit line appended, a word changed. MinHash over word 3-shingles
// estimates how much two texts share (Jaccard similarity), and stays reliable on the
// short texts feeds carry, where SimHash moves by many bits for a one-sentence edit.
import { createHash } from 'node:crypto';

const WORD = /[\p{L}\p{N}]+/gu;
/** Hash functions in a signature: 32 gives a similarity estimate within about ±0.09. */
export const SIGNATURE_SIZE = 32;
/** Minimum words for a fingerprint to mean anything; shorter texts get none. */
export const MIN_FINGERPRINT_WORDS = 12;
/** Texts sharing at least this share of their shingles are the same article. */
export const NEAR_DUPLICATE_SIMILARITY = 0.5;

// Seeds of the hash family h_i(x) = (a_i * x + b_i) mod p, fixed so fingerprints are
// stable across runs and machines.
const PRIME = 4294967311; // the first prime above 2^32
const SEEDS: Array<[number, number]> = Array.from({ length: SIGNATURE_SIZE }, (_, i) => {
  const digest = createHash('sha1').update(`newsroom-minhash-${i}`).digest();
  return [(digest.readUInt32BE(0) % (PRIME - 1)) + 1, digest.readUInt32BE(4) % PRIME];
});

// The seeds' halves, as permute() splits them, laid out for the signature loop.
const SEED_HIGH = Float64Array.from(SEEDS, ([a]) => Math.floor(a / 65536));
const SEED_LOW = Float64Array.from(SEEDS, ([a]) => a % 65536);
const SEED_B = Float64Array.from(SEEDS, ([, b]) => b);

function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').match(WORD) ?? [];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, of `value`, continuing from `h` (a hash so far, or FNV_OFFSET to start). */
function fnv1aFrom(h: number, value: string): number {
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/**
 * FNV-1a of the shingle "a b c", without building the string: the same value as hashing
 * it, since FNV-1a reads one character after another.
 */
function shingleHash(a: string, b: string, c: string): number {
  let h = fnv1aFrom(FNV_OFFSET, a);
  h = Math.imul(h ^ 32, FNV_PRIME);
  h = fnv1aFrom(h, b);
  h = Math.imul(h ^ 32, FNV_PRIME);
  return fnv1aFrom(h, c) >>> 0;
}

const TWO_TO_MINUS_32 = 1 / 4294967296;

/**
 * v mod p for a whole number 0 ≤ v < 2^53. p = 2^32 + 15: with q = ⌊v / 2^32⌋ (exact in a
 * double: a power of two), v − q·p = (v mod 2^32) − 15q lies in (−p, p) since q < 2^21, so
 * one correction puts it in [0, p) — no division, the costliest step otherwise.
 */
function modPrime(v: number): number {
  const r = v - Math.floor(v * TWO_TO_MINUS_32) * PRIME;
  return r < 0 ? r + PRIME : r;
}

/**
 * (a * x + b) mod p without losing precision: split a into 16-bit halves. high·x < 2^48, so
 * (high·x mod p)·65536 < 2^49; with low·x < 2^48 and b < 2^33 the sum stays below 2^53,
 * exact in a double, and one more reduction gives the value.
 */
export function permute(x: number, a: number, b: number): number {
  const high = Math.floor(a / 65536);
  const low = a % 65536;
  return modPrime(modPrime(high * x) * 65536 + low * x + b);
}

/**
 * MinHash signature of a text over 3-word shingles, as 8 hex digits per hash; null for
 * texts too short to tell copies from coincidences.
 */
export function minhash(text: string): string | null {
  const tokens = words(text);
  if (tokens.length < MIN_FINGERPRINT_WORDS) return null;
  // A shingle that repeats changes no minimum, so they are not made unique first.
  const count = tokens.length - 2;
  if (shingleBuffer.length < count) shingleBuffer = new Float64Array(Math.max(count, shingleBuffer.length * 2));
  const shingles = shingleBuffer;
  for (let i = 0; i < count; i++) shingles[i] = shingleHash(tokens[i]!, tokens[i + 1]!, tokens[i + 2]!);
  const signature = new Float64Array(SIGNATURE_SIZE).fill(Infinity);
  for (let s = 0; s < count; s++) {
    const shingle = shingles[s]!;
    for (let j = 0; j < SIGNATURE_SIZE; j++) {
      // permute(shingle, a_j, b_j), with the seeds' halves split ahead: this loop is most of a fingerprint's cost.
      const value = modPrime(modPrime(SEED_HIGH[j]! * shingle) * 65536 + SEED_LOW[j]! * shingle + SEED_B[j]!);
      if (value < signature[j]!) signature[j] = value;
    }
  }
  let out = '';
  for (let j = 0; j < SIGNATURE_SIZE; j++) out += (signature[j]! % 0x100000000).toString(16).padStart(8, '0');
  return out;
}

/** The shingles' hashes of the text being fingerprinted (grown as needed, reused). */
let shingleBuffer = new Float64Array(256);

/** Estimated share of shingles two fingerprints' texts have in common (0–1). */
export function similarity(a: string, b: string): number {
  if (a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i += 8) if (a.slice(i, i + 8) === b.slice(i, i + 8)) same++;
  return same / (a.length / 8);
}

export function isNearDuplicate(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && similarity(a, b) >= NEAR_DUPLICATE_SIMILARITY;
}

/**
 * Locality-sensitive keys of a fingerprint: 16 bands of 2 hashes. Texts that share half
 * their shingles share a band with probability 0.99, unrelated ones rarely, so an index on
 * these keys finds copies without comparing against every recent article. Each key is a
 * small integer — the band's number and 27 bits of its two hashes (15 of the first, 12 of
 * the second) — so that a map keyed by them holds no string nor boxed number per band (a
 * window of 100,000 articles has 1.6 million). Two bands that differ only in the other bits
 * share a key by chance, about one time in 10^8: whoever looks copies up this way compares
 * the fingerprints anyway. Fills and returns `out`.
 */
export function bandNumbers(fingerprint: string, out: number[] = []): number[] {
  out.length = 0;
  for (let band = 0; band < SIGNATURE_SIZE / 2; band++) {
    const at = band * 16;
    out.push(band * BAND_SPAN + (hexValue(fingerprint, at + 4, at + 8) & 0x7fff) * 4096 + hexValue(fingerprint, at + 13, at + 16));
  }
  return out;
}

/** Keys per band number: 2^27, so that 16 bands' keys stay below 2^31 (small integers in V8). */
const BAND_SPAN = 2 ** 27;

/** The hex digits from `from` to `to` (exclusive) as a number. */
function hexValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    value = value * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return value;
}
