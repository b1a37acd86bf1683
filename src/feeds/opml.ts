// OPML in and out: how readers move their subscriptions between programs. Read with the
// same forgiving XML reader as feeds (OPML files from old readers are often broken).
import type { Source } from '../model.js';
import { escapeXml } from '../text/xml-escape.js';
import { childElements, parseXml, type XmlElement } from './xml.js';

export interface OpmlSubscription {
  feedUrl: string;
  siteUrl: string | null;
  name: string | null;
  /** The enclosing folder or the category attribute, taken as the section. */
  section: string | null;
}

const attr = (element: XmlElement, name: string): string | null => element.attrs[name.toLowerCase()]?.trim() || null;

/** Every feed in an OPML document, folders flattened (a folder name becomes the section). */
export function readOpml(xml: string): OpmlSubscription[] | { error: string } {
  const doc = parseXml(xml.replace(/^\uFEFF/, ''));
  if (!doc.root || doc.root.key !== 'opml') {
    return { error: `not an OPML file: ${doc.root ? `root element <${doc.root.name}>` : 'no XML element found'}` };
  }
  const body = childElements(doc.root).find((e) => e.key === 'body');
  const found: OpmlSubscription[] = [];
  const walk = (element: XmlElement, folder: string | null) => {
    for (const outline of childElements(element)) {
      if (outline.key !== 'outline') continue;
      const feedUrl = attr(outline, 'xmlUrl');
      const name = attr(outline, 'title') ?? attr(outline, 'text');
      if (feedUrl) {
        const category = attr(outline, 'category')?.split(',')[0]?.replace(/^\//, '').trim() || null;
        found.push({ feedUrl, siteUrl: attr(outline, 'htmlUrl'), name, section: category ?? folder });
      }
      walk(outline, feedUrl ? folder : name ?? folder);
    }
  };
  if (body) walk(body, null);
  return found;
}

/** OPML 2.0 of the sources, grouped in one folder per section. */
export function writeOpml(sources: Source[], title: string, sectionName: (slug: string) => string, now = new Date()): string {
  const bySection = new Map<string, Source[]>();
  for (const source of sources) {
    const key = source.section ?? '';
    bySection.set(key, [...(bySection.get(key) ?? []), source]);
  }
  const outline = (s: Source, indent: string) =>
    `${indent}<outline type="rss" text="${escapeXml(s.name)}" title="${escapeXml(s.name)}" xmlUrl="${escapeXml(s.feedUrl)}"` +
    `${s.siteUrl ? ` htmlUrl="${escapeXml(s.siteUrl)}"` : ''}${s.section ? ` category="/${escapeXml(sectionName(s.section))}"` : ''}/>`;
  const lines: string[] = [];
  for (const [section, members] of bySection) {
    if (!section) {
      lines.push(...members.map((s) => outline(s, '    ')));
      continue;
    }
    const name = escapeXml(sectionName(section));
    lines.push(`    <outline text="${name}" title="${name}">`, ...members.map((s) => outline(s, '      ')), '    </outline>');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${escapeXml(title)}</title>
    <dateCreated>${now.toUTCString()}</dateCreated>
  </head>
  <body>
${lines.join('\n')}
  </body>
</opml>`;
}
