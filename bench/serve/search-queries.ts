// The uncached queries of bench:serve: distinct queries of eight kinds, made from the words of
// real headlines with a fixed seed, so that every run (and every variant measured side by
// side) asks the same 200 questions.
import { rng } from '../cluster/synthetic.js';
import { realEnglish } from '../real-text.js';

/** Distinct queries of every kind (each a cache miss), made from the words of real headlines. */
export function searchQueries(count: number): Array<{ kind: string; query: string }> {
  const random = rng(7);
  const { headlines, words } = realEnglish();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const kinds: Array<[string, () => string]> = [
    ['rare word', () => `q=${pick(words.rare)}`],
    ['mid word', () => `q=${pick(words.mid)}`],
    ['common word', () => `q=${pick(words.common)}&page=${1 + Math.floor(random() * 5)}`],
    ['two words', () => `q=${pick(words.common)}+${pick(words.mid)}`],
    ['phrase', () => {
      const w = pick(headlines).split(/\s+/);
      const at = Math.floor(random() * Math.max(1, w.length - 2));
      return `q=${encodeURIComponent(`"${w.slice(at, at + 2).join(' ')}"`)}`;
    }],
    ['prefix', () => {
      const word = pick(words.mid.filter((w) => w.length >= 6));
      return `q=${word.slice(0, 3 + Math.floor(random() * 3))}*`;
    }],
    ['exclusion', () => `q=${pick(words.mid)}+-${pick(words.common)}`],
    ['section filter', () => `q=${pick(words.mid)}&section=${pick(['world', 'politics', 'business', 'technology', 'science', 'health', 'entertainment', 'sports'])}`],
  ];
  const seen = new Set<string>();
  const out: Array<{ kind: string; query: string }> = [];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const [kind, make] = kinds[out.length % kinds.length]!;
    const query = make();
    if (seen.has(query)) continue;
    seen.add(query);
    out.push({ kind, query });
  }
  return out;
}
