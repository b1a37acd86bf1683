// Section-classifier benchmark. The shipped model (src/sections/model.json) against a
// reference, textbook multinomial naive Bayes trained in this run on the same training
// headlines (no lexicon, no abstaining), on:
//
// 1. uci-held-out: the held-out stories of the labelled headlines (bench/sections/data.ts) —
//    stories neither model saw; four categories, "t" accepting technology or science;
// 2. real-feeds: the entries of the real feeds in ../shared/datasets/feeds-dev whose feed
//    categories name one of our sections (src/sections/categories.ts), classified from title
//    and summary alone — all eight sections, independent publishers, but few entries;
// 3. demo: the demo's articles (demo/content/news.json) with their events' sections — written by
//    this project, so not independent; shown for the sections the other two sets lack.
//
// Accuracy counts an abstention (no section) as wrong; precision is over the articles given a
// section. Prints a table and writes bench/results/sections.json.
//
//   npm run bench:sections
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDemoNews } from '../demo/content.js';
import { parseFeedText } from '../src/feeds/parse.js';
import type { Section } from '../src/model.js';
import { projectPath } from '../src/paths.js';
import { sectionFromCategories } from '../src/sections/categories.js';
import { loadModel, SectionClassifier, textTerms } from '../src/sections/classifier.js';
import { htmlToText } from '../src/text/html-text.js';
import { ACCEPTED_FOR_CATEGORY, isHeldOut, loadUci, SECTION_OF_CATEGORY, SPLIT_RULE } from './sections/data.js';

const SECTIONS: Section[] = ['world', 'politics', 'business', 'technology', 'science', 'health', 'entertainment', 'sports'].map((slug, i) => ({
  slug,
  name: slug[0]!.toUpperCase() + slug.slice(1),
  position: i + 1,
}));

interface Case {
  title: string;
  summary: string | null;
  /** The sections that count as right. */
  accepted: readonly string[];
  /** The label, for the per-label table. */
  label: string;
}

interface Predictor {
  key: 'newsroom' | 'naiveBayes';
  label: string;
  predict(title: string, summary: string | null): string | null;
}

/** The reference: multinomial naive Bayes, add-one smoothing, uniform-free priors from the data, always answers. */
function naiveBayes(examples: Array<{ text: string; slug: string }>): Predictor {
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const docs = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const { text, slug } of examples) {
    docs.set(slug, (docs.get(slug) ?? 0) + 1);
    let c = counts.get(slug);
    if (!c) counts.set(slug, (c = new Map()));
    for (const term of textTerms(text)) {
      c.set(term, (c.get(term) ?? 0) + 1);
      totals.set(slug, (totals.get(slug) ?? 0) + 1);
      vocabulary.add(term);
    }
  }
  const v = vocabulary.size;
  return {
    key: 'naiveBayes',
    label: 'multinomial naive Bayes (reference)',
    predict(title, summary) {
      const words = [...textTerms(title), ...textTerms(summary)];
      let best: string | null = null;
      let bestScore = -Infinity;
      for (const [slug, c] of counts) {
        let score = Math.log(docs.get(slug)! / examples.length);
        for (const w of words) score += Math.log(((c.get(w) ?? 0) + 1) / (totals.get(slug)! + v));
        if (score > bestScore) [best, bestScore] = [slug, score];
      }
      return best;
    },
  };
}

interface Tally {
  cases: number;
  assigned: number;
  correct: number;
}

interface SetReport {
  set: string;
  cases: number;
  results: Record<Predictor['key'], { accuracy: number; coverage: number; precision: number; byLabel: Record<string, Tally> }>;
}

function evaluate(set: string, cases: Case[], predictors: Predictor[]): SetReport {
  const results = {} as SetReport['results'];
  for (const p of predictors) {
    const byLabel: Record<string, Tally> = {};
    let assigned = 0;
    let correct = 0;
    for (const c of cases) {
      const got = p.predict(c.title, c.summary);
      const t = (byLabel[c.label] ??= { cases: 0, assigned: 0, correct: 0 });
      t.cases++;
      if (got !== null) {
        assigned++;
        t.assigned++;
      }
      if (got !== null && c.accepted.includes(got)) {
        correct++;
        t.correct++;
      }
    }
    results[p.key] = { accuracy: correct / cases.length, coverage: assigned / cases.length, precision: assigned ? correct / assigned : 0, byLabel };
  }
  return { set, cases: cases.length, results };
}

