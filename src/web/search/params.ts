// The search's query string, checked at the edge: the page and the API read it here, and a
// bad value is a message for the reader (400), never a failed query.
import type { Section, Source } from '../../model.js';
import type { SearchFilters } from '../../search/store.js';
import { MAX_PAGE } from '../../search/service.js';

export const MAX_QUERY_LENGTH = 200;

/** The parameters as given (after trimming), for forms and links. */
export interface SearchParams {
  q: string;
  page: number;
  section: string;
  outlet: string;
  from: string;
  to: string;
}

export type ParamsOutcome =
  | { ok: true; params: SearchParams; filters: SearchFilters }
  | { ok: false; params: SearchParams; error: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Midnight UTC of a YYYY-MM-DD date that exists on the calendar, else null. */
export function parseDay(value: string): Date | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : null;
}

export function readSearchParams(query: unknown, known: { sections: Section[]; sources: Source[] }): ParamsOutcome {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const errors: string[] = [];
  const text = (name: string): string => {
    const value = raw[name];
    if (value === undefined) return '';
    if (typeof value !== 'string') {
      errors.push(`${name} must be given once.`);
      return '';
    }
    return value.trim();
  };
  const params: SearchParams = { q: text('q'), page: 1, section: text('section'), outlet: text('outlet'), from: text('from'), to: text('to') };
  const filters: SearchFilters = {};

  if (params.q.length > MAX_QUERY_LENGTH) {
    errors.push(`The search is too long: at most ${MAX_QUERY_LENGTH} characters.`);
    params.q = params.q.slice(0, MAX_QUERY_LENGTH);
  }
  // The JSON API's lists hand out `next` to pass back as `cursor`; here it is the page number.
  const cursor = text('cursor');
  let page = text('page');
  if (cursor !== '') {
    if (page !== '') errors.push('Give page or cursor, not both.');
    page = cursor;
  }
  if (page !== '') {
    const n = /^\d{1,6}$/.test(page) ? Number(page) : NaN;
    if (n >= 1 && n <= MAX_PAGE) params.page = n;
    else errors.push(`${cursor !== '' ? 'cursor' : 'page'} must be a whole number from 1 to ${MAX_PAGE}.`);
  }
  if (params.section !== '') {
    if (known.sections.some((s) => s.slug === params.section)) filters.section = params.section;
    else errors.push(`There is no section “${params.section}”.`);
  }
  if (params.outlet !== '') {
    const id = /^\d{1,15}$/.test(params.outlet) ? Number(params.outlet) : NaN;
    if (known.sources.some((s) => s.id === id)) filters.sourceId = id;
    else errors.push(`outlet must be the id of one of the site's sources (see /sources).`);
  }
  for (const name of ['from', 'to'] as const) {
    if (params[name] === '') continue;
    const day = parseDay(params[name]);
    if (!day) errors.push(`${name} must be a date written YYYY-MM-DD, such as 2026-03-01.`);
    else if (name === 'from') filters.from = day;
    else filters.before = new Date(day.getTime() + DAY_MS);
  }
  if (filters.from && filters.before && filters.from >= filters.before) errors.push('from must not be after to.');

  return errors.length ? { ok: false, params, error: errors.join(' ') } : { ok: true, params, filters };
}

/** The query string of a search (empty parameters left out), for links to pages and feeds. */
export function searchQueryString(params: SearchParams, page = 1): string {
  const pairs: Record<string, string> = {};
  for (const name of ['q', 'section', 'outlet', 'from', 'to'] as const) if (params[name] !== '') pairs[name] = params[name];
  if (page > 1) pairs.page = String(page);
  return new URLSearchParams(pairs).toString();
}
