// Test fixtures live in test/fixtures/ in the source tree (tests run from dist/).
import fs from 'node:fs';
import { projectPath } from '../../src/paths.js';

export function fixtureBytes(...parts: string[]): Buffer {
  return fs.readFileSync(projectPath('test/fixtures', ...parts));
}

export function fixtureText(...parts: string[]): string {
  return fixtureBytes(...parts).toString('utf8');
}
