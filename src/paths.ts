// Where the project's own files are at run time. Code runs from dist/src/…, while
// non-code assets (CSS, demo content) stay in the source tree.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The package's root folder (the one with package.json). */
export const PROJECT_ROOT = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

export function projectPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}
