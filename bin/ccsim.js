#!/usr/bin/env node
// Runs the built CLI (dist/, written by `npm run build`, which `npm ci` runs
// through `prepare`) when it is at least as new as every source file; else
// the TypeScript source through tsx. Built code matters for speed: worker
// threads running the source through tsx's loader were measured about 20%
// slower than the same code built (bench/parallel.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const built = new URL('../dist/cli/main.js', import.meta.url);
const source = fileURLToPath(new URL('../src', import.meta.url));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

const builtIsCurrent =
  existsSync(built) && (!existsSync(source) || statSync(fileURLToPath(built)).mtimeMs >= newestMtime(source));

if (builtIsCurrent) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
