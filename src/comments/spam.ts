// Spam rules that need no storage: the honeypot and the blocklist. (The form token is in
// token.ts, the link cap is a field rule in validation.ts, the rate limit counts stored
// comments in service.ts.)
import { findLinks } from './text.js';
import type { CommentDraft } from './validation.js';

/** The name of the field people never see and bots fill in. */
export const HONEYPOT_FIELD = 'homepage';

export function honeypotTripped(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const value = (body as Record<string, unknown>)[HONEYPOT_FIELD];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '';
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A blocklist entry as stored: lower case, single spaces. */
export function normaliseTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether a term names a link host ("spam.example") rather than a word or phrase. */
export function isHostTerm(term: string): boolean {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(term);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * The first blocklist term the comment contains, or null. Words and phrases match whole
 * words, in any case, in the text, the name, the email and the website; a host matches links
 * to it and to its subdomains, in the text and the website.
 */
export function blocklistMatch(terms: string[], draft: CommentDraft): string | null {
  if (terms.length === 0) return null;
  const text = [draft.body, draft.authorName, draft.email ?? '', draft.website ?? ''].join('\n').normalize('NFKC');
  const hosts = [...findLinks(draft.body), ...(draft.website ? [draft.website] : [])].map(hostOf).filter((h): h is string => h !== null);
  for (const raw of terms) {
    const term = normaliseTerm(raw);
    if (!term) continue;
    if (isHostTerm(term) && hosts.some((h) => h === term || h.endsWith(`.${term}`))) return raw;
    const words = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(term).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}_])`, 'iu');
    if (words.test(text)) return raw;
  }
  return null;
}
