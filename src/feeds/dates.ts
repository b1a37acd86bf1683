// Date parsing for feed entries: `parseFeedDate` turns every date form seen in real feeds into
// an instant, or null. It runs on every entry of every feed, so it uses a few precompiled
// regexes and a small tokenizer: no Intl, no Date.parse, and no dependence on the machine's TZ.
//
// Accepted forms (trimmed, case-insensitive):
// - ISO 8601 / W3C-DTF, which Atom, JSON Feed and dc:date use: "2003-12-31T10:14:55Z",
//   "...55.123-08:00", "...T10:14+0800", a space instead of the T, a fraction of any length,
//   the reduced forms "2003-12-31", "2003-12", "2003", the basic forms "20031231T101455Z" and
//   "20031231", ordinal dates "2003-335" / "2003335", and feedparser's two-digit-year forms
//   "031231" (YYMMDD) and "03335" (YYDDD). "2020/1/10 14:03:00" (seen in Japanese feeds) too.
// - RFC 822/1123/2822 and their wild variants, which RSS pubDate uses: the weekday is optional
//   and ignored (even if wrong or not English), day and month in either order, month names in
//   English (full, 3-letter, "Sept", trailing dot) and the common Portuguese, Spanish, French,
//   German, Italian and Dutch names, two-digit years (< 50 → 20xx, else 19xx), optional seconds,
//   "HHMM" times, RFC 850 dashes ("06-Nov-94"), 12-hour times with am/pm.
// - asctime and its relatives: "Sun Jan  4 16:29:06 2004", "Sun Jul 15 01:16:00 +0000 2012"
//   (Twitter), "Tue Jun 10 04:00:00 UTC 2003" (date(1)), JavaScript's Date#toString
//   "Thu Aug 30 2012 17:26:16 GMT+0200 (CEST)".
//
// Zones: numeric "+0200", "-05:00", "+02", "GMT+2"; "Etc/GMT" and the abbreviations in ZONES.
// Single-letter military zones (other than Z) count as UTC: RFC 1123 §5.2.14 notes that RFC
// 822 got their signs backwards, so RFC 2822 says to treat them as -0000. An unknown
// abbreviation (up to 5 letters, or an IANA-like "Area/City") also counts as UTC, as
// feedparser does: a slightly wrong time beats no time. "CST" is US Central, "IST" is India.
// No zone at all means UTC.
//
// Fractions of a second are accepted and dropped (as feedparser does). No Date.parse fallback:
// its zone-less results depend on TZ. Returns null for empty or unrecognised text, impossible
// values (month 13, Feb 30, hour 25, offset +25:00) and years outside 1–9999 (early years are
// kept: feedparser's tests expect "01 Jan 0100" to parse). Deliberately unsupported because they
// are ambiguous: all-numeric "10/06/2003" or "03-12-31" (day or month first? which is the year?),
// relative dates ("Tomorrow", "2 hours ago"), bare Unix timestamps; also ISO week dates (unseen).

const DAY_MS = 86_400_000;
/** 400 Gregorian years, in ms: shifting by this keeps the calendar identical. */
const CYCLE_400Y_MS = 146_097 * DAY_MS;

const MONTHS = new Map<string, number>();
for (const [month, names] of [
  [1, 'jan january janeiro enero ene janv janvier januar jänner jaenner januari gen gennaio'],
  [2, 'feb february fev fevereiro febrero févr fevr février fevrier februar februari febbraio'],
  [3, 'mar march março marco marzo mars märz maerz mär mrz maart mrt'],
  [4, 'apr april abr abril avr avril aprile'],
  [5, 'may mai maio mayo mei mag maggio'],
  [6, 'jun june junho junio juin juni giu giugno'],
  [7, 'jul july julho julio juil juillet juli lug luglio'],
  [8, 'aug august ago agosto août aout augustus'],
  [9, 'sep sept september set setembro septiembre setiembre septembre settembre'],
  [10, 'oct october out outubro octubre octobre okt oktober ott ottobre'],
  [11, 'nov november novembro noviembre novembre'],
  [12, 'dec december dez dezembro dic diciembre déc décembre decembre dezember dicembre'],
] as const) {
  for (const name of names.split(' ')) MONTHS.set(name, month);
}

const WEEKDAYS = new Set(
  'mon monday tue tues tuesday wed weds wednesday thu thur thurs thursday fri friday sat saturday sun sunday'.split(' '),
);

/** Words that may sit between the parts of a date and mean nothing ("Jan 4th, 2004 at 10:00"). */
const FILLER = new Set(['at', 'on', 'st', 'nd', 'rd', 'th', 'the', 'of', 'de', 'del']);

