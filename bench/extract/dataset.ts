// The extraction-dev dataset (../shared/datasets/extraction-dev, see its README): news pages
// with hand-annotated article text, and Readability's test pages with its own output.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseHTML } from 'linkedom';
import { nodeText } from '../../src/extract/text.js';

export interface NewsPage {
  id: string;
  url: string;
  html: string;
  expectedText: string;
}

export interface ExpectedMetadata {
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
  siteName: string | null;
  lang: string | null;
  excerpt: string | null;
}

export interface ReadabilityPage {
  id: string;
  url: string;
  html: string;
  expectedText: string;
  metadata: ExpectedMetadata;
}

/** Readability's tests serve every page from this address. */
export const READABILITY_TEST_URL = 'http://fakehost/test/page.html';

/** The visible text of an HTML fragment, as the dataset's README turns expected HTML into text. */
export function htmlFragmentText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return nodeText(document.body);
}

export function loadNewsPages(dataset: string): NewsPage[] {
  const dir = path.join(dataset, 'news-pages');
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url: string; articleBody: string }>;
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      url: truth[id]!.url,
      html: zlib.gunzipSync(fs.readFileSync(path.join(dir, 'html', `${id}.html.gz`))).toString('utf8'),
      expectedText: truth[id]!.articleBody,
    }));
}

export function loadReadabilityPages(dataset: string): ReadabilityPage[] {
  const dir = path.join(dataset, 'readability-pages');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const read = (file: string) => fs.readFileSync(path.join(dir, id, file), 'utf8');
      return {
        id,
        url: READABILITY_TEST_URL,
        html: read('source.html'),
        expectedText: htmlFragmentText(read('expected.html')),
        metadata: JSON.parse(read('expected-metadata.json')) as ExpectedMetadata,
      };
    });
}
