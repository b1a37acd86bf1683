// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
import type { FeedDocument } from './document.js';
import { dropInvalidChars } from './xml.js';

export function writeJsonFeed(doc: FeedDocument): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: doc.title,
      home_page_url: doc.homeUrl,
      feed_url: doc.feedUrls.json,
      description: doc.description,
      language: 'en',
      authors: [{ name: doc.siteName }],
      items: doc.items.map((i) => ({
        id: i.id,
        url: i.url,
        ...(i.externalUrl ? { external_url: i.externalUrl } : {}),
        title: i.title,
        summary: i.summary,
        content_html: i.contentHtml,
        content_text: i.summary,
        ...(i.imageUrl ? { image: i.imageUrl } : {}),
        date_published: i.published.toISOString(),
        date_modified: i.updated.toISOString(),
        ...(i.author ? { authors: [{ name: i.author }] } : {}),
        ...(i.categories.length ? { tags: i.categories } : {}),
      })),
    },
    // Control characters are legal in JSON strings, but no reader wants them either.
    (_key, value: unknown) => (typeof value === 'string' ? dropInvalidChars(value) : value),
    2,
  )}\n`;
}
