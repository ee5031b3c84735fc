import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { schema, type Executor } from '../../db/database.ts';
import { isAppError } from '../../shared/errors.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedForImport } from '../../testing/tip-grants-fixture.ts';
import { countAll, scratchFolder, testActor, writeVariant } from '../usaspending/testing/helpers.ts';
import { importForeignAssistance } from './foreignassistance.importer.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const realSample = path.join(fixtures, 'fa-gov-real-sample.csv');
const fictional = path.join(fixtures, 'fa-gov-trafficking-fictional.csv');
const folder = scratchFolder('ctip-fa-');
after(() => rmSync(folder, { recursive: true, force: true }));
const { programs, programObligations, programTransactions, programPlaces } = schema;

async function programOf(db: Executor, activityId: string) {
  const [program] = await db
    .select()
    .from(programs)
    .where(and(eq(programs.source, 'foreignassistance'), eq(programs.sourceKey, `activity-${activityId}`)));
  return program!;
}

describeEachDatabase('ForeignAssistance.gov import', { prepare: seedForImport }, (database) => {
  const run = (filePath: string, dryRun = false) => importForeignAssistance({ db: database.db, filePath, actor: testActor, dryRun });

  it('the 7 real rows are about other things: all skipped, nothing written', async () => {
    const before = await countAll(database.db);
    const report = await run(realSample);
    assert.deepEqual([report.read, report.skipped, report.imported, report.details.activities], [7, 7, 0, 0]);
    assert.deepEqual({ ...(await countAll(database.db)), import_runs: 0 }, { ...before, import_runs: 0 });
  });

  it('a dry run says what would happen and writes nothing', async () => {
    const before = await countAll(database.db);
    const report = await run(fictional, true);
    assert.deepEqual(
      [report.read, report.created, report.merged, report.rejected, report.skipped],
      [15, 6, 6, 2, 1],
      "a lower-case 'tip' is not a rule match: skipped",
    );
    assert.deepEqual(await countAll(database.db), before);
  });

  it('groups rows by activity, keeps obligations and disbursements, obligations by year exact to the cent', async () => {
    const report = await run(fictional);
    assert.equal(report.read, report.imported + report.merged + report.rejected + report.skipped + report.unchanged);
    assert.deepEqual(
      report.details.rulesMatched.map((entry) => [entry.rule, entry.activities]),
      [
        ['managing-bureau-tip', 4],
        ['us-sector-trafficking', 1],
        ['keyword-forced-labor', 1],
      ],
    );
    const nepal = await programOf(database.db, '900001');
    assert.equal(nepal.fundingAgencyId, 'state-tip');
    const obligations = await database.db
      .select()
      .from(programObligations)
      .where(eq(programObligations.programId, nepal.id))
      .orderBy(programObligations.fiscalYear);
    assert.deepEqual(
      obligations.map((row) => [row.fiscalYear, row.amountCents]),
      [
        [2022, 50_000_000n],
        [2023, 25_000_050n],
      ],
    );
    const transactions = await database.db
      .select()
      .from(programTransactions)
      .where(eq(programTransactions.programId, nepal.id))
      .orderBy(programTransactions.id);
    assert.deepEqual(
      transactions.map((row) => [row.transactionType, row.fiscalYear, row.valueDate, row.amountMinor]),
      [
        ['commitment', 2022, '2022-09-15', 50_000_000n],
        ['commitment', 2023, '2023-06-20', 25_000_050n],
        ['disbursement', 2023, '2022-11-01', 30_000_000n],
        ['disbursement', 2024, '2024-01-10', 20_000_000n],
      ],
    );
    assert.ok(report.problems.some((problem) => problem.line === 5 && /199999\.995' has more than two decimals/.test(problem.message)));
  });

  it('a year with net deobligations is unknown with a warning; places by code, name or region', async () => {
    const cambodia = await programOf(database.db, '900002');
    const obligations = await database.db
      .select()
      .from(programObligations)
      .where(eq(programObligations.programId, cambodia.id))
      .orderBy(programObligations.fiscalYear);
    assert.deepEqual(
      obligations.map((row) => [row.fiscalYear, row.amountCents]),
      [
        [2021, 150_000_000n],
        [2022, null],
        [2023, null],
      ],
    );
    const placeOf = async (id: string) =>
      (
        await database.db
          .select()
          .from(programPlaces)
          .where(eq(programPlaces.programId, (await programOf(database.db, id)).id))
      ).map((row) => row.countryCode ?? row.regionCode);
    assert.deepEqual(await placeOf('900004'), ['MMR'], 'Burma by name');
    assert.deepEqual(await placeOf('900006'), ['202'], 'Sub-Saharan Africa Region');
    assert.deepEqual(await placeOf('900007'), []);
  });

  it('rejects rows with an unmapped agency or a bad amount, with their line', async () => {
    const report = await run(fictional, true);
    const errors = report.problems.filter((problem) => problem.severity === 'error').map((problem) => [problem.line, problem.field]);
    assert.deepEqual(errors, [
      [12, 'Managing Agency Name'],
      [16, 'Current Dollar Amount'],
    ]);
    assert.deepEqual(report.details.unmappedAgencies, [{ name: 'Millennium Challenge Corporation', rows: 1 }]);
    assert.ok(report.unresolvedNames.some((entry) => entry.kind === 'place' && entry.name === 'Northern Atolls Territory'));
  });

  it('a second import changes nothing', async () => {
    const before = await countAll(database.db);
    const report = await run(fictional);
    assert.deepEqual([report.imported, report.merged, report.unchanged, report.rejected], [0, 0, 12, 2]);
    assert.deepEqual({ ...(await countAll(database.db)), import_runs: 0 }, { ...before, import_runs: 0 });
  });

  it('refuses the CSIS PDF-extracted budget CSV as an unknown layout, and reads UTF-16 and Windows-1252', async () => {
    await assert.rejects(
      run(path.join(fixtures, 'csis-state-budget-FY2008.csv')),
      (error) =>
        isAppError(error) &&
        error.code === 'INVALID_FILE' &&
        /^Unknown layout: this is not the ForeignAssistance\.gov complete dataset layout .*unexpected columns 'Country ', 'Total'/.test(
          error.message,
        ),
    );
    const text = readFileSync(fictional, 'utf8').replace('Nepal–India', 'Népal–India');
    const utf16 = await run(
      writeVariant(folder, 'le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])),
      true,
    );
    const cp1252 = await run(writeVariant(folder, 'cp.csv', iconv.encode(text, 'windows-1252')), true);
    assert.deepEqual([utf16.encoding, cp1252.encoding, utf16.updated, cp1252.updated], ['utf-16le', 'windows-1252', 1, 1]);
  });
});
