// The checked corrections to the Readability pages' expected bylines (see the JSON's "about").
import fs from 'node:fs';
import { projectPath } from '../../src/paths.js';

export interface BylineCorrections {
  about: string;
  /** Page id → every byline that names the article's author (none: no person is credited). */
  pages: Record<string, { bylines: string[]; evidence: string }>;
}

// Read from the source tree: tsc does not copy JSON next to the compiled benchmark.
const file = projectPath('bench/extract/byline-corrections.json');

export const BYLINE_CORRECTIONS: BylineCorrections = JSON.parse(fs.readFileSync(file, 'utf8')) as BylineCorrections;
