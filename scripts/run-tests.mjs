// Runs every test file once with node's test runner, against PGlite and a throwaway PostgreSQL
// cluster this script starts (and stops). Prints the runner's summary and "N passed, N failed".
// As many files run at once as the machine has cores (CTIP_TEST_CONCURRENCY overrides), the
// slowest first so that no long file starts last; test databases are cloned from migrated
// templates prepared once here (src/testing/test-templates.ts).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestEntry } from './build-test-entry.mjs';
import { findPostgresBinaries, startPostgresCluster } from './postgres-cluster.mjs';

const root = path.resolve(import.meta.dirname, '..');

function findTestFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return findTestFiles(full);
    return /\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

// The files that take longest (measured on the 2-core machine), slowest first: started last,
// one of them would run alone at the end while the other cores idle.
const slowestFirst = [
  'src/app/crash-safety.test.ts',
  'src/app/command-server.test.ts',
  'src/app/backup.cli.test.ts',
  'src/accounts/authorization-matrix.test.ts',
  'src/db/backup.test.ts',
  'src/app/fuzz-routes.test.ts',
  'src/accounts/web/accounts.browser.test.ts',
  'src/accounts/restricted-leak.test.ts',
].map((file) => path.join(root, file));

function slowFirst(files) {
  const rank = (file) => {
    const index = slowestFirst.indexOf(path.resolve(root, file));
    return index < 0 ? slowestFirst.length : index;
  };
  return [...files].sort((a, b) => rank(a) - rank(b));
}

const requested = process.argv.slice(2);
const files = slowFirst(requested.length ? requested : findTestFiles(path.join(root, 'src')).sort());
const concurrency = Number(process.env.CTIP_TEST_CONCURRENCY) || os.availableParallelism();
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

// Tests that start ctip processes start this compiled entry point (src/testing/ctip-entry.ts).
const entry = await buildTestEntry();
environment.CTIP_TEST_ENTRY = entry;

const templates = mkdtempSync(path.join(os.tmpdir(), 'ctip-test-templates-'));
try {
  const prepared = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'src/testing/test-templates.ts', path.join(templates, 'pglite.tar')],
    { cwd: root, env: environment, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  Object.assign(environment, JSON.parse(prepared));
} catch (error) {
  await cluster?.stop();
  rmSync(templates, { recursive: true, force: true });
  rmSync(entry, { force: true });
  console.error(`Could not prepare the test databases' templates: ${error.message}`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files],
  {
    cwd: root,
    env: environment,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
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
rmSync(templates, { recursive: true, force: true });
rmSync(entry, { force: true });

console.log(`${summary.pass ?? 0} passed, ${summary.fail ?? 0} failed`);
process.exit(exitCode);
