// The section of an article that neither its feed nor its source names, from the words of its
// title and summary: a linear term-weight model. Each section has weights for the terms that
// point to it (stems, as src/text/tokens.ts makes them); an article scores the sum of the
// weights of its distinct terms, title terms in full and summary terms at half weight, and
// goes to the best section when that score is high enough and clearly ahead of the runner-up.
// Otherwise it gets no section: an article in no section is only missing from one page, an
// article in the wrong one misleads.
//
// The weights are data (model.json, built by `npm run sections:train`, see train.ts and
// docs/sections.md): log-odds learned from labelled headlines for business, technology,
// entertainment and health, and the hand-written lexicon (lexicon.ts) for the others.
import fs from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths.js';
import { terms } from '../text/tokens.js';

const ModelSchema = z.object({
  version: z.literal(1),
  /** How the weights were made, for people reading the file. */
  about: z.string(),
  minScore: z.number().positive(),
  minMargin: z.number().nonnegative(),
  summaryWeight: z.number().min(0).max(1),
  weights: z.record(z.string(), z.record(z.string(), z.number())),
});

export type SectionModel = z.infer<typeof ModelSchema>;

export interface SectionGuess {
  slug: string;
  score: number;
  /** How far ahead of the runner-up. */
  margin: number;
}

export const MODEL_FILE = projectPath('src/sections/model.json');

export function parseModel(json: unknown): SectionModel {
  return ModelSchema.parse(json);
}

export function loadModel(file = MODEL_FILE): SectionModel {
  return parseModel(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The distinct terms of a text, English-stemmed (the model's terms are made the same way). */
export function textTerms(text: string | null | undefined): Set<string> {
  return new Set(text ? terms(text) : []);
}

export class SectionClassifier {
  /** term → [slug, weight] pairs: one lookup per term of the article. */
  private readonly byTerm = new Map<string, Array<[string, number]>>();

  constructor(private readonly model: SectionModel) {
    for (const [slug, weights] of Object.entries(model.weights)) {
      for (const [term, weight] of Object.entries(weights)) {
        let list = this.byTerm.get(term);
        if (!list) this.byTerm.set(term, (list = []));
        list.push([slug, weight]);
      }
    }
  }

  /** Every section's score for the text, highest first (sections that score nothing left out). */
  scores(title: string | null | undefined, summary: string | null | undefined, allowed?: ReadonlySet<string>): SectionGuess[] {
    const totals = new Map<string, number>();
    const add = (words: Set<string>, factor: number) => {
      for (const term of words) {
        for (const [slug, weight] of this.byTerm.get(term) ?? []) {
          if (allowed && !allowed.has(slug)) continue;
          totals.set(slug, (totals.get(slug) ?? 0) + weight * factor);
        }
      }
    };
    const titleTerms = textTerms(title);
    add(titleTerms, 1);
    const summaryTerms = textTerms(summary);
    for (const t of titleTerms) summaryTerms.delete(t);
    add(summaryTerms, this.model.summaryWeight);
    const ranked = [...totals].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
    return ranked.map(([slug, score], i) => ({ slug, score, margin: score - (ranked[i + 1]?.[1] ?? 0) }));
  }

  /** The section for the text, or null when the words do not point clearly to one. */
  classify(title: string | null | undefined, summary: string | null | undefined, allowed?: ReadonlySet<string>): SectionGuess | null {
    const best = this.scores(title, summary, allowed)[0];
    if (!best || best.score < this.model.minScore || best.margin < this.model.minMargin) return null;
    return best;
  }
}

let shared: SectionClassifier | null = null;

/** The classifier of the shipped model, loaded once. */
export function sectionClassifier(): SectionClassifier {
  shared ??= new SectionClassifier(loadModel());
  return shared;
}
