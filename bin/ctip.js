#!/usr/bin/env node
// `ctip` (npx ctip, npm start): runs the build in dist/ (made by `npm install`, or `npm run build`)
// when it is at least as new as every source file. Otherwise — a checkout edited or updated since
// the last build, or installed with --ignore-scripts — it runs the source itself through tsx, the
// same code, only slower to start, and tells a person at a terminal how to get the fast start back.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist', 'main.js');

/** The newest modification time (ms) of the files a build reads, under `folder`. */
function newestSourceTime(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (/\.(tsx?|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const builtTime = existsSync(built) ? statSync(built).mtimeMs : undefined;
if (builtTime !== undefined && builtTime >= newestSourceTime(path.join(root, 'src'))) {
  await import(built);
} else {
  if (process.stderr.isTTY) {
    const why = builtTime === undefined ? 'dist/ has no build' : 'the source changed since the build in dist/';
    process.stderr.write(`ctip: ${why}; running from source (slower to start). \`npm run build\` makes it fast again.\n`);
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/app/main.ts');
}
