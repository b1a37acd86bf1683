#!/usr/bin/env node
// The `newsroom` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the package's `prepare` script); this file only hands over to the compiled CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('newsroom: the compiled sources are missing (dist/). Run `npm install` or `npm run build` first.');
  process.exit(1);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
