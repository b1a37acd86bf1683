// RSS 2.0 of a story's approved comments, newest first.
import type { Comment, Story } from '../../model.js';
import { escapeXml } from '../../text/xml-escape.js';

const excerpt = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function commentsFeed(options: { story: Story; comments: Comment[]; baseUrl: string; siteName: string; now: Date }): string {
  const { story, comments, baseUrl, siteName } = options;
  const storyUrl = `${baseUrl}/story/${story.id}`;
  const items = comments.map((c) => {
    const link = `${storyUrl}#comment-${c.id}`;
    return `  <item>
    <title>${escapeXml(`${c.authorName}: ${excerpt(c.body, 80)}`)}</title>
    <link>${escapeXml(link)}</link>
    <guid isPermaLink="true">${escapeXml(link)}</guid>
    <dc:creator>${escapeXml(c.authorName)}</dc:creator>
    <pubDate>${c.createdAt.toUTCString()}</pubDate>
    <description>${escapeXml(c.body)}</description>
  </item>`;
  });
  const updated = comments[0]?.createdAt ?? options.now;
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>${escapeXml(`Comments on “${story.title}” · ${siteName}`)}</title>
  <link>${escapeXml(`${storyUrl}#comments`)}</link>
  <atom:link href="${escapeXml(`${storyUrl}/comments.rss`)}" rel="self" type="application/rss+xml"/>
  <description>${escapeXml(`Readers' comments on “${story.title}”`)}</description>
  <language>en</language>
  <lastBuildDate>${updated.toUTCString()}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
}
