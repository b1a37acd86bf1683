// The API's view of the model: what a client sees of a story, an article, a source. Absolute
// links to our pages are made from the site's base URL; every field is in schemas.ts.
import type { ArticleView, Section, Source, Story, StoryCitation } from '../../model.js';
import type { FirstOutlet } from '../../store/api-store.js';
import { sourceHealth } from '../pages/sources.js';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function sectionJson(section: Section, base: string) {
  return { slug: section.slug, name: section.name, url: `${base}/section/${section.slug}` };
}

export function storyJson(story: Story, first: FirstOutlet | null, base: string) {
  return {
    id: story.id,
    title: story.title,
    summary: story.summary,
    imageUrl: story.imageUrl,
    section: story.section,
    url: `${base}/story/${story.id}`,
    firstReportedAt: isoOrNull(story.firstReportedAt),
    lastReportedAt: isoOrNull(story.lastReportedAt),
    articleCount: story.articleCount,
    outletCount: story.outletCount,
    pinned: story.pinned,
    firstOutlet: first ? { id: first.sourceId, name: first.name, siteUrl: first.siteUrl } : null,
  };
}

export function articleJson(article: ArticleView, base: string) {
  return {
    id: article.id,
    title: article.title,
    url: `${base}/article/${article.id}`,
    originalUrl: article.url,
    author: article.author,
    summary: article.summary,
    imageUrl: article.imageUrl,
    section: article.section,
    categories: article.categories,
    publishedAt: article.publishedAt.toISOString(),
    source: { id: article.sourceId, name: article.sourceName, siteUrl: article.sourceSiteUrl },
    storyId: article.storyId,
    originalId: article.originalId,
  };
}

export function citationJson(citation: StoryCitation) {
  return { articleId: citation.articleId, citingOutlet: citation.citingOutlet, outlet: citation.outlet, phrase: citation.phrase };
}

export function sourceJson(source: Source, extraction: { fetched: number; failed: number } | undefined) {
  const health = sourceHealth(source);
  return {
    id: source.id,
    name: source.name,
    feedUrl: source.feedUrl,
    siteUrl: source.siteUrl,
    section: source.section,
    paused: source.paused,
    health: {
      status: health.tone,
      label: health.label,
      lastFetchAt: isoOrNull(source.lastFetchAt),
      lastOutcome: source.lastOutcome,
      lastHttpStatus: source.lastHttpStatus,
      lastError: source.lastError,
      consecutiveErrors: source.errorCount,
      nextFetchAt: source.nextFetchAt.toISOString(),
    },
    extraction: { fetched: extraction?.fetched ?? 0, failed: extraction?.failed ?? 0 },
  };
}
