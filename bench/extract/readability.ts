// The reference: @mozilla/readability on a linkedom DOM, as an aggregator would run it.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ReadabilityOutput {
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
  siteName: string | null;
  content: string | null;
}

/** Parses the page and runs Readability; null when it finds no article. */
export function runReadability(html: string): ReadabilityOutput | null {
  const { document } = parseHTML(html);
  const article = new Readability(document as unknown as Document).parse();
  if (!article) return null;
  return {
    title: article.title ?? null,
    byline: article.byline ?? null,
    publishedTime: article.publishedTime ?? null,
    siteName: article.siteName ?? null,
    content: article.content ?? null,
  };
}
