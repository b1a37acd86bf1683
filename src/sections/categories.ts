// Feed categories to our sections. Publishers file their articles under words of their own
// ("World news", "Technologie", "Markets", "Desporto", "News > Politics"); this table says which
// of our sections each common word means. It is data: to teach Newsroom a new word, add it
// here. Keys are folded (lower case, no accents, "&"/"and" and punctuation to spaces).
import type { Section } from '../model.js';
import { slugify } from '../text/slug.js';

export const CATEGORY_WORDS: Readonly<Record<string, readonly string[]>> = {
  world: [
    'world', 'world news', 'international', 'international news', 'foreign', 'foreign affairs', 'global', 'global news', 'europe',
    'asia', 'asia pacific', 'africa', 'americas', 'latin america', 'middle east', 'middle east and north africa', 'monde', 'international',
    'welt', 'ausland', 'mundo', 'internacional', 'esteri', 'mondo', 'buitenland', 'wereld', 'swiat', 'zagranica', 'utrikes', 'verden',
    'united nations', 'world affairs',
  ],
  politics: [
    'politics', 'political', 'us politics', 'uk politics', 'government', 'elections', 'election', 'congress', 'parliament', 'white house',
    'politik', 'politique', 'politica', 'politiek', 'polityka', 'policy', 'democracy', 'campaign', 'national politics',
  ],
  business: [
    'business', 'business news', 'economy', 'economics', 'markets', 'market', 'finance', 'money', 'companies', 'industry', 'stocks',
    'stock watch', 'trading', 'personal finance', 'wirtschaft', 'finanzen', 'economie', 'economia', 'negocios', 'economia y negocios',
    'affaires', 'entreprises', 'bourse', 'borsa', 'mercados', 'startups', 'earnings', 'banking', 'real estate', 'retail',
  ],
  technology: [
    'technology', 'tech', 'tech news', 'science and technology', 'sci tech', 'scitech', 'technologie', 'tecnologia', 'tecnologie',
    'techniek', 'technika', 'gadgets', 'internet', 'computing', 'computers', 'software', 'hardware', 'mobile', 'apps', 'digital', 'netzwelt',
    'ai', 'artificial intelligence', 'ai and machine learning', 'machine learning', 'security', 'cybersecurity', 'web', 'games', 'gaming',
    'video games', 'informatique', 'numerique', 'computadora', 'programming', 'open source', 'cloud',
  ],
  science: [
    'science', 'sciences', 'wissenschaft', 'wissen', 'ciencia', 'ciencias', 'scienza', 'scienze', 'wetenschap', 'nauka', 'space',
    'astronomy', 'environment', 'climate', 'climate change', 'nature', 'physics', 'biology', 'research', 'earth', 'wildlife', 'marine life',
    'conservation', 'umwelt', 'environnement', 'medio ambiente', 'ambiente',
  ],
  health: [
    'health', 'health news', 'medicine', 'medical', 'wellness', 'wellbeing', 'fitness', 'nutrition', 'mental health', 'healthcare',
    'gesundheit', 'sante', 'salud', 'salute', 'saude', 'gezondheid', 'zdrowie', 'coronavirus', 'covid 19', 'pandemic',
  ],
  entertainment: [
    'entertainment', 'arts', 'arts and entertainment', 'culture', 'arts and culture', 'movies', 'film', 'films', 'cinema', 'music', 'tv',
    'television', 'television and radio', 'tv and radio', 'celebrity', 'celebrities', 'showbiz', 'books', 'theatre', 'theater', 'comedy',
    'pop and rock', 'stage', 'kultur', 'unterhaltung', 'kino', 'musik', 'cultura', 'espectaculos', 'spettacoli', 'cinema',
    'entretenimiento', 'divertissement',
  ],
  sports: [
    'sport', 'sports', 'us sports', 'football', 'soccer', 'cricket', 'tennis', 'golf', 'rugby', 'rugby union', 'rugby league', 'formula 1',
    'formula one', 'f1', 'motorsport', 'cycling', 'athletics', 'boxing', 'baseball', 'basketball', 'nba', 'nfl', 'nhl', 'mlb', 'hockey',
    'ice hockey', 'olympics', 'olympic games', 'world cup', 'premier league', 'fussball', 'deportes', 'desporto', 'esporte', 'esportes',
    'calcio', 'sportif', 'spor', 'sporten',
  ],
};

/** Lower case, accents off, "&" as "and", everything else but letters and digits to one space. */
export function foldCategory(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const BY_WORD: ReadonlyMap<string, string> = new Map(
  Object.entries(CATEGORY_WORDS).flatMap(([slug, words]) => words.map((w) => [foldCategory(w), slug] as const)),
);

/**
 * The sections a category names: the whole category, else each part of a path ("News >
 * Politics", "sport/football"), else without a trailing "news" ("Science News").
 */
function sectionsNamedBy(category: string): string[] {
  const found: string[] = [];
  const parts = [category, ...category.split(/\s*[\/>|:»]\s*/)];
  for (const part of parts) {
    const folded = foldCategory(part);
    const slug = BY_WORD.get(folded) ?? BY_WORD.get(folded.replace(/ news$/, ''));
    if (slug && !found.includes(slug)) found.push(slug);
  }
  return found;
}

/**
 * The section the feed's categories file the entry under, among the site's sections: a
 * category that is a section's own name or slug first (a site's own sections, "Local"), then
 * the table's words. Null when no category names one.
 */
export function sectionFromCategories(categories: readonly string[], sections: readonly Section[]): string | null {
  for (const category of categories) {
    const slug = slugify(category);
    const folded = foldCategory(category);
    const own = sections.find((s) => s.slug === slug || foldCategory(s.name) === folded);
    if (own) return own.slug;
  }
  for (const category of categories) {
    for (const slug of sectionsNamedBy(category)) if (sections.some((s) => s.slug === slug)) return slug;
  }
  return null;
}
