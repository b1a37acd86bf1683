// Article metadata, from the most deliberate source to the least: JSON-LD, then Open Graph,
// Twitter cards and other meta tags, then microdata, then the page itself (<title>, <h1>,
// <time>, byline elements). Every value is cleaned: titles lose the site-name suffix, bylines
// keep people (not "Staff" or the outlet), dates become ISO 8601 instants, URLs absolute.
import { parseFeedDate } from '../feeds/dates.js';
import { resolveUrl } from '../text/url.js';
import { readJsonLd, type JsonLdArticle } from './jsonld.js';
import type { Survey } from './survey.js';
import { textParagraphs } from './text.js';
import { attrOf } from './dom.js';

export interface Metadata {
  title: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  lang: string | null;
  description: string | null;
  image: string | null;
  /** The JSON-LD article node's type, when the page has one ("newsarticle", "blogposting"…). */
  schemaType: string | null;
}

function first(tags: Map<string, string>, keys: string[]): string | null {
  for (const key of keys) {
    const value = tags.get(key);
    if (value) return value;
  }
  return null;
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Letters and digits only, lower-cased: "The Guardian" and "theguardian.com" compare alike. */
const letters = (s: string) => s.toLowerCase().replace(/^www\./, '').replace(/\.(?:com|org|net|co\.uk|co|news|info|io)$/, '').replace(/[^\p{L}\p{N}]+/gu, '');

/** The entity-free, whitespace-folded text of an element. */
function textOf(el: Element | null | undefined): string {
  return el ? fold(el.textContent ?? '') : '';
}

// ---------------------------------------------------------------------------------------------
// Title

const SEPARATOR = /\s+[|\-–—·•»:\/\\>~]\s+|\s+::\s+|\s*[|｜]\s*|_/g;

function siteLike(segment: string, siteNames: string[]): boolean {
  const s = letters(segment);
  if (!s) return false;
  return siteNames.some((name) => name === s || (s.length >= 4 && (name.startsWith(s) || s.startsWith(name))));
}

/**
 * The title without the site's name: "Headline | Site", "Headline - Section - Site",
 * "Site: Headline". Segments are dropped from either end while they name the site; when the
 * title came from <title> and no site name is known, the last segment goes if what remains
 * still reads as a headline (three words or more).
 */
export function cleanTitle(raw: string, siteNames: string[], fromDocumentTitle: boolean): string {
  const title = fold(raw);
  const parts: string[] = [];
  const seps: string[] = [];
  let last = 0;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(title); m; m = SEPARATOR.exec(title)) {
    if (m.index === 0 || m.index + m[0].length >= title.length) continue;
    // A hyphen between words without spaces ("Wi-Fi") is not a separator; "_" only in CJK titles.
    if (m[0] === '_' && !/[\u3040-\u9fff\uac00-\ud7af]/.test(title)) continue;
    parts.push(title.slice(last, m.index));
    seps.push(m[0]);
    last = m.index + m[0].length;
  }
  parts.push(title.slice(last));
  if (parts.length === 1) return title;
  let start = 0;
  let end = parts.length;
  while (end - start > 1 && siteLike(parts[end - 1]!, siteNames)) end--;
  while (end - start > 1 && siteLike(parts[start]!, siteNames) && !/:/.test(seps[start]!)) start++;
  if (end === parts.length && start === 0 && fromDocumentTitle && !/:/.test(seps[seps.length - 1]!)) {
    const rest = parts.slice(0, -1);
    const words = rest.join(' ').split(/\s+/).length;
    if (words >= 3) end--;
  }
  let result = parts[start]!;
  for (let i = start + 1; i < end; i++) result += seps[i - 1]! + parts[i]!;
  return result.trim();
}

// ---------------------------------------------------------------------------------------------
// Byline

const BY_PREFIX = /^(?:by|from|par|por|von|door|di|da|av|af|przez|tekst|written by|posted by|words by|story by|reporting by)\s*[:\-–—]?\s+/i;
const NOT_A_PERSON =
  /^(?:staff|staff writers?|staff reporters?|editors?|editorial|editorial (?:staff|team|board)|admin|administrator|webmaster|web desk|news desk|desk|newsroom|team|redaction|rédaction|redaktion|redacción|agencies|agency|wire|wires|reuters|ap|associated press|afp|dpa|guest|anonymous|unknown|null|undefined|contributor|contributors)$/i;

