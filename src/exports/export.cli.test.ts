import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { prepareDatabase } from '../app/prepare-database.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { describeEachDatabase } from '../testing/test-database.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-export-cli-'));
after(() => rmSync(folder, { recursive: true, force: true }));

// The command tree in this process (src/testing/cli-in-process.ts), on a database prepared as `ctip` prepares it.
describeEachDatabase('ctip template, import csv and export (CLI)', { prepare: prepareDatabase }, (database) => {
  const runCtip = (args: string[]) => runCtipInProcess({ args, handle: database.handle });

  test('template csv prints the header and an example row that import csv accepts', async () => {
    const template = await runCtip(['template', 'csv']);
    assert.equal(template.code, 0, template.stderr);
    const rows = parse(template.stdout, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.program_key, 'npl-shelters-2024');
    const file = path.join(folder, 'template.csv');
    writeFileSync(file, template.stdout);
    const dryRun = await runCtip(['import', 'csv', file, '--dry-run']);
    assert.equal(dryRun.code, 0, dryRun.stderr);
    assert.match(dryRun.stdout, /^Dry run \(nothing written\): read 1 rows: 1 imported/);
    const imported = await runCtip(['import', 'csv', file, '--json']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(JSON.parse(imported.stdout).programs, { created: 1, updated: 0, unchanged: 0, rejected: 0 });
    assert.equal((await runCtip(['template', 'xlsx'])).code, 2);
  });

  test('export csv|json|iati write files; --validate checks the IATI file against the schema', async () => {
    const csvFile = path.join(folder, 'programs.csv');
    const csv = await runCtip(['export', 'csv', '--country', 'NPL', '--out', csvFile]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout, '', 'nothing on stdout with --out');
    // Ids depend on the dry run before (a rolled-back insert still uses an identity value).
    assert.match(readFileSync(csvFile, 'utf8'), /^\uFEFFprogram_key,.*\r\n(\d+),\1,ctip-csv,npl-shelters-2024,.*,2024,250000\.00,\r\n$/);
    const iatiFile = path.join(folder, 'programs.xml');
    const iati = await runCtip(['export', 'iati', '--out', iatiFile, '--validate']);
    assert.equal(iati.code, 0, iati.stderr);
    assert.match(iati.stderr, /valid IATI 2\.03/);
    assert.match(readFileSync(iatiFile, 'utf8'), /<iati-identifier>US-GOV-11-ctip-\d+<\/iati-identifier>/);
    const json = await runCtip(['export', 'json', '--fiscal-year', '2024']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).programs.length, 1);
  });

  test('bad paths, formats and filters get a clear message and a meaningful exit code', async () => {
    const unwritable = await runCtip(['export', 'csv', '--out', path.join(folder, 'no-such-folder', 'x.csv')]);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /Cannot write --out .*x\.csv: the folder does not exist/);
    assert.doesNotMatch(unwritable.stderr, /\n\s+at /);
    const format = await runCtip(['export', 'xlsx']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /Unknown format 'xlsx'/);
    const filter = await runCtip(['export', 'csv', '--country', 'Narnia']);
    assert.equal(filter.code, 2);
    assert.match(filter.stderr, /--country/);
    const validateCsv = await runCtip(['export', 'csv', '--validate']);
    assert.equal(validateCsv.code, 2);
    const missing = await runCtip(['import', 'csv', path.join(folder, 'missing.csv'), '--json']);
    assert.equal(missing.code, 3);
    assert.equal(JSON.parse(missing.stdout).error.code, 'INVALID_FILE');
  });
});