/** Zone abbreviations → offset from UTC in minutes. */
const ZONES = new Map<string, number>([
  ['z', 0], ['ut', 0], ['utc', 0], ['gmt', 0], ['uct', 0], ['zulu', 0], ['wet', 0],
  ['etc/gmt', 0], ['etc/utc', 0], ['etc/uct', 0], ['etc/zulu', 0], ['etc/universal', 0], ['etc/greenwich', 0],
  // North America (RFC 822), plus feedparser's generic ET/CT/MT/PT.
  ['est', -300], ['edt', -240], ['et', -300],
  ['cst', -360], ['cdt', -300], ['ct', -360],
  ['mst', -420], ['mdt', -360], ['mt', -420],
  ['pst', -480], ['pdt', -420], ['pt', -480],
  ['ast', -240], ['adt', -180],
  ['akst', -540], ['akdt', -480], ['hst', -600], ['hast', -600], ['hadt', -540],
  ['nst', -210], ['ndt', -150],
  // Europe and Africa.
  ['bst', 60], ['ist', 330], ['west', 60],
  ['cet', 60], ['met', 60], ['mez', 60], ['cest', 120], ['mest', 120], ['mesz', 120], ['cedt', 120],
  ['eet', 120], ['eest', 180], ['msk', 180], ['msd', 240],
  ['wat', 60], ['cat', 120], ['eat', 180], ['sast', 120],
  // Asia and Oceania.
  ['pkt', 300], ['ict', 420], ['wib', 420], ['hkt', 480], ['sgt', 480], ['awst', 480], ['pht', 480],
  ['jst', 540], ['kst', 540], ['acst', 570], ['acdt', 630], ['aest', 600], ['aedt', 660],
  ['nzst', 720], ['nzdt', 780],
]);

