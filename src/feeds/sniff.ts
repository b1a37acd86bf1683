// Which format a document is, from its first bytes and its root element — never from
// the Content-Type, which publishers get wrong (RSS served as text/html, JSON as text/plain).
import type { XmlElement } from './xml.js';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** 'json' when the text starts like a JSON object, 'xml' when it starts like markup. */
export function sniffSyntax(text: string): 'json' | 'xml' | null {
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) return 'json';
    if (c === 0x3c /* < */) return 'xml';
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return null;
  }
  return null;
}

/** The feed format an XML root element stands for, or null when it is not a feed. */
export function formatOfRoot(root: XmlElement): Exclude<FeedFormat, 'json'> | null {
  // By local name: feeds declare odd or wrong namespaces on their root more often than not.
  const local = root.key.slice(root.key.lastIndexOf(':') + 1);
  switch (local) {
    case 'rss':
    case 'channel': // RSS without its <rss> wrapper, and CDF
      return 'rss';
    case 'rdf':
      return 'rdf';
    case 'feed':
      return 'atom';
    default:
      return null;
  }
}
