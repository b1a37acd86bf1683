// Fixtures for the extraction tests (test/fixtures/extract/).
import fs from 'node:fs';
import { projectPath } from '../paths.js';

export function fixture(name: string): string {
  return fs.readFileSync(projectPath('test/fixtures/extract', name), 'utf8');
}
