// Atom 1.0 (RFC 4287). Entries carry their own author (the outlet), the feed the site's
// name, so every entry has one as the RFC requires.
import type { FeedDocument, FeedItem } from './document.js';
import { xmlText } from './xml.js';

function entry(i: FeedItem, siteName: string): string {
  const lines = [
    `<id>${xmlText(i.id)}</id>`,
    `<title type="text">${xmlText(i.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${xmlText(i.url)}"/>`,
    ...(i.externalUrl ? [`<link rel="related" type="text/html" href="${xmlText(i.externalUrl)}"/>`] : []),
    `<published>${i.published.toISOString()}</published>`,
    `<updated>${i.updated.toISOString()}</updated>`,
    `<author><name>${xmlText(i.author ?? siteName)}</name></author>`,
    ...i.categories.map((c) => `<category term="${xmlText(c)}"/>`),
    `<summary type="text">${xmlText(i.summary)}</summary>`,
    `<content type="html">${xmlText(i.contentHtml)}</content>`,
  ];
  return `<entry>\n    ${lines.join('\n    ')}\n  </entry>`;
}

export function writeAtom(doc: FeedDocument): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${xmlText(doc.feedUrls.atom)}</id>
  <title type="text">${xmlText(doc.title)}</title>
  <subtitle type="text">${xmlText(doc.description)}</subtitle>
  <updated>${doc.updated.toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${xmlText(doc.feedUrls.atom)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(doc.homeUrl)}"/>
  <author><name>${xmlText(doc.siteName)}</name></author>
  <generator>Newsroom</generator>
  ${doc.items.map((i) => entry(i, doc.siteName)).join('\n  ')}
</feed>
`;
}
