// Identity: one article, one row. An entry becomes an article keyed by its canonical URL
// (and by its guid within its source), so the same entry seen twice, or the same link with
// tracking parameters added, is recognised as the article already stored.
import type { Entry, NewArticle, Section, Source } from '../model.js';
import { sectionFromCategories } from '../sections/categories.js';
import { sectionClassifier } from '../sections/classifier.js';
import { htmlToText, truncateText } from '../text/html-text.js';
import { canonicalizeUrl } from '../text/url.js';

const SUMMARY_MAX = 400;

/**
 * The section of an entry, from the most deliberate evidence to the least: the feed's
 * categories (a general outlet files each article itself: "World news", "Technologie", a
 * section of our own by name), then its source's section, then the classifier reading the
 * title and summary (src/sections/, docs/sections.md), which gives none when unsure.
 */
export function sectionOf(entry: Entry, source: Source, sections: Section[], summary: string | null = null): string | null {
  const filed = sectionFromCategories(entry.categories, sections) ?? source.section;
  if (filed) return filed;
  const allowed = new Set(sections.map((s) => s.slug));
  return sectionClassifier().classify(entry.title, summary, allowed)?.slug ?? null;
}

function imageOf(entry: Entry): string | null {
  const image = entry.enclosures.find((e) => !e.type || e.type.startsWith('image'));
  return image?.url ?? null;
}

/**
 * Null when the entry has no link of its own: an article must point at its original, and
 * the site's home page (which parsers put in for entries without a link) identifies none.
 */
export function articleFromEntry(entry: Entry, source: Source, sections: Section[], now: Date, siteLink: string | null = null): NewArticle | null {
  if (!entry.link) return null;
  const canonicalUrl = canonicalizeUrl(entry.link);
  if (!canonicalUrl) return null;
  if (siteLink && canonicalizeUrl(siteLink) === canonicalUrl) return null;
  const summarySource = entry.summary ?? entry.content;
  const summary = summarySource ? truncateText(htmlToText(summarySource), SUMMARY_MAX) || null : null;
  // An entry dated in the future (clock skew, scheduled posts) would sit on top for ever.
  const published = entry.published && entry.published.getTime() <= now.getTime() ? entry.published : now;
  return {
    sourceId: source.id,
    guid: entry.id,
    url: entry.link,
    canonicalUrl,
    title: entry.title || entry.link || '(untitled)',
    author: entry.author,
    summary,
    contentHtml: entry.content,
    imageUrl: imageOf(entry),
    section: sectionOf(entry, source, sections, summary),
    categories: entry.categories,
    publishedAt: published,
    fetchedAt: now,
  };
}
