// Runs every test file once with node's test runner, against PGlite and a throwaway PostgreSQL
// cluster this script starts (and stops). Prints the runner's summary and "N passed, N failed".
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findPostgresBinaries, startPostgresCluster } from './postgres-cluster.mjs';

const root = path.resolve(import.meta.dirname, '..');

function findTestFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return findTestFiles(full);
    return /\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const requested = process.argv.slice(2);
const files = requested.length ? requested : findTestFiles(path.join(root, 'src')).sort();
const environment = { ...process.env };
let cluster;
const wantsPostgres = !(process.env.CTIP_TEST_DATABASES ?? 'pglite,postgres').split(',').every((kind) => kind !== 'postgres');
if (wantsPostgres) {
  if (findPostgresBinaries()) {
    cluster = await startPostgresCluster();
    environment.CTIP_TEST_POSTGRES_URL = cluster.url;
    console.log(`PostgreSQL test cluster: ${cluster.url}`);
  } else if (process.env.CI) {
    console.error('No PostgreSQL server binaries found; CI must test on PostgreSQL (run scripts/install-system-packages.sh).');
    process.exit(1);
  } else {
    console.warn('No PostgreSQL server binaries found: testing on PGlite only (scripts/install-system-packages.sh installs them).');
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  cwd: root,
  env: environment,
  stdio: ['ignore', 'pipe', 'inherit'],
});
// Keep the runner's own summary lines ("ℹ pass 18"), wherever they fall in the output.
const summary = {};
let partialLine = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (partialLine + chunk.toString()).split('\n');
  partialLine = lines.pop() ?? '';
  for (const line of lines) {
    const match = /^ℹ (pass|fail) (\d+)$/.exec(line.trim());
    if (match) summary[match[1]] = Number(match[2]);
  }
});
const exitCode = await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
await cluster?.stop();

console.log(`${summary.pass ?? 0} passed, ${summary.fail ?? 0} failed`);
process.exit(exitCode);
