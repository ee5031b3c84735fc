import assert from 'node:assert/strict';
import { it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../db/database.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedForImport } from '../../testing/tip-grants-fixture.ts';
import { countAll, fixturePath, testActor } from './testing/helpers.ts';
import { importUsaspending } from './usaspending.importer.ts';

const { programs, programObligations, programTransactions, programPartners, organizationIdentifiers, programPlaces } = schema;

describeEachDatabase('USAspending import of the fixture', { prepare: seedForImport }, (database) => {
  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await countAll(database.db);
    const report = await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor, dryRun: true });
    assert.equal(report.dryRun, true);
    assert.deepEqual([report.read, report.created, report.merged, report.rejected, report.skipped], [31, 18, 1, 2, 10]);
    assert.deepEqual(await countAll(database.db), before);
  });

  it('imports awards under the listings, skips the others, and every record is counted once', async () => {
    const report = await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor });
    assert.equal(report.read, report.imported + report.merged + report.rejected + report.skipped + report.unchanged);
    assert.deepEqual(
      [report.read, report.imported, report.merged, report.rejected, report.skipped, report.unchanged],
      [31, 18, 1, 2, 10, 0],
    );
    assert.deepEqual(report.details.listings, ['16.320', '93.327', '93.598']);
    const rows = await database.db.select().from(programs).where(eq(programs.source, 'usaspending'));
    assert.equal(rows.length, 18);
  });

  it('totals per agency and fiscal year match the file, to the cent', async () => {
    const report = await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor, dryRun: true });
    const total = (agency: string, year: number) =>
      report.details.totals.find((entry) => entry.fundingAgencyId === agency && entry.fiscalYear === year);
    // FY2022 DOJ: 400,000.00 + 1,250,000.00 + 80,000.00 (Clipperton); FY2020 DOJ: 599,998.50.
    assert.deepEqual(total('doj', 2022), {
      fundingAgencyId: 'doj',
      fiscalYear: 2022,
      awards: 3,
      obligatedCents: '173000000',
      negativeAwards: 0,
    });
    assert.equal(total('doj', 2020)!.obligatedCents, '59999850');
    assert.equal(total('doj', 2023)!.obligatedCents, '32500025');
    assert.equal(total('hhs', 2024)!.awards, 1, 'an empty fiscal-year column is taken from the base action date (2023-10-02 is FY2024)');
    assert.deepEqual(report.details.unmappedAgencies, [{ name: 'Bureau of Indian Affairs', rows: 1 }]);
  });

  it('a negative total is kept as a transaction; the year obligation is unknown, with a warning', async () => {
    const [program] = await database.db
      .select()
      .from(programs)
      .where(and(eq(programs.source, 'usaspending'), eq(programs.sourceKey, 'ASST_NON_2018VTBXK031_1550')));
    const [obligation] = await database.db.select().from(programObligations).where(eq(programObligations.programId, program!.id));
    assert.equal(obligation!.fiscalYear, 2018);
    assert.equal(obligation!.amountCents, null);
    assert.match(obligation!.amountNote!, /Net deobligation of \$12,500\.00/);
    const transactions = await database.db.select().from(programTransactions).where(eq(programTransactions.programId, program!.id));
    assert.deepEqual(
      transactions.map((row) => [row.transactionType, row.amountMinor, row.currency, row.fiscalYear]),
      [['commitment', -1_250_000n, 'USD', 2018]],
    );
  });

  it('records recipients by UEI, domestic places as USA and foreign ones by code', async () => {
    const identifiers = await database.db.select().from(organizationIdentifiers).where(eq(organizationIdentifiers.scheme, 'uei'));
    const harborlight = identifiers.find((row) => row.value === 'FX1HARBOR0001');
    assert.ok(harborlight);
    const partners = await database.db
      .select({ key: programs.sourceKey, organizationId: programPartners.organizationId })
      .from(programPartners)
      .innerJoin(programs, eq(programs.id, programPartners.programId))
      .where(eq(programs.source, 'usaspending'));
    const byKey = new Map(partners.map((row) => [row.key, row.organizationId]));
    assert.equal(byKey.get('ASST_NON_2019VTBXK014_1550'), harborlight!.organizationId);
    assert.equal(byKey.get('ASST_NON_15POVC22GK00123_1550'), harborlight!.organizationId, 'the same UEI is the same organization');
    assert.equal(byKey.has('ASST_NON_90ZV0999_7590'), false, "'MULTIPLE RECIPIENTS' is not a partner");
    const places = await database.db
      .select({ key: programs.sourceKey, country: programPlaces.countryCode })
      .from(programPlaces)
      .innerJoin(programs, eq(programs.id, programPlaces.programId))
      .where(eq(programs.source, 'usaspending'));
    const placeOf = new Map(places.map((row) => [row.key, row.country]));
    assert.equal(placeOf.get('ASST_NON_2019VTBXK014_1550'), 'USA');
    assert.equal(placeOf.get('ASST_NON_15POVC21GK00555_1550'), 'MEX');
    assert.equal(placeOf.has('ASST_NON_15POVC22GK00666_1550'), false, 'Clipperton Island (GENC CPT) waits for review');
  });

  it('reports every problem with its line, and the names to review', async () => {
    const report = await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor, dryRun: true });
    const at = (line: number) =>
      report.problems.filter((problem) => problem.line === line).map((problem) => `${problem.severity}:${problem.field}`);
    assert.deepEqual(at(25), ['error:funding_agency_name']);
    assert.deepEqual(at(32), ['error:row']);
    assert.deepEqual(at(31), ['warning:assistance_award_unique_key']);
    assert.deepEqual(at(24), ['info:recipient_uei']);
    assert.ok(report.unresolvedNames.some((entry) => entry.kind === 'place' && entry.name === 'CLIPPERTON ISLAND'));
    assert.ok(report.unresolvedNames.some((entry) => entry.kind === 'organization' && entry.name === 'FUNDACIÓN ESPERANZA DEL VALLE'));
    assert.ok(
      !report.unresolvedNames.some((entry) => entry.name === 'INTERNATIONAL ORGANIZATION FOR MIGRATION'),
      'a reviewed alias resolves',
    );
  });

  it('a second import changes nothing: all unchanged', async () => {
    const before = await countAll(database.db);
    const report = await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor });
    assert.deepEqual([report.imported, report.merged, report.unchanged, report.rejected, report.skipped], [0, 0, 19, 2, 10]);
    const after = await countAll(database.db);
    assert.deepEqual({ ...after, import_runs: 0 }, { ...before, import_runs: 0 });
  });

  it('keeps only the listings given', async () => {
    const report = await importUsaspending({
      db: database.db,
      filePath: fixturePath,
      actor: testActor,
      listings: ['16.575'],
      dryRun: true,
    });
    assert.deepEqual(
      [report.imported, report.skipped, report.rejected],
      [1, 29, 1],
      'the broken row is rejected before its listing is read',
    );
    await assert.rejects(
      importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor, listings: ['16320'] }),
      /listings must be numbers like 16\.320/,
    );
  });
});
