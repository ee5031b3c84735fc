import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import type { Database } from '../../db/database.ts';
import { encodeCsvRecord, programCsvColumns, type ProgramCsvColumn } from '../../exports/program-csv.format.ts';
import { isAppError } from '../../shared/errors.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { countRows, testActor } from '../../testing/tip-grants-fixture.ts';
import { selectRows } from '../../db/select-rows.ts';
import { importCtipCsv } from './ctip-csv.importer.ts';
import { renderCsvTemplate, templateExampleRow } from './ctip-csv.template.ts';
import { seedDatabase } from './testing/ctip-csv-fixture.ts';

const header = `${programCsvColumns.join(',')}\r\n`;

/** A file of the template's example row with some cells changed, one row per override. */
function csvOf(...overrides: Partial<Record<ProgramCsvColumn, string>>[]): string {
  return header + overrides.map((override) => encodeCsvRecord({ ...templateExampleRow, ...override })).join('');
}

async function rejectsAsInvalidFile(db: Database, content: string | Uint8Array, pattern: RegExp) {
  await assert.rejects(
    () => importCtipCsv({ db, content, actor: testActor }),
    (error) => isAppError(error) && error.code === 'INVALID_FILE' && pattern.test(error.message),
  );
}

describeEachDatabase('ctip CSV import: bad input', { prepare: ({ db }) => seedDatabase(db) }, (testDatabase) => {
  it('refuses an unknown column layout, naming the missing and unexpected columns, and writes nothing', async () => {
    const before = await countRows(testDatabase.db);
    await rejectsAsInvalidFile(
      testDatabase.db,
      'name,fiscal year,cowcode,grant\r\nNepal,2004,790,1\r\n',
      /missing columns 'program_key'.*unexpected columns 'name', 'fiscal year', 'cowcode', 'grant'/,
    );
    await rejectsAsInvalidFile(testDatabase.db, header.replace('title', 'title,title'), /repeated columns 'title'/);
    await rejectsAsInvalidFile(testDatabase.db, '', /empty/);
    assert.deepEqual(await countRows(testDatabase.db), before);
  });

  it('refuses malformed CSV with the line of the broken quote', async () => {
    const broken = csvOf({}) + `x,,,,"Unclosed title,${','.repeat(15)}\r\n`;
    await rejectsAsInvalidFile(testDatabase.db, broken, /not valid CSV at line \d+: a quoted field is never closed/);
    await rejectsAsInvalidFile(testDatabase.db, header + 'a,"b"c,,,,,,,,,,,,,,,,,,,\r\n', /quote closes a field in the middle/);
    await rejectsAsInvalidFile(testDatabase.db, header + 'a,b\r\n', /different number of fields/);
  });

  it('rejects a negative amount and an unknown country code with line and field, writing nothing', async () => {
    const before = await countRows(testDatabase.db);
    const content = csvOf(
      { program_key: 'a', obligation_usd: '-5000' },
      { program_key: 'b', places: 'XXX=50; NPL=50' },
      { program_key: 'c', places: 'Narnia land' },
    );
    const report = await importCtipCsv({ db: testDatabase.db, content, actor: testActor });
    assert.deepEqual({ read: report.read, rejected: report.rejected, imported: report.imported }, { read: 3, rejected: 3, imported: 0 });
    assert.deepEqual(
      report.problems.map(({ line, field }) => ({ line, field })),
      [
        { line: 2, field: 'obligation_usd' },
        { line: 3, field: 'places' },
        { line: 4, field: 'places' },
      ],
    );
    assert.match(report.problems[0]!.message, /negative/);
    assert.match(report.problems[1]!.message, /unknown country code 'XXX'/);
    assert.match(report.problems[2]!.message, /not a place code/);
    const after = await countRows(testDatabase.db);
    assert.deepEqual({ ...after, import_runs: 0 }, { ...before, import_runs: 0 });
  });

  it('rejects a program whose rows disagree, unknown codes, bad dates and an id this database does not hold', async () => {
    const content = csvOf(
      { program_key: 'p1', fiscal_year: '2024' },
      { program_key: 'p1', fiscal_year: '2025', title: 'Another title' },
      { program_key: 'p2', funding_agency: 'nasa', pillars: 'protection; magic', start_date: '1/10/2023' },
      { program_key: 'p3', id: '987654' },
      { program_key: '', title: 'No key' },
      { program_key: 'p4', fiscal_year: '24' },
    );
    const report = await importCtipCsv({ db: testDatabase.db, content, actor: testActor });
    assert.equal(report.rejected, 6);
    const messages = report.problems.map((problem) => `${problem.line} ${problem.field}: ${problem.message}`);
    assert.ok(
      messages.some((message) => /^3 title: differs from line 2/.test(message)),
      messages.join('\n'),
    );
    assert.ok(messages.some((message) => /^4 funding_agency: unknown agency 'nasa'/.test(message)));
    assert.ok(messages.some((message) => /^4 pillars: unknown code 'magic'/.test(message)));
    assert.ok(messages.some((message) => /^4 start_date: must be a date/.test(message)));
    assert.ok(messages.some((message) => /^5 id: program 987654 does not exist/.test(message)));
    assert.ok(messages.some((message) => /^6 program_key: program_key is empty/.test(message)));
    assert.ok(messages.some((message) => /^7 fiscal_year: '24' is not a fiscal year/.test(message)));
  });

  it('imports the template, removes formula-protection apostrophes, and a dry run writes nothing', async () => {
    const dry = await importCtipCsv({ db: testDatabase.db, content: renderCsvTemplate(), actor: testActor, dryRun: true });
    assert.deepEqual(dry.programs, { created: 1, updated: 0, unchanged: 0, rejected: 0 });
    assert.equal((await countRows(testDatabase.db)).programs, 0);
    const content = csvOf({ program_key: 'f', title: '=HYPERLINK("http://x","y")' }, { program_key: 'g', title: "'=not a formula" });
    assert.match(content, /,"'=HYPERLINK\(""http:\/\/x"",""y""\)",/);
    const report = await importCtipCsv({ db: testDatabase.db, content, actor: testActor });
    assert.deepEqual(report.programs, { created: 2, updated: 0, unchanged: 0, rejected: 0 });
    const rows = await selectRows<{ title: string }>(
      testDatabase.db,
      sql`SELECT title FROM programs WHERE source = 'ctip-csv' AND source_key IN ('f', 'g') ORDER BY source_key`,
    );
    assert.deepEqual(
      rows.map((row) => row.title),
      ['=HYPERLINK("http://x","y")', "'=not a formula"],
    );
  });

  it('reads a Windows-1252 file with a warning, and updates by program_key on a second import', async () => {
    const content = csvOf({ program_key: 'cote', title: "Côte d'Ivoire shelters" });
    const first = await importCtipCsv({ db: testDatabase.db, content: iconv.encode(content, 'windows-1252'), actor: testActor });
    assert.equal(first.encoding, 'windows-1252');
    assert.match(first.problems[0]!.message, /not valid UTF-8/);
    const second = await importCtipCsv({
      db: testDatabase.db,
      content: csvOf({ program_key: 'cote', title: "Côte d'Ivoire shelters", obligation_usd: '1,250.5' }),
      actor: testActor,
    });
    assert.deepEqual(second.programs, { created: 0, updated: 1, unchanged: 0, rejected: 0 });
  });
});
