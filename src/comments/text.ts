// A comment's text as the page shows it: plain text, paragraphs and line breaks kept, and
// links found so they can be made clickable (and counted, for the link cap).

export type Segment = { text: string; href?: undefined } | { text: string; href: string };

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const TRAILING = /[.,;:!?'"»”’)\]}]+$/;

/** The end of a URL found in text, without the punctuation that ends the sentence. */
function trimLink(candidate: string): string {
  let link = candidate.replace(TRAILING, '');
  // Keep a closing parenthesis that closes one opened in the link (Wikipedia-style URLs).
  const rest = candidate.slice(link.length);
  if (rest.startsWith(')') && (link.match(/\(/g)?.length ?? 0) > (link.match(/\)/g)?.length ?? 0)) link += ')';
  return link;
}

/** An absolute http(s) URL with a dotted host name, normalised; null for anything else. */
export function httpUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') ? url.href : null;
  } catch {
    return null;
  }
}

function hrefOf(link: string): string | null {
  return httpUrl(/^www\./i.test(link) ? `https://${link}` : link);
}

/** The text cut into plain runs and links (http, https and www. addresses only). */
export function linkSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const link = trimLink(match[0]);
    const href = hrefOf(link);
    if (!href) continue;
    const start = match.index;
    if (start > last) segments.push({ text: text.slice(last, start) });
    segments.push({ text: link, href });
    last = start + link.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

export function findLinks(text: string): string[] {
  return linkSegments(text).flatMap((s) => (s.href ? [s.href] : []));
}

export function countLinks(text: string): number {
  return findLinks(text).length;
}

/** Paragraphs (split on blank lines), each a list of lines. */
export function paragraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n'))
    .filter((lines) => lines.some((l) => l.trim() !== ''));
}
