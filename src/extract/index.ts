// Article extraction: from a page's HTML to its clean text, sanitised HTML and metadata.
// Pure and synchronous; the caller does the I/O. Expected failures (a bot wall, a page that is
// no article, an empty page) are values, never exceptions.
import { decodeBody } from '../fetch/charset.js';
import { fastHtmlToText } from '../text/html-text.js';
import { resolveUrl } from '../text/url.js';
import { extractContent } from './content.js';
import { readMetadata } from './metadata.js';
import { preparePage } from './prepare.js';
import { sanitize } from './sanitize.js';
import { siteRuleFor } from './site-rules.js';
import { findSupportLink, isSupportHref } from './support.js';
import { surveyPage } from './survey.js';
import { textParagraphs } from './text.js';
import { detectWall } from './walls.js';

export interface Extracted {
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  /** ISO 8601 instant (UTC, with its "Z"). */
  published: string | null;
  modified: string | null;
  siteName: string | null;
  lang: string | null;
  description: string | null;
  image: string | null;
  /** The publisher's donation/support link, when the page has one. */
  supportUrl: string | null;
  /** The article as plain text: paragraphs separated by a blank line (figure captions left out). */
  text: string;
  /** The article as sanitised HTML with absolute links. */
  html: string;
}

export type ExtractResult =
  | { ok: true; article: Extracted }
  | { ok: false; reason: 'bot-wall' | 'not-article' | 'empty'; detail: string };

/** A first result shorter than this is tried again, relaxed. */
const RETRY_BELOW = 500;
/** Below this many characters of text, a page has no article body. */
const MIN_ARTICLE_CHARS = 20;

function isCaption(el: Element): boolean {
  return el.localName === 'figcaption' || el.hasAttribute('data-caption');
}

export function extractArticle(html: string, url: string | null): ExtractResult {
  const { document: doc, jsonLd, furnitureLinks } = preparePage(html);
  const survey = surveyPage(doc);
  const meta = readMetadata(survey, jsonLd, url);
  const base = resolveUrl(survey.baseHref, url ?? meta.canonicalUrl) ?? url ?? meta.canonicalUrl;
  const pageSupport = findSupportLink([...survey.links, ...furnitureLinks], base);

  const rule = siteRuleFor(url ?? meta.canonicalUrl);
  let content = extractContent(doc, { title: meta.title, rule });
  let text = content ? textParagraphs(content.root, isCaption).join('\n\n') : '';
  if (text.length < RETRY_BELOW) {
    // Class names misled the first attempt (an article inside a "sidebar" layout, say): once
    // more on a fresh tree, judging containers by their content alone.
    const again = extractContent(preparePage(html).document, { title: meta.title, rule, relaxed: true });
    const againText = again ? textParagraphs(again.root, isCaption).join('\n\n') : '';
    if (againText.length > text.length * 1.5) {
      content = again;
      text = againText;
    }
  }

  const wall = detectWall({
    html,
    title: survey.title,
    pageText: text.length < 700 ? fastHtmlToText(html.length > 300_000 ? html.slice(0, 300_000) : html) : text,
    articleLength: text.length,
  });
  if (wall) return { ok: false, reason: 'bot-wall', detail: wall.detail };
  if (!content || text.length === 0) return { ok: false, reason: 'empty', detail: 'the page has no readable text' };
  if (text.length < MIN_ARTICLE_CHARS) return { ok: false, reason: 'not-article', detail: `only ${text.length} characters of text, no article body` };

  const inBody = content.supportHref ? resolveUrl(content.supportHref, base) : null;
  const supportUrl = inBody && (isSupportHref(inBody) || !pageSupport) ? inBody : pageSupport;
  return {
    ok: true,
    article: {
      url,
      canonicalUrl: meta.canonicalUrl,
      title: meta.title,
      byline: meta.byline,
      published: meta.published,
      modified: meta.modified,
      siteName: meta.siteName,
      lang: meta.lang,
      description: meta.description,
      image: meta.image,
      supportUrl,
      text,
      html: sanitize(content.root, base),
    },
  };
}

/** Decodes the fetched bytes (HTTP charset, BOM, <meta>, sniffing) and extracts. */
export function extractFromBytes(bytes: Uint8Array, url: string | null, contentType?: string | null): ExtractResult {
  return extractArticle(decodeBody(bytes, contentType).text, url);
}
