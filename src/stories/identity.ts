// Identity: one article, one row. An entry becomes an article keyed by its canonical URL
// (and by its guid within its source), so the same entry seen twice, or the same link with
// tracking parameters added, is recognised as the article already stored.
import type { Entry, NewArticle, Section, Source } from '../model.js';
import { htmlToText, truncateText } from '../text/html-text.js';
import { slugify } from '../text/slug.js';
import { canonicalizeUrl } from '../text/url.js';

const SUMMARY_MAX = 400;

/**
 * The section of an entry: the first feed category that names a section (a general
 * outlet files each article itself), else its source's section.
 */
export function sectionOf(entry: Entry, source: Source, sections: Section[]): string | null {
  for (const category of entry.categories) {
    const slug = slugify(category);
    const match = sections.find((s) => s.slug === slug || s.name.toLowerCase() === category.trim().toLowerCase());
    if (match) return match.slug;
  }
  return source.section;
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
    section: sectionOf(entry, source, sections),
    categories: entry.categories,
    publishedAt: published,
    fetchedAt: now,
  };
}