/** Organisations' words: a name with one of these is an outlet or a desk, not a person. */
const ORGANISATION = /\b(?:news|times|post|daily|media|magazine|journal|herald|tribune|gazette|group|inc|ltd|llc|network|press|radio|tv|online|digital|agency|team|desk|staff|editors?|blog|weekly|review|wire|report|today)\b/i;

/** A name ending in a group of people is a team or a blog's masthead ("Android Developers"), not a byline. */
const COLLECTIVE_TAIL = /\s(?:developers|editors|contributors|writers|reporters|correspondents|team|desk|community|engineers)$/i;

/** Two to four capitalised words, as a person's name reads ("Haki Benita", "Mary-Ann de Vries"). */
function looksLikePersonName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5 || ORGANISATION.test(text)) return false;
  return words.every((w) => /^(?:[\p{Lu}][\p{Ll}'’.-]*[\p{Ll}.]|[\p{Lu}]\.|de|da|di|du|del|van|von|der|den|la|le|bin|al|y)$/u.test(w));
}

/** Dates and times that follow a name in a byline line ("Joshua Sokol May 20, 2019", "Jo Reyes • 8h"). */
const TRAILING_DATE =
  /\s*(?:[,|•·—–-]\s*)?(?:(?:on|at|updated|published|posted)\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d+\s*(?:h|d|w|m|min|mins|hrs?|hours?|days?|weeks?)(?:\s+ago)?$|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}).*$/i;

/** Job titles that follow a name: "Ben Silverman Games Editor", "Jane Roe, Staff Writer". */
const ROLE = /^(?:editor|writer|reporter|correspondent|contributor|columnist|producer)$/i;

/**
 * The name without a job title after it. The title's qualifiers ("Games", "Senior Political")
 * go with it, up to two words, but never so many that fewer than two words of name remain:
 * a capitalised qualifier reads exactly like a surname.
 */
function withoutRole(text: string): string {
  const comma = /^(.+?)\s*[,|–—]\s*([^,|–—]+)$/.exec(text);
  if (comma && ROLE.test(comma[2]!.split(/\s+/).pop()!)) return comma[1]!;
  const words = text.split(/\s+/);
  if (words.length < 3 || !ROLE.test(words[words.length - 1]!)) return text;
  let end = words.length - 1;
  while (end > 2 && words.length - 1 - end < 2 && /^[\p{Lu}\p{Ll}][\p{Ll}]+$/u.test(words[end - 1]!)) end--;
  return words.slice(0, end).join(' ');
}

/** A byline as people read it, or null when it names no person. */
export function cleanByline(raw: string | null | undefined, siteNames: string[]): string | null {
  if (!raw) return null;
  let text = fold(raw);
  if (/^https?:\/\//i.test(text) || text.length > 120) return null;
  text = withoutRole(text.replace(BY_PREFIX, '').replace(TRAILING_DATE, '').replace(/^[,;:|\-–— ]+|[,;:|\-–— ]+$/g, '').trim());
  if (!text || text.length < 2) return null;
  if (/\S+@\S+\.\S+/.test(text)) text = text.replace(/\s*[(<]?\S+@\S+\.\S+[)>]?\s*/g, ' ').trim();
  if (NOT_A_PERSON.test(text) || /\bstaff\b/i.test(text) || COLLECTIVE_TAIL.test(text) || /^(?:last )?(?:updated|published|posted|modified)\b/i.test(text) || !/\p{L}/u.test(text)) return null;
  // The site's own name is no byline, unless the site is a person's (a personal blog).
  if (siteNames.some((name) => name === letters(text)) && !looksLikePersonName(text)) return null;
  return text;
}

function joinNames(names: string[], siteNames: string[]): string | null {
  const cleaned: string[] = [];
  for (const name of names) {
    const c = cleanByline(name, siteNames);
    if (c && !cleaned.includes(c)) cleaned.push(c);
  }
  return cleaned.length ? cleaned.join(', ') : null;
}

const BYLINE_NOISE = /\b(?:bio|avatar|image|photo|img|social|twitter|follow|more|about|box|description|info-?box|email|comment|share|title|tools)\b/i;

/** An avatar's text is the picture's stand-in (the name's initial), not part of the name. */
const isAvatar = (el: Element) => /\bavatar\b/i.test(attrOf(el, 'class') ?? '');

function bylineFromPage(survey: Survey, siteNames: string[]): string | null {
  for (const el of survey.bylines) {
    const cls = `${attrOf(el, 'class') ?? ''} ${attrOf(el, 'id') ?? ''}`;
    if (BYLINE_NOISE.test(cls) && attrOf(el, 'rel') !== 'author') continue;
    // Beside the text, only a declared author counts (a blog's <aside> with microdata); any
    // other name there belongs to a related story or a comment.
    if (el.closest('aside, nav, footer') && !/\bauthor\b/i.test(attrOf(el, 'itemprop') ?? '')) continue;
    const itemName = el.querySelector('[itemprop~="name"]');
    const text = textParagraphs(itemName ?? el, isAvatar).join(' ');
    if (!text || text.length > 100 || /[|<>{}]/.test(text)) continue;
    const cleaned = cleanByline(text.replace(/\s+(?:on|at|updated|published)\s.*$/i, ''), siteNames);
    // Scraped from the page, a byline must read like names, not like a menu, a sentence or an
    // icon's letters ("JJ", "ssai"): up to eight words and, in scripts that space their
    // words, at least two, one of them longer than an initial.
    if (!cleaned || /[.!?]$/.test(cleaned)) continue;
    const words = cleaned.split(/\s+/).filter((w) => !/^(?:and|&|,)$/i.test(w));
    const spaced = !/[\u3040-\u9fff\uac00-\ud7af]/.test(cleaned);
    if (words.length <= 8 && (!spaced || (words.length >= 2 && words.some((w) => /\p{L}{2}/u.test(w))))) return cleaned;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates

export function normaliseDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const date = parseFeedDate(raw.trim());
  if (!date) return null;
  const year = date.getUTCFullYear();
  if (year < 1990 || year > 2100) return null;
  return date.toISOString();
}

const PUBLISHED_KEYS = [
  'article:published_time', 'og:article:published_time', 'article:published', 'published_time', 'datepublished',
  'parsely-pub-date', 'sailthru.date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'dc:date.issued',
  'dcterms:issued', 'dc:date', 'dcterms:date', 'dcterms:created', 'dc:date.created', 'citation_publication_date',
  'citation_date', 'date', 'article.published', 'og:published_time', 'cxenseparse:recs:publishtime', 'article_date_original',
];
const MODIFIED_KEYS = [
  'article:modified_time', 'og:article:modified_time', 'og:updated_time', 'datemodified', 'article:modified',
  'modified_time', 'dcterms:modified', 'dc:date.modified', 'last-modified', 'lastmod', 'article.updated',
];

function dateFromPage(survey: Survey, itemprop: string): string | null {
  const el = survey.itemprop.get(itemprop);
  const fromMicrodata = el && normaliseDate(attrOf(el, 'datetime') ?? attrOf(el, 'content') ?? el.textContent);
  if (fromMicrodata) return fromMicrodata;
  if (itemprop !== 'datepublished') return null;
  for (const time of survey.times) {
    const d = normaliseDate(attrOf(time, 'datetime'));
    if (d) return d;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

function hostName(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

function normaliseLang(raw: string | null | undefined): string | null {
  const value = raw?.trim().split(/[,;\s]/)[0]?.replace(/_/g, '-');
  return value && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(value) ? value : null;
}

/** Words shared with the document's <title>, as a share of the candidate's words. */
function overlap(candidate: string, documentTitle: string): number {
  const words = candidate.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return 0;
  const title = documentTitle.toLowerCase();
  return words.filter((w) => title.includes(w)).length / words.length;
}

/** JSON-LD's headline, or its name when that is what the page's <title> says (Wikipedia puts a description in headline). */
function jsonLdTitle(ld: JsonLdArticle | null, documentTitle: string, siteNames: string[]): string | null {
  if (!ld) return null;
  if (ld.headline && ld.name && ld.headline !== ld.name && documentTitle) {
    return overlap(ld.name, documentTitle) > overlap(ld.headline, documentTitle) + 0.3 && !siteLike(ld.name, siteNames) ? ld.name : ld.headline;
  }
  return ld.headline ?? ld.name;
}

export function readMetadata(survey: Survey, jsonLdBlocks: string[], url: string | null): Metadata {
  const tags = survey.meta;
  let ld: JsonLdArticle | null = null;
  try {
    ld = readJsonLd(jsonLdBlocks);
  } catch {
    ld = null;
  }
  const canonicalUrl = resolveUrl(survey.canonical, url) ?? resolveUrl(tags.get('og:url'), url) ?? resolveUrl(ld?.url, url);
  const base = url ?? canonicalUrl;

  const siteName = first(tags, ['og:site_name', 'application-name', 'al:android:app_name', 'al:iphone:app_name', 'apple-mobile-web-app-title']) ?? ld?.publisher ?? null;
  const host = hostName(url ?? canonicalUrl);
  const siteNames = [siteName, ld?.publisher, host, host?.split('.').slice(-2, -1)[0], tags.get('twitter:site')?.replace(/^@/, '')]
    .filter((s): s is string => !!s)
    .map(letters)
    .filter((s) => s.length >= 2);

  // Title: the publisher's declared headline first, then the document's title.
  const declared = jsonLdTitle(ld, survey.title, siteNames) ?? first(tags, ['dc:title', 'dcterms:title', 'og:title', 'twitter:title', 'title', 'parsely-title', 'sailthru.title', 'headline']);
  const microHeadline = textOf(survey.itemprop.get('headline')) || null;
  const documentTitle = survey.title || null;
  let title: string | null = null;
  if (declared) title = cleanTitle(declared, siteNames, false);
  else if (microHeadline) title = cleanTitle(microHeadline, siteNames, false);
  else if (documentTitle) {
    const heading = survey.h1.length === 1 ? textOf(survey.h1[0]) : '';
    title = heading && documentTitle.startsWith(heading) && heading.length >= 10 ? heading : cleanTitle(documentTitle, siteNames, true);
  } else {
    title = textOf(survey.h1[0]) || null;
  }

  const metaAuthor = first(tags, ['dc:creator', 'dcterms:creator', 'author', 'parsely-author', 'sailthru.author', 'byl', 'article:author', 'og:article:author', 'twitter:creator:name']);
  const byline =
    joinNames(ld?.authors ?? [], siteNames) ??
    joinNames(metaAuthor && !/^https?:|^@/.test(metaAuthor) ? [metaAuthor] : [], siteNames) ??
    bylineFromPage(survey, siteNames) ??
    joinNames(ld?.creators ?? [], siteNames);

  const published = normaliseDate(ld?.published) ?? normaliseDate(first(tags, PUBLISHED_KEYS)) ?? dateFromPage(survey, 'datepublished');
  const modified = normaliseDate(ld?.modified) ?? normaliseDate(first(tags, MODIFIED_KEYS)) ?? dateFromPage(survey, 'datemodified');

  const lang = normaliseLang(survey.lang) ?? normaliseLang(tags.get('content-language')) ?? normaliseLang(tags.get('og:locale')) ?? normaliseLang(ld?.language);
  const description = first(tags, ['og:description', 'description', 'twitter:description', 'dc:description']) ?? ld?.description ?? null;
  const itemImage = survey.itemprop.get('image');
  const imageRaw =
    first(tags, ['og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image', 'twitter:image:src']) ??
    ld?.image ??
    survey.imageSrc ??
    (itemImage ? attrOf(itemImage, 'content') ?? attrOf(itemImage, 'src') ?? attrOf(itemImage, 'href') : null);

  return {
    title: title || null,
    byline,
    published,
    modified,
    canonicalUrl,
    siteName: siteName ? fold(siteName) : null,
    lang,
    description: description ? fold(description) : null,
    image: resolveUrl(imageRaw, base),
    schemaType: ld?.type ?? null,
  };
}
