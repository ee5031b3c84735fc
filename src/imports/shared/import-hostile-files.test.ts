import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { programCsvColumns } from '../../exports/program-csv.format.ts';
import { isAppError } from '../../shared/errors.ts';
import { runCtip } from '../../testing/cli.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { countRows, seedForImport } from '../../testing/tip-grants-fixture.ts';
import { importerCases } from './testing/importers.ts';

// Found by the attack run: a NUL inside a ctip-CSV cell ended in an INTERNAL database error
// (exit 1); the ctip-CSV importer read whole files with no line limit (a 4 MB file of 2,000,000
// lines peaked at 1.6 GB before its header was refused; a 50 MB line was parsed); headers of
// 1,000,000 columns kept the CSV importers busy for minutes (quadratic header checks).

const folder = mkdtempSync(path.join(tmpdir(), 'ctip-hostile-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const fixtureText = (fixture: string | (() => string)) => (typeof fixture === 'string' ? readFileSync(fixture, 'utf8') : fixture());

function write(name: string, content: string | Buffer): string {
  const filePath = path.join(folder, name);
  writeFileSync(filePath, content);
  return filePath;
}

/** The fixture with a NUL byte inside the first quoted or plain cell of its third line. */
function withNulOnLine3(text: string): string {
  const lines = text.split('\n');
  lines[2] = lines[2]!.replace(/[A-Za-z]/, (letter) => `${letter}\u0000`);
  return lines.join('\n');
}

const invalidFile = (pattern: RegExp, line?: number) => (error: unknown) => {
  assert.ok(isAppError(error), `an AppError, not ${String(error)}`);
  assert.equal(error.code, 'INVALID_FILE', error.message);
  assert.match(error.message, pattern);
  if (line !== undefined)
    assert.ok(
      error.details?.some((detail) => detail.line === line),
      `names line ${line}: ${JSON.stringify(error.details)}`,
    );
  return true;
};

describeEachDatabase('hostile files: refused as INVALID_FILE naming the line, nothing written', { prepare: seedForImport }, (database) => {
  for (const importer of importerCases) {
    it(`${importer.name}: a NUL byte in a cell is refused naming its line`, async () => {
      const before = await countRows(database.db);
      const filePath = write(`${importer.name}-nul.${importer.kind}`, withNulOnLine3(fixtureText(importer.fixture)));
      await assert.rejects(importer.run({ db: database.db, filePath }), invalidFile(/NUL/, 3));
      assert.deepEqual(await countRows(database.db), before);
    });
  }

  for (const importer of importerCases.filter((candidate) => candidate.kind === 'csv')) {
    it(`${importer.name}: a header of 1,000,000 columns is refused at once with a clear error`, async () => {
      const header = Array.from({ length: 1_000_000 }, (_, index) => `c${index}`).join(',');
      const filePath = write(`${importer.name}-wide.csv`, `${header}\n${'1,'.repeat(999_999)}1\n`);
      await assert.rejects(importer.run({ db: database.db, filePath }), invalidFile(/the header has more than 1000 columns/, 1));
    });
  }
});

it('ctip import csv: a NUL in a cell exits 3 naming the line', () => {
  const filePath = write(
    'cli-nul.csv',
    withNulOnLine3(fixtureText(importerCases.find((importer) => importer.name === 'ctip-csv')!.fixture)),
  );
  const result = runCtip({ args: ['import', 'csv', filePath], dataDir: path.join(folder, 'data-nul') });
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /line 3/);
});

/** Parses a ctip CSV in a child with a small heap: a file-sized buffer or record list crashes it. */
function parseInSmallHeap(filePath: string): { code?: string; message?: string; rows?: number } {
  const child = path.join(import.meta.dirname, '..', 'ctip-csv', 'testing', 'parse-child.ts');
  const result = spawnSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', child, filePath], { encoding: 'utf8' });
  assert.equal(result.status, 0, `the parser crashed: ${result.stderr.split('\n').slice(0, 3).join(' ')}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

it('ctip CSV: a bad header before 2,000,000 lines is refused without reading them, in a small heap', () => {
  const outcome = parseInSmallHeap(write('long.csv', `not,the,layout\n${'x\n'.repeat(2_000_000)}`));
  assert.equal(outcome.code, 'INVALID_FILE');
  assert.match(outcome.message!, /not the ctip program CSV layout/);
});

it('ctip CSV: a 50 MB line is refused at the 10 MiB guard, in a small heap', () => {
  const outcome = parseInSmallHeap(write('wide-line.csv', `${programCsvColumns.join(',')}\n"${'a'.repeat(50 * 1024 * 1024)}"\n`));
  assert.equal(outcome.code, 'INVALID_FILE');
  assert.match(outcome.message!, /line 2 is longer than 10 Mi characters/);
});
