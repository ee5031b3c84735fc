import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCtip as runCtipIn } from '../testing/cli.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ctip-cli-'));

/** Runs the real `ctip` executable (bin/ctip.js) on an embedded database in a temporary folder. */
function runCtip(args: string[], environment: Record<string, string> = {}) {
  return runCtipIn({ args, dataDir: dataDir, environment, executable: true });
}

describe('ctip CLI', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('db migrate prepares the embedded database', () => {
    const result = runCtip(['db', 'migrate', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { migrated: true, database: 'pglite' });
  });

  test('stats --json prints the summary object', () => {
    const result = runCtip(['stats', '--fy', '2004', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.equal(summary.fiscalYear, 2004);
    assert.equal(typeof summary.programs, 'number');
    assert.equal(typeof summary.obligatedUsd, 'number');
  });

  test('bad input gets a clear message and a meaningful exit code, no stack trace', () => {
    const badYear = runCtip(['stats', '--fy', 'last-year']);
    assert.equal(badYear.code, 2);
    assert.match(badYear.stderr, /--fiscal-year last-year/);
    assert.doesNotMatch(badYear.stderr, /\n\s+at /);

    const missing = runCtip(['programs', 'show', '424242', '--json']);
    assert.equal(missing.code, 5);
    assert.equal(JSON.parse(missing.stdout).error.code, 'NOT_FOUND');

    const badFilter = runCtip(['programs', 'list', '--country', 'Narnia']);
    assert.equal(badFilter.code, 2);
    assert.match(badFilter.stderr, /--country/);

    const unknownCommand = runCtip(['frobnicate']);
    assert.equal(unknownCommand.code, 2);
  });

  test('an invalid setting stops the CLI at boot, naming every problem', () => {
    const result = runCtip(['stats', '--fy', '2004'], { PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /PORT/);
    assert.match(result.stderr, /DATABASE_URL/);
  });
});
