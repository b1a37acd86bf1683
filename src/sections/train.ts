// Building the classifier's model (classifier.ts) from labelled texts and the hand-written
// lexicon. Pure: examples in, model out; `npm run sections:train` (bench/sections-train.ts)
// feeds it the labelled headlines and writes src/sections/model.json.
//
// Learned weights are one-vs-rest log-odds with add-one smoothing over document frequencies
// (a term counts once per text, so a headline repeated by fifty outlets does not outvote the
// rest): w(t, c) = log P(t | c) − log P(t | not c), capped. Only terms seen in enough texts, in
// enough different stories of the section, and pointing to it (w ≥ minWeight) are kept, at
// most maxTerms per section, so the model stays small and readable. Lexicon words weigh LEXICON_WEIGHT, or their learned weight when
// that is higher.
import { stem } from '../text/tokens.js';
import { textTerms, type SectionModel } from './classifier.js';

export interface Example {
  text: string;
  slug: string;
  /** The story the text reports (texts of one story share their words). */
  story: string;
}

export interface TrainOptions {
  minDf: number;
  /** Distinct stories of the section a term must occur in: a name from one story is no section's word. */
  minStories: number;
  /** The most a learned term may weigh: with few texts of a section, log-odds run away. */
  maxWeight: number;
  minWeight: number;
  maxTerms: number;
  lexiconWeight: number;
  minScore: number;
  minMargin: number;
  summaryWeight: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  minDf: 3,
  minStories: 3,
  maxWeight: 2.5,
  minWeight: 1,
  maxTerms: 400,
  lexiconWeight: 3,
  minScore: 3,
  minMargin: 1,
  summaryWeight: 0.5,
};

const round = (x: number) => Math.round(x * 100) / 100;

export function trainModel(examples: readonly Example[], lexicon: Readonly<Record<string, readonly string[]>>, about: string, options: TrainOptions = TRAIN_DEFAULTS): SectionModel {
  const docs = new Map<string, number>(); // texts per section
  const df = new Map<string, Map<string, number>>(); // term → section → texts
  const stories = new Map<string, Set<string>>(); // "section term" → stories
  for (const { text, slug, story } of examples) {
    docs.set(slug, (docs.get(slug) ?? 0) + 1);
    for (const term of textTerms(text)) {
      let bySection = df.get(term);
      if (!bySection) df.set(term, (bySection = new Map()));
      bySection.set(slug, (bySection.get(slug) ?? 0) + 1);
      const key = `${slug} ${term}`;
      let seen = stories.get(key);
      if (!seen) stories.set(key, (seen = new Set()));
      seen.add(story);
    }
  }
  const total = examples.length;
  const weights: Record<string, Record<string, number>> = {};
  for (const [slug, n] of docs) {
    const kept: Array<[string, number]> = [];
    for (const [term, bySection] of df) {
      let all = 0;
      for (const k of bySection.values()) all += k;
      if (all < options.minDf || (stories.get(`${slug} ${term}`)?.size ?? 0) < options.minStories) continue;
      const inside = bySection.get(slug) ?? 0;
      const w = Math.log((inside + 1) / (n + 2)) - Math.log((all - inside + 1) / (total - n + 2));
      if (w >= options.minWeight) kept.push([term, Math.min(w, options.maxWeight)]);
    }
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    weights[slug] = Object.fromEntries(kept.slice(0, options.maxTerms).map(([t, w]) => [t, round(w)]));
  }
  // A word the lexicon gives to one section is not learned for another: the labelled
  // headlines are of a few dozen stories, and "russia" or "climate" learned as business or
  // technology words from them is an accident of the news of those days.
  const lexiconOwner = new Map<string, Set<string>>();
  for (const [slug, words] of Object.entries(lexicon)) {
    for (const word of words) {
      const term = stem(word.toLowerCase());
      let owners = lexiconOwner.get(term);
      if (!owners) lexiconOwner.set(term, (owners = new Set()));
      owners.add(slug);
    }
  }
  for (const [slug, table] of Object.entries(weights)) {
    for (const term of Object.keys(table)) if (lexiconOwner.has(term) && !lexiconOwner.get(term)!.has(slug)) delete table[term];
  }
  for (const [term, owners] of lexiconOwner) {
    for (const slug of owners) {
      const table = (weights[slug] ??= {});
      table[term] = Math.max(table[term] ?? 0, options.lexiconWeight);
    }
  }
  const sorted = Object.fromEntries(Object.keys(weights).sort().map((slug) => [slug, weights[slug]!]));
  return { version: 1, about, minScore: options.minScore, minMargin: options.minMargin, summaryWeight: options.summaryWeight, weights: sorted };
}
