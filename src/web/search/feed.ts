// RSS 2.0 of a search's first page: a saved search in a feed reader.
import type { SearchHit } from '../../search/store.js';
import { escapeXml } from '../../text/xml-escape.js';

/** Text for XML 1.0, which allows no control characters but tab and line ends (the match markers are some). */
const xmlText = (text: string) => escapeXml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));

export function searchFeed(options: { q: string; queryString: string; hits: SearchHit[]; baseUrl: string; siteName: string; now: Date }): string {
  const { baseUrl, hits } = options;
  const pageUrl = `${baseUrl}/search?${options.queryString}`;
  const items = hits.map((hit) => {
    const link = `${baseUrl}/article/${hit.article.id}`;
    return `  <item>
    <title>${xmlText(hit.article.title)}</title>
    <link>${escapeXml(link)}</link>
    <guid isPermaLink="true">${escapeXml(link)}</guid>
    <pubDate>${hit.article.publishedAt.toUTCString()}</pubDate>
    <description>${xmlText(`${hit.article.outlet}: ${hit.article.snippet}`)}</description>
  </item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>${xmlText(`“${options.q}” · ${options.siteName} search`)}</title>
  <link>${escapeXml(pageUrl)}</link>
  <atom:link href="${escapeXml(`${baseUrl}/search.rss?${options.queryString}`)}" rel="self" type="application/rss+xml"/>
  <description>${xmlText(`Articles matching “${options.q}” on ${options.siteName}`)}</description>
  <language>en</language>
  <lastBuildDate>${options.now.toUTCString()}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
}
