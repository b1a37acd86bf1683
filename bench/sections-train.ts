// Builds the section classifier's model, src/sections/model.json, from the training part of
// the labelled headlines (bench/sections/data.ts) and the hand-written lexicon
// (src/sections/lexicon.ts). Deterministic: the same data gives the same file.
//
//   npm run sections:train
import fs from 'node:fs';
import path from 'node:path';
import { MODEL_FILE } from '../src/sections/classifier.js';
import { LEXICON } from '../src/sections/lexicon.js';
import { trainModel } from '../src/sections/train.js';
import { isHeldOut, loadUci, SECTION_OF_CATEGORY, SPLIT_RULE } from './sections/data.js';

function main(): void {
  const all = loadUci();
  const training = all.filter((h) => !isHeldOut(h.story));
  const about =
    `Learned from ${training.length} headlines of the UCI News Aggregator dataset (clustering-dev; ${SPLIT_RULE}), ` +
    `categories b/t/e/m as business/technology/entertainment/health, plus the hand-written lexicon of src/sections/lexicon.ts. Built by npm run sections:train.`;
  const model = trainModel(training.map((h) => ({ text: h.title, slug: SECTION_OF_CATEGORY[h.category], story: h.story })), LEXICON, about);
  fs.writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 1)}\n`);
  const sizes = Object.entries(model.weights).map(([slug, w]) => `${slug} ${Object.keys(w).length}`).join(', ');
  process.stdout.write(`trained on ${training.length} of ${all.length} headlines; terms per section: ${sizes}\nwritten to ${path.relative(process.cwd(), MODEL_FILE)}\n`);
}

main();
