// What an article says about where it comes from and whom it cites. Both are read from
// its own words: "Read the original article on The Conversation", "This article first
// appeared in X", "according to the Financial Times", "the Wall Street Journal reported",
// "told Reuters". Outlet names are capitalised spans; a list of the outlets we follow
// helps, but a cited outlet is found even when it is not one of ours.

// A capitalised name of up to six words, allowing "the", "&", "of", "and" inside and an
// apostrophe or accent ("L'Éclaireur Continental", "The Times of India", "Circuit & Signal").
// Case-sensitive on purpose: the capital letters are what mark a name.
const NAME_SOURCE = String.raw`((?:[Tt]he\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*(?:\s+(?:&|and|of|de|du|la|le|the|[\p{Lu}][\p{L}\p{N}'’.-]*)){0,6})`;
const NAME_AT = new RegExp(String.raw`\s*${NAME_SOURCE}`, 'uy');

/** The capitalised name that starts at `index`, if any. */
function nameAt(text: string, index: number): string | null {
  NAME_AT.lastIndex = index;
  const match = NAME_AT.exec(text);
  return match?.[1] ? cleanName(match[1]) : null;
}

// The words that introduce the original outlet (matched case-insensitively; the name after
// them is read case-sensitively).
const SYNDICATION_PHRASES: RegExp[] = [
  /read the original (?:article|story|version)(?: here)? (?:on|at|in|from)\b/gi,
  /(?:this|the) (?:article|story|piece|post|report) (?:was )?(?:originally|first) (?:appeared|published|ran)(?: (?:on|in|at|by))?\b/gi,
  /(?:originally|first) (?:published|appeared) (?:by|in|on|at)\b/gi,
  /republished (?:with permission )?from\b/gi,
];

/** Trailing words that are not part of an outlet's name ("… on Meridian Wire. More news"). */
function cleanName(raw: string): string {
  return raw
    .replace(/[.’']+$/u, '')
    .replace(/\s+(?:and|of|de|du|la|le|the|&)$/iu, '')
    .trim();
}

/** The outlet an article says it was first published by, if it says so. */
export function statedOriginal(text: string): string | null {
  for (const phrase of SYNDICATION_PHRASES) {
    phrase.lastIndex = 0;
    for (let m = phrase.exec(text); m; m = phrase.exec(text)) {
      const name = nameAt(text, m.index + m[0].length);
      if (name) return name;
    }
  }
  return null;
}

export interface Citation {
  /** The outlet as the article names it. */
  outlet: string;
  /** The words that show the citation, for the story page. */
  phrase: string;
}

// "<phrase> NAME" and "NAME <verb>" forms.
const CITING_BEFORE: RegExp[] = [
  /\baccording to (?:a report (?:by|in) |reports? (?:by|in) |(?:the )?(?:British |American |US |German |French )?(?:newspaper|broadcaster|agency|magazine|outlet) )?/g,
  /\b(?:told|speaking to|in an interview with)\b/g,
  /\b(?:as |first )?reported by\b/g,
  /\bin a report (?:by|in|for)(?: the (?:British |American |US )?(?:newspaper|broadcaster|agency|magazine))?\b/g,
];
const CITING_AFTER = new RegExp(String.raw`${NAME_SOURCE}\s+(?:first\s+)?(?:reported|has reported|had reported|revealed|reports|said in a report|broke the news)\b`, 'gu');

// Words that look like outlet names in these patterns but are people, officials or places.
const NOT_OUTLETS = /^(?:he|she|they|it|we|i|officials?|police|a|an|one|sources?|people|witnesses|residents|reporters?|analysts?|experts?|the (?:company|government|ministry|agency|police|council|court|minister|spokesperson|spokesman|spokeswoman|statement|report|data|survey))$/i;

/** Words that make a capitalised span an outlet rather than a person. */
const OUTLET_WORDS = /\b(?:Times|Post|Journal|News|Herald|Tribune|Guardian|Telegraph|Gazette|Courier|Wire|Press|Reuters|Bloomberg|Agence|Associated|Radio|TV|Television|Broadcasting|Channel|Daily|Weekly|Review|Magazine|Chronicle|Observer|Star|Mail|Express|Independent|Economist|Financial|Monitor|Standard|Record|Sun|Lens|Signal|Post-Dispatch|Inquirer|Register|Bulletin|Dispatch|Ledger|Courant|Report|Reporter|Network|Media|Online|Today|Insider|Verge|Wired|AP|AFP|BBC|CNN|NPR|CNBC|NHK|ABC|CBS|NBC)\b/;

// The lookup table of a list of outlet names, built once per list: the stories stage passes
// the same list (thousands of names) for every article until its sources change.
const lookups = new WeakMap<string[], Map<string, string>>();
function lookupOf(known: string[]): Map<string, string> {
  let table = lookups.get(known);
  if (!table) {
    table = new Map(known.map((k) => [k.toLowerCase().replace(/^the\s+/, ''), k]));
    lookups.set(known, table);
  }
  return table;
}

/**
 * The outlets an article cites. A capitalised span counts when it has an outlet-like word
 * ("Times", "Wire", "Reuters") or is one of the outlets we follow (`known`).
 */
export function citationsIn(text: string, known: string[] = []): Citation[] {
  const knownLower = lookupOf(known);
  const found = new Map<string, Citation>();
  const candidates: Array<{ name: string; phrase: string }> = [];
  for (const pattern of CITING_BEFORE) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const name = nameAt(text, m.index + m[0].length);
      if (name) candidates.push({ name, phrase: `${m[0].trim()} ${name}` });
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  CITING_AFTER.lastIndex = 0;
  for (let m = CITING_AFTER.exec(text); m; m = CITING_AFTER.exec(text)) {
    candidates.push({ name: cleanName(m[1] ?? ''), phrase: m[0].trim() });
  }
  {
    for (const { name, phrase } of candidates) {
      if (!name || NOT_OUTLETS.test(name)) continue;
      const bare = name.toLowerCase().replace(/^the\s+/, '');
      const ours = knownLower.get(bare) ?? [...knownLower.entries()].find(([k]) => bare.startsWith(k))?.[1];
      if (!ours && !OUTLET_WORDS.test(name)) continue;
      const outlet = ours ?? name.replace(/^the\s+/i, 'the ').replace(/^the /, 'The ');
      const key = outlet.toLowerCase().replace(/^the\s+/, '');
      if (!found.has(key)) found.set(key, { outlet, phrase });
    }
  }
  return [...found.values()];
}

const DATELINE = /^\s*[\p{Lu}][\p{Lu} .'’-]{2,40}(?:\([^)]{1,30}\))?(?:,\s*[\p{L}\d ]{1,30})?\s*[—–-]{1,2}\s*/u;

/**
 * The text without what a republisher adds around the same article: a leading dateline
 * ("PORTVALE, Tuesday —") and the credit line ("Read the original article on X."). What
 * remains is what a fingerprint should compare.
 */
export function withoutAttribution(text: string): string {
  let out = text.replace(DATELINE, '');
  for (const phrase of SYNDICATION_PHRASES) {
    phrase.lastIndex = 0;
    const m = phrase.exec(out);
    if (m) {
      const sentenceEnd = out.slice(m.index).search(/[.!?](?:\s|$)/);
      out = out.slice(0, m.index) + (sentenceEnd === -1 ? '' : out.slice(m.index + sentenceEnd + 1));
    }
  }
  return out.replace(/\s{2,}/g, ' ').trim();
}
