// What our feeds say about a story and about an article, and the three kinds of feed we
// publish (Top Stories, a section, a story's coverage) as format-neutral documents.
import type { ArticleView, Section, Source, Story } from '../../model.js';
import type { FirstOutlet } from '../../store/api-store.js';
import { plural } from '../format.js';
import { html, safeHref } from '../html.js';
import { type FeedDocument, type FeedFormat, type FeedItem, newest } from './document.js';

/** The feed at `path` (without extension) in every format. */
export function feedUrls(base: string, path: string): Record<FeedFormat, string> {
  return { rss: `${base}${path}.rss`, atom: `${base}${path}.atom`, json: `${base}${path}.json` };
}

const sectionNames = (sections: Section[], slug: string | null) => {
  const name = slug ? sections.find((s) => s.slug === slug)?.name : undefined;
  return name ? [name] : [];
};

const paragraphs = (...parts: Array<string | null>) => parts.filter((p): p is string => !!p).join('\n\n');

export function storyItem(story: Story, first: FirstOutlet | null, sections: Section[], base: string): FeedItem {
  const url = `${base}/story/${story.id}`;
  const published = story.firstReportedAt ?? story.createdAt;
  const counts = `${plural(story.outletCount, 'outlet')} · ${plural(story.articleCount, 'article')}`;
  const site = safeHref(first?.siteUrl);
  return {
    id: url,
    url,
    title: story.title,
    summary: paragraphs(story.summary, first ? `${counts} · First reported by ${first.name}` : counts),
    contentHtml: html`${story.summary ? html`<p>${story.summary}</p>` : ''}<p>${counts}${first
      ? html` · First reported by ${site ? html`<a href="${site}">${first.name}</a>` : first.name}`
      : ''}</p><p><a href="${url}">Full coverage</a></p>`.value,
    published,
    updated: story.lastReportedAt ?? published,
    author: first?.name ?? null,
    externalUrl: null,
    source: first ? { name: first.name, feedUrl: first.feedUrl } : null,
    categories: sectionNames(sections, story.section),
    imageUrl: safeHref(story.imageUrl),
  };
}

/** One article of a story's coverage; `others` are the story's articles, to name what a copy republishes. */
export function articleItem(article: ArticleView, others: ArticleView[], sources: Map<number, Source>, sections: Section[], base: string): FeedItem {
  const url = `${base}/article/${article.id}`;
  const original = safeHref(article.url);
  const republishes = article.originalId !== null ? others.find((o) => o.id === article.originalId) : undefined;
  const note = republishes ? `Republished from ${republishes.sourceName}` : null;
  const feedUrl = sources.get(article.sourceId)?.feedUrl;
  return {
    id: url,
    url,
    title: article.title,
    summary: paragraphs(article.summary, note, `${article.sourceName}${original ? ` · Original: ${original}` : ''}`),
    contentHtml: html`${article.summary ? html`<p>${article.summary}</p>` : ''}${note ? html`<p>${note}</p>` : ''}<p>${article.sourceName}${original
      ? html` · <a href="${original}">Read the original on ${article.sourceName}</a>`
      : ''}</p>`.value,
    published: article.publishedAt,
    updated: article.publishedAt,
    author: article.sourceName,
    externalUrl: original,
    source: feedUrl ? { name: article.sourceName, feedUrl } : null,
    categories: sectionNames(sections, article.section),
    imageUrl: safeHref(article.imageUrl),
  };
}

export interface StoriesFeedInput {
  siteName: string;
  base: string;
  sections: Section[];
  stories: Story[];
  firstOutlets: Map<number, FirstOutlet>;
}

/** Top Stories (section null) or one section's stories. */
export function storiesFeed(input: StoriesFeedInput, section: Section | null): FeedDocument {
  const { siteName, base } = input;
  const items = input.stories.map((s) => storyItem(s, input.firstOutlets.get(s.id) ?? null, input.sections, base));
  return {
    siteName,
    title: `${section ? section.name : 'Top Stories'} · ${siteName}`,
    description: section
      ? `The latest ${section.name} stories on ${siteName}, each with the outlets covering it.`
      : `The latest stories on ${siteName}, each with the outlets covering it.`,
    homeUrl: section ? `${base}/section/${section.slug}` : `${base}/`,
    feedUrls: feedUrls(base, section ? `/feeds/section/${section.slug}` : '/feeds/top'),
    updated: newest(items),
    items,
  };
}

/** A story's coverage: each article, newest first. */
export function storyFeed(
  input: { siteName: string; base: string; sections: Section[]; sources: Map<number, Source> },
  story: Story,
  articles: ArticleView[],
): FeedDocument {
  const { siteName, base } = input;
  const items = [...articles]
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id)
    .map((a) => articleItem(a, articles, input.sources, input.sections, base));
  return {
    siteName,
    title: `${story.title} · ${siteName}`,
    description: `Every outlet's coverage of “${story.title}” on ${siteName}.`,
    homeUrl: `${base}/story/${story.id}`,
    feedUrls: feedUrls(base, `/feeds/story/${story.id}`),
    updated: newest(items),
    items,
  };
}
