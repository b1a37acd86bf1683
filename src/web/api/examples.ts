// Example responses for the OpenAPI document and /api/docs, made by the same functions that
// make real responses (views.ts) from a small made-up story, so they cannot drift apart.
import type { ArticleView, Source, Story } from '../../model.js';
import { encodeCursor } from './cursor.js';
import { articleJson, citationJson, sectionJson, sourceJson, storyJson } from './views.js';

const BASE = 'https://news.example';
const T = new Date('2026-11-28T08:00:00.000Z');
const later = (minutes: number) => new Date(T.getTime() + minutes * 60_000);

const story: Story = {
  id: 42, title: 'Three dead as River Ambry floods Kesselford', autoTitle: 'Three dead as River Ambry floods Kesselford', editorTitle: null,
  summary: 'About 4,000 people were evacuated after the river reached a record 6.8 metres.', imageUrl: 'https://wire.example/img/ambry.jpg',
  section: 'world', leadArticleId: 1001, firstArticleId: 1001, firstReportedAt: T, lastReportedAt: later(95), articleCount: 3, outletCount: 3,
  pinned: false, hidden: false, commentsClosed: false, createdAt: T, updatedAt: later(95),
};

const article = (id: number, sourceId: number, sourceName: string, host: string, minutes: number, title: string): ArticleView => ({
  id, sourceId, sourceName, sourceSiteUrl: `https://${host}/`, guid: `${host}-${id}`, url: `https://${host}/news/${id}`,
  canonicalUrl: `https://${host}/news/${id}`, title, author: null, summary: story.summary, contentHtml: null, imageUrl: null,
  section: 'world', categories: ['World'], publishedAt: later(minutes), fetchedAt: later(minutes + 2), storyId: story.id, fingerprint: null,
  originalId: null, statedOriginal: null,
});

const articles = [
  article(1001, 7, 'Meridian Wire', 'wire.example', 0, story.title),
  article(1017, 9, 'The Harbor Herald', 'herald.example', 40, 'Kesselford under water as River Ambry hits record'),
];
const first = { sourceId: 7, name: 'Meridian Wire', feedUrl: 'https://wire.example/feed.xml', siteUrl: 'https://wire.example/' };

const source: Source = {
  id: 7, feedUrl: first.feedUrl, siteUrl: first.siteUrl, name: first.name, section: 'world', intervalMinutes: 15, weight: 1, etag: null,
  lastModified: null, lastFetchAt: later(100), lastOutcome: 'ok', lastHttpStatus: 200, lastError: null, errorCount: 0,
  nextFetchAt: later(115), paused: false, createdAt: T,
};

const storyExample = storyJson(story, first, BASE);
const articleExample = articleJson(articles[0]!, BASE);
const next = encodeCursor({ time: story.lastReportedAt!, id: story.id });

export const EXAMPLES = {
  storyList: { items: [storyExample], next },
  story: {
    ...storyExample,
    articles: articles.map((a) => articleJson(a, BASE)),
    citations: [citationJson({ articleId: 1017, citingOutlet: 'The Harbor Herald', outlet: 'Reuters', phrase: 'told Reuters' })],
  },
  articleList: { items: [articleExample], next: encodeCursor({ time: articles[0]!.publishedAt, id: articles[0]!.id }) },
  article: articleExample,
  sectionList: { items: [sectionJson({ slug: 'world', name: 'World', position: 1 }, BASE)] },
  sourceList: { items: [sourceJson(source, { fetched: 120, failed: 3 })] },
  notFound: { error: { code: 'not_found', message: 'There is no story 42.' } },
  badRequest: { error: { code: 'bad_request', message: 'querystring/limit must be <= 100' } },
};