// Tokens of the free-form (RFC 822 / asctime) parser, matched with the sticky flag one after
// another on the lowercased text. Groups: 1 word; 2-5 time h, m, s, fraction; 6-8 numeric zone
// sign, hours, minutes; 9 number; 10 comment; 11 separator (a dash alone: "-0500" is a zone).
const TOKEN =
  /([a-z\u00c0-\u024f]+(?:\.[a-z\u00c0-\u024f]+)*\.?(?:\/[a-z][a-z0-9_+-]*)*)|(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?|([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)|(\d+)|(\([^)]*\)?)|([\s,.:;/]+|-)/y;

const ZONE_PART = String.raw`(z|[+-]\d{1,2}(?::?\d{2})?|[a-z][a-z_]*(?:\/[a-z][a-z0-9_+-]*)*(?:[+-]\d{1,2}(?::?\d{2})?)?)`;
/** 2003-12-31, 2003-12-31T10:14, 2003-12-31 10:14:55.123+08:00, 2020/1/10 14:03:00 */
const ISO_EXTENDED = new RegExp(
  String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*${ZONE_PART}?$`,
  'i',
);
/** 20031231, 20031231T101455Z, 20031231T1014+0800 */
const ISO_BASIC = new RegExp(
  String.raw`^(\d{4})(\d{2})(\d{2})(?:t(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*${ZONE_PART}?$`,
  'i',
);
/** 2003, 2003-12 */
const ISO_REDUCED = /^(\d{4})(?:-(\d{1,2}))?$/;
/** 2003-335, 2003335 */
const ISO_ORDINAL = /^(\d{4})-?(\d{3})$/;
/** feedparser's two-digit-year forms: 031231 (YYMMDD), 03335 (YYDDD) */
const ISO_SHORT = /^(\d{2})(?:(\d{2})(\d{2})|(\d{3}))$/;

/**
 * Fast path for the RSS shape "Tue, 10 Jun 2003 04:00:00 GMT" (most dates in the wild); anything
 * it does not fully recognise goes on to the general parser, which would give the same answer.
 */
const RFC822 = /^(?:([a-z]{2,9}),?\s*)?(\d{1,2})\s+([a-z]{3,9})\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|[a-z]{1,5})$/i;

/** Parses a date from a feed; null when it is not a date we can read unambiguously. Never throws. */
export function parseFeedDate(value: string): Date | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text.length === 0 || text.length > 128) return null;
  try {
    const first = text.charCodeAt(0);
    const time = first >= 48 && first <= 57
      ? (parseIso(text) ?? parseRfc822(text) ?? parseFreeForm(text))
      : (parseRfc822(text) ?? parseFreeForm(text));
    return time === null || Number.isNaN(time) ? null : new Date(time);
  } catch {
    return null;
  }
}

/** ms since the epoch; NaN when the text is ISO-shaped but invalid; null when it is not ISO-shaped. */
function parseIso(text: string): number | null {
  let m = ISO_EXTENDED.exec(text);
  if (m) return isoInstant(m[1], m[3], m[4], m[5], m[6], m[7], m[8], m[9]);
  if ((m = ISO_BASIC.exec(text))) return isoInstant(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  if ((m = ISO_REDUCED.exec(text))) return instant(num(m[1]), m[2] === undefined ? 1 : num(m[2]), 1, 0, 0, 0, undefined, 0);
  if ((m = ISO_ORDINAL.exec(text))) return ordinal(num(m[1]), num(m[2]));
  if ((m = ISO_SHORT.exec(text))) {
    const year = twoDigitYear(num(m[1]));
    return m[4] === undefined ? instant(year, num(m[2]), num(m[3]), 0, 0, 0, undefined, 0) : ordinal(year, num(m[4]));
  }
  return null;
}

function isoInstant(
  year: string | undefined, month: string | undefined, day: string | undefined, hour: string | undefined,
  minute: string | undefined, second: string | undefined, fraction: string | undefined, zone: string | undefined,
): number {
  const offset = zone === undefined ? 0 : zoneOffset(zone.toLowerCase());
  if (offset === null) return NaN;
  return instant(num(year), num(month), num(day), num(hour), num(minute), num(second), fraction, offset);
}

function parseRfc822(text: string): number | null {
  const m = RFC822.exec(text);
  if (!m) return null;
  const month = MONTHS.get(m[3]!.toLowerCase());
  if (month === undefined) return null;
  if (m[1] !== undefined && !WEEKDAYS.has(m[1].toLowerCase())) return null; // "Seg," or odder: the general parser
  const zone = m[8]!;
  const sign = zone.charCodeAt(0);
  let offset: number | null;
  if (sign === 43 || sign === 45) {
    const hours = num(zone.slice(1, 3));
    const minutes = num(zone.slice(3));
    if (hours > 23 || minutes > 59) return NaN;
    offset = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
  } else {
    offset = ZONES.get(zone.toLowerCase()) ?? null; // not "pm" or an unknown name: the general parser
    if (offset === null) return null;
  }
  const year = m[4]!.length === 2 ? twoDigitYear(num(m[4])) : num(m[4]);
  return instant(year, month, num(m[2]), num(m[5]), num(m[6]), num(m[7]), undefined, offset);
}

/** RFC 822 and relatives: a stream of words, numbers, times and zones in any sensible order. */
function parseFreeForm(text: string): number | null {
  const s = text.toLowerCase();
  let day = -1, month = -1, year = -1;
  let hour = -1, minute = 0, second = 0;
  let fraction: string | undefined;
  let meridiem = 0; // 1 am, 2 pm
  let offset: number | null = null;
  let offsetIsNumeric = false;
  let seenAnything = false;
  let monthWasFirst = false;

  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < s.length) {
    const t = TOKEN.exec(s);
    if (!t) return null;
    if (t[11] !== undefined || t[10] !== undefined) continue; // separator or (comment)

    if (t[1] !== undefined) {
      const word = t[1].includes('.') ? t[1].replaceAll('.', '') : t[1];
      const monthNumber = MONTHS.get(word);
      if (monthNumber !== undefined) {
        // A second month name is only fine if the first was the leading word: then that was a
        // weekday that looks like a month (Spanish/French/Italian "mar" is Tuesday).
        if (month >= 0 && !monthWasFirst) return null;
        monthWasFirst = !seenAnything;
        month = monthNumber;
      } else if (WEEKDAYS.has(word) || FILLER.has(word)) {
        // ignored
      } else if (word === 'am' || word === 'pm') {
        if (hour < 0 || meridiem !== 0) return null;
        meridiem = word === 'am' ? 1 : 2;
      } else if (hour >= 0) {
        if (offsetIsNumeric) continue; // "+0200 (CEST)" or "+0200 CEST": the number wins
        if (offset !== null) return null;
        offset = wordZoneOffset(word);
        if (offset === null) return null;
      } else if (seenAnything) {
        return null;
      } // else a leading word that is no month: a weekday, maybe in another language ("Seg,")
      seenAnything = true;
      continue;
    }
    seenAnything = true;

    if (t[2] !== undefined) {
      if (hour >= 0) return null;
      hour = num(t[2]);
      minute = num(t[3]);
      second = num(t[4]);
      fraction = t[5];
      continue;
    }

    if (t[6] !== undefined) {
      if (hour < 0) {
        // A dash before the time separates date parts ("06-Nov-94"), it is not a zone.
        if (t[6] !== '-' || t[0].includes(':') || !setNumber(t[0].slice(1))) return null;
        continue;
      }
      if (offsetIsNumeric) return null;
      const hours = num(t[7]);
      const minutes = num(t[8]);
      if (hours > 23 || minutes > 59) return null;
      offset = (t[6] === '-' ? -1 : 1) * (hours * 60 + minutes);
      offsetIsNumeric = true;
      continue;
    }

    if (t[9] !== undefined) {
      if (!setNumber(t[9])) return null;
      continue;
    }
    return null;
  }

  if (day < 0 || month < 0 || year < 0) return null;
  if (hour < 0) {
    if (meridiem !== 0) return null;
    hour = 0;
  } else if (meridiem !== 0) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 2 ? 12 : 0);
  }
  return instant(year, month, day, hour, minute, second, fraction, offset ?? 0);

  function setNumber(digits: string): boolean {
    const n = num(digits);
    if (digits.length <= 2) {
      if (day < 0 && hour < 0) day = n;
      else if (year < 0 && month >= 0 && hour < 0) year = twoDigitYear(n);
      else return false;
    } else if (digits.length <= 4 && year < 0) {
      if (n === 0) return false;
      year = digits.length === 3 ? 1900 + n : n; // RFC 2822 §4.3: a three-digit year is 1900 + it
    } else if (digits.length === 4 && hour < 0 && day >= 0 && month >= 0) {
      hour = Math.trunc(n / 100); // "03 Apr 02 1500 GMT"
      minute = n % 100;
    } else {
      return false;
    }
    return true;
  }
}

/** Offset in minutes of a lowercased zone designator, or null if it is malformed. */
function zoneOffset(zone: string): number | null {
  const c = zone.charCodeAt(0);
  if (c === 43 || c === 45) return numericOffset(zone);
  const sign = SIGN.exec(zone);
  if (sign === null) return wordZoneOffset(zone);
  const name = zone.slice(0, sign.index);
  const offset = numericOffset(zone.slice(sign.index));
  if (offset === null) return null;
  if (name === 'gmt' || name === 'utc' || name === 'ut') return offset; // GMT+0200
  if (name === 'etc/gmt') return -offset; // POSIX sign: Etc/GMT+5 is five hours *behind* UTC
  return null;
}
const SIGN = /[+-]/;

/** Offset of a zone name; unknown abbreviations and single (military) letters count as UTC, see top. */
function wordZoneOffset(word: string): number | null {
  const known = ZONES.get(word);
  if (known !== undefined) return known;
  if (word.startsWith('etc/gmt')) return zoneOffset(word);
  return word.length <= 5 || word.includes('/') ? 0 : null;
}

const NUMERIC_OFFSET = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;
function numericOffset(zone: string): number | null {
  const m = NUMERIC_OFFSET.exec(zone);
  if (!m) return null;
  const hours = num(m[2]);
  const minutes = num(m[3]);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function twoDigitYear(n: number): number {
  return n < 50 ? 2000 + n : 1900 + n;
}

function ordinal(year: number, dayOfYear: number): number {
  if (year < 1 || dayOfYear < 1 || dayOfYear > (isLeap(year) ? 366 : 365)) return NaN;
  return utc(year, 1, 1, 0, 0, 0) + (dayOfYear - 1) * DAY_MS;
}

/** Validates the fields and returns the instant (NaN when any field is impossible). */
function instant(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  fraction: string | undefined, offsetMinutes: number,
): number {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (minute > 59 || second > 60) return NaN;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || (fraction !== undefined && NONZERO.test(fraction))))) {
    return NaN;
  }
  if (second === 60) second = 59; // a leap second: stay within the same minute
  // Fractions of a second are accepted but dropped: no feed needs them, feedparser drops them too,
  // and whole seconds make the same entry compare equal however its feed happens to write it.
  return utc(year, month, day, hour, minute, second) - offsetMinutes * 60_000;
}

/** Date.UTC without its 0–99 → 1900–1999 year mapping. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return year < 100
    ? Date.UTC(year + 400, month - 1, day, hour, minute, second) - CYCLE_400Y_MS
    : Date.UTC(year, month - 1, day, hour, minute, second);
}
const NONZERO = /[1-9]/;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function num(digits: string | undefined): number {
  return digits === undefined ? 0 : Number.parseInt(digits, 10);
}
