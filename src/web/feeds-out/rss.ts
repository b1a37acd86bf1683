// RSS 2.0 (https://www.rssboard.org/rss-specification), with atom:link rel="self" as the
// RSS Advisory Board recommends. <description> is HTML (readers render it), so it carries
// the item's HTML, escaped once more for XML.
import type { FeedDocument, FeedItem } from './document.js';
import { xmlText } from './xml.js';

function item(i: FeedItem): string {
  const lines = [
    `<title>${xmlText(i.title)}</title>`,
    `<link>${xmlText(i.url)}</link>`,
    `<guid isPermaLink="true">${xmlText(i.id)}</guid>`,
    `<pubDate>${i.published.toUTCString()}</pubDate>`,
    `<description>${xmlText(i.contentHtml)}</description>`,
    ...(i.author ? [`<dc:creator>${xmlText(i.author)}</dc:creator>`] : []),
    ...i.categories.map((c) => `<category>${xmlText(c)}</category>`),
    ...(i.source ? [`<source url="${xmlText(i.source.feedUrl)}">${xmlText(i.source.name)}</source>`] : []),
  ];
  return `<item>\n      ${lines.join('\n      ')}\n    </item>`;
}

export function writeRss(doc: FeedDocument): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xmlText(doc.title)}</title>
    <link>${xmlText(doc.homeUrl)}</link>
    <description>${xmlText(doc.description)}</description>
    <atom:link href="${xmlText(doc.feedUrls.rss)}" rel="self" type="application/rss+xml"/>
    <language>en</language>
    <generator>Newsroom</generator>
    <lastBuildDate>${doc.updated.toUTCString()}</lastBuildDate>
    ${doc.items.map(item).join('\n    ')}
  </channel>
</rss>
`;
}