function realFeedCases(dir: string): Case[] {
  const cases: Case[] = [];
  if (!fs.existsSync(dir)) return cases;
  for (const file of fs.readdirSync(dir).sort()) {
    if (file === 'manifest.json' || !/\.(?:xml|json)$/.test(file)) continue;
    const parsed = parseFeedText(fs.readFileSync(path.join(dir, file), 'utf8'), null);
    if ('error' in parsed) continue;
    for (const entry of parsed.feed.entries) {
      const slug = sectionFromCategories(entry.categories, SECTIONS);
      if (!slug || !entry.title) continue;
      const summary = entry.summary ?? entry.content;
      cases.push({ title: entry.title, summary: summary ? htmlToText(summary).slice(0, 400) : null, accepted: [slug], label: slug });
    }
  }
  return cases;
}

function demoCases(): Case[] {
  const news = loadDemoNews();
  return news.events.flatMap((event) =>
    event.articles.map((a) => ({ title: a.title, summary: a.summary, accepted: [event.section.toLowerCase()], label: event.section.toLowerCase() })),
  );
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function main(): void {
  const all = loadUci();
  const training = all.filter((h) => !isHeldOut(h.story));
  const heldOut = all.filter((h) => isHeldOut(h.story));
  const model = loadModel();
  const classifier = new SectionClassifier(model);
  const newsroom: Predictor = { key: 'newsroom', label: 'Newsroom (shipped model.json)', predict: (t, s) => classifier.classify(t, s)?.slug ?? null };
  const predictors = [newsroom, naiveBayes(training.map((h) => ({ text: h.title, slug: SECTION_OF_CATEGORY[h.category] })))];

  const sets = [
    evaluate('uci-held-out', heldOut.map((h) => ({ title: h.title, summary: null, accepted: ACCEPTED_FOR_CATEGORY[h.category], label: SECTION_OF_CATEGORY[h.category] })), predictors),
    evaluate('real-feeds', realFeedCases(path.resolve(projectPath(), '../shared/datasets/feeds-dev/real')), predictors),
    evaluate('demo (written by the project)', demoCases(), predictors),
  ];

  // Speed: the shipped classifier on every headline, after a warm-up.
  const titles = all.map((h) => h.title);
  for (const t of titles) classifier.classify(t, null);
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < 2000) {
    for (const t of titles) classifier.classify(t, null);
    rounds++;
  }
  const perSecond = (rounds * titles.length) / ((performance.now() - start) / 1000);

  const lines = [`Section classifier benchmark, node ${process.version}, ${new Date().toISOString()}`, `training: ${training.length} headlines; ${SPLIT_RULE}`, ''];
  for (const s of sets) {
    lines.push(`${s.set} (${s.cases} articles)`);
    for (const p of predictors) {
      const r = s.results[p.key];
      lines.push(`  ${p.label.padEnd(40)} accuracy ${pct(r.accuracy).padStart(7)}  coverage ${pct(r.coverage).padStart(7)}  precision ${pct(r.precision).padStart(7)}`);
    }
    const labels = Object.keys(s.results.newsroom.byLabel).sort();
    lines.push(`    per label (Newsroom correct/assigned/cases | reference correct/cases): ${labels.map((l) => {
      const n = s.results.newsroom.byLabel[l]!;
      const b = s.results.naiveBayes.byLabel[l]!;
      return `${l} ${n.correct}/${n.assigned}/${n.cases} | ${b.correct}/${b.cases}`;
    }).join('; ')}`);
  }
  lines.push('', `speed: ${Math.round(perSecond).toLocaleString('en')} headlines/s (one thread)`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const round4 = (x: number) => Math.round(x * 10000) / 10000;
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    model: { file: 'src/sections/model.json', about: model.about, minScore: model.minScore, minMargin: model.minMargin },
    split: SPLIT_RULE,
    trainingHeadlines: training.length,
    metric: 'accuracy = right section / all articles (no section counts as wrong); coverage = given a section / all; precision = right / given a section. uci-held-out: t accepts technology or science.',
    reference: 'multinomial naive Bayes with add-one smoothing and class priors, trained in the same run on the same training headlines, always answers (four classes only)',
    sets: sets.map((s) => ({
      set: s.set,
      cases: s.cases,
      ...Object.fromEntries(
        Object.entries(s.results).map(([k, r]) => [k, { accuracy: round4(r.accuracy), coverage: round4(r.coverage), precision: round4(r.precision), byLabel: r.byLabel }]),
      ),
    })),
    headlinesPerSecond: Math.round(perSecond),
  };
  const file = projectPath('bench/results/sections.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
  process.stdout.write(`results written to ${path.relative(process.cwd(), file)}\n`);
}

main();
