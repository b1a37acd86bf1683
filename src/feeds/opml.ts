// OPML in and out: how readers move their subscriptions between programs.
import { generateOpml, parseOpml } from 'feedsmith';
import type { Source } from '../model.js';
import type { Loose } from './loose.js';
import { list } from './loose.js';
import { text } from './entry.js';

export interface OpmlSubscription {
  feedUrl: string;
  siteUrl: string | null;
  name: string | null;
  /** The enclosing folder or the category attribute, taken as the section. */
  section: string | null;
}

/** Every feed in an OPML document, folders flattened (a folder name becomes the section). */
export function readOpml(xml: string): OpmlSubscription[] | { error: string } {
  let doc: Loose;
  try {
    doc = parseOpml(xml.replace(/^\uFEFF/, '').trimStart());
  } catch (err) {
    return { error: `not an OPML file: ${err instanceof Error ? err.message : String(err)}` };
  }
  const found: OpmlSubscription[] = [];
  const walk = (outlines: unknown, folder: string | null) => {
    for (const outline of list(outlines)) {
      const feedUrl = text(outline.xmlUrl);
      const name = text(outline.title) ?? text(outline.text);
      if (feedUrl) {
        const category = text(outline.category)?.split(',')[0]?.replace(/^\//, '').trim() || null;
        found.push({ feedUrl, siteUrl: text(outline.htmlUrl), name, section: category ?? folder });
      }
      walk(outline.outlines, feedUrl ? folder : name ?? folder);
    }
  };
  walk(doc?.body?.outlines, null);
  return found;
}

/** OPML 2.0 of the sources, grouped in one folder per section. */
export function writeOpml(sources: Source[], title: string, sectionName: (slug: string) => string): string {
  const bySection = new Map<string, Source[]>();
  for (const source of sources) {
    const key = source.section ?? '';
    bySection.set(key, [...(bySection.get(key) ?? []), source]);
  }
  const outlineOf = (s: Source) => ({
    text: s.name,
    title: s.name,
    type: 'rss',
    xmlUrl: s.feedUrl,
    ...(s.siteUrl ? { htmlUrl: s.siteUrl } : {}),
    ...(s.section ? { category: `/${sectionName(s.section)}` } : {}),
  });
  const outlines: Loose[] = [...bySection.entries()].flatMap<Loose>(([section, members]) =>
    section ? [{ text: sectionName(section), title: sectionName(section), outlines: members.map(outlineOf) }] : members.map(outlineOf),
  );
  return generateOpml({ version: '2.0', head: { title, dateCreated: new Date() }, body: { outlines } } as Loose) as string;
}
