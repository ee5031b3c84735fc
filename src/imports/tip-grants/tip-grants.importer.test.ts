import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import { getProgramById, listProgramHistory } from '../../programs/program.service.ts';
import { systemViewer } from '../../shared/actor.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { importTipGrants, type TipGrantsImportReport } from './tip-grants.importer.ts';
import { countRows, excerptPath, seedForImport, testActor } from '../../testing/tip-grants-fixture.ts';
import { selectRows } from '../../db/select-rows.ts';

/*
 * Fixture line → line of funding_original.csv: 2→2, 3→3, 4→6, 5→12, 6→20, 7→26, 8→29, 9→31,
 * 10→67, 11→68, 12→270, 13→307, 14→457, 15→458, 16→471, 17→615, 18→774, 19→807, 20→827,
 * 21→964, 22→1005, 23→1311, 24→1312, 25→1385, 26→1714, 27→1902, 28→1933, 29→2037, 30→2207,
 * 31→2641, 32→2901, 33→2975, 34→3306, 35→3478, 36→3570, 37→3834, 38→3835, 39→4206, 40→4239,
 * 41→4241, 42→4281.
 */

type ProgramRow = {
  id: number;
  title: string;
  source_record: { lines: number[]; regional: boolean | null; recipientIsSubgrantee: boolean | null };
};

async function programOfLine(db: Parameters<typeof selectRows>[0], line: number): Promise<ProgramRow> {
  const rows = await selectRows<ProgramRow>(
    db,
    sql`SELECT id, title, source_record FROM programs WHERE source = 'tip-grants' AND (source_record->'lines') @> ${JSON.stringify([line])}::jsonb`,
  );
  assert.equal(rows.length, 1, `one program for fixture line ${line}`);
  return rows[0]!;
}

function problemsOf(report: TipGrantsImportReport, line: number) {
  return report.problems.filter((problem) => problem.line === line);
}

describeEachDatabase('importTipGrants on the excerpt', { prepare: seedForImport }, (database) => {
  let first: TipGrantsImportReport;

  it('accounts for every row: imported, merged, rejected, skipped', async () => {
    first = await importTipGrants({ db: database.db, filePath: excerptPath, actor: testActor });
    const { read, imported, merged, rejected, skipped, unchanged } = first;
    assert.deepEqual(
      { read, imported, merged, rejected, skipped, unchanged },
      { read: 41, imported: 30, merged: 3, rejected: 3, skipped: 5, unchanged: 0 },
    );
    assert.equal(imported + merged + rejected + skipped + unchanged, read);
    assert.equal(first.encoding, 'utf-8');
    const counts = await countRows(database.db);
    assert.equal(counts.programs, 30);
    assert.equal(counts.program_history, 30, 'one create entry per program');
    assert.equal(counts.import_runs, 1);
  });

  it('rejects grant rows without a recipient and rows with an empty grant flag that list a grant, saying why', () => {
    assert.match(problemsOf(first, 17)[0]!.message, /must name its recipient/);
    assert.match(problemsOf(first, 42)[0]!.message, /subgrantee column says 'IOM'/);
    assert.match(problemsOf(first, 32)[0]!.message, /grant flag is empty but the row lists a grant/);
    for (const line of [17, 32, 42]) assert.equal(problemsOf(first, line)[0]!.severity, 'error');
  });

  it('skips grant=0, empty and cross-reference rows, and says so when a skipped row names a grant', () => {
    assert.deepEqual(problemsOf(first, 6), []);
    assert.match(problemsOf(first, 30)[0]!.message, /grant is 0 although/);
    assert.match(problemsOf(first, 13)[0]!.message, /refers to a grant listed elsewhere/);
    assert.match(problemsOf(first, 11)[0]!.message, /grant flag is empty and the row lists no grant/);
  });

  it('merges exact duplicates into the first program, counting the amount once', async () => {
    const program = await programOfLine(database.db, 23);
    assert.deepEqual(program.source_record.lines, [23, 24]);
    assert.match(problemsOf(first, 24)[0]!.message, /exact duplicate of line 23/);
    const detail = await getProgramById({ db: database.db, id: program.id, viewer: systemViewer });
    assert.deepEqual(detail.obligations, [{ fiscalYear: 2004, amountCents: '20000000', amountNote: null }]);
    assert.deepEqual(detail.assistanceTypes, ['research'], 'research=1 maps to the research assistance type');
  });

  it('parses money exactly and stores ambiguous or prose amounts as unknown, with the original text', async () => {
    const amount = async (line: number) =>
      (await getProgramById({ db: database.db, id: (await programOfLine(database.db, line)).id, viewer: systemViewer })).obligations[0]!;
    assert.deepEqual(await amount(36), { fiscalYear: 2004, amountCents: '130000000', amountNote: null });
    assert.deepEqual(await amount(20), { fiscalYear: 2005, amountCents: '1424800', amountNote: null });
    assert.deepEqual(await amount(39), { fiscalYear: 2009, amountCents: '660000000', amountNote: null });
    assert.deepEqual(await amount(29), { fiscalYear: 2007, amountCents: '36740000', amountNote: null });
    assert.deepEqual(await amount(31), { fiscalYear: 2014, amountCents: '55000000', amountNote: null });
    assert.deepEqual(await amount(12), { fiscalYear: 2003, amountCents: null, amountNote: '$65,676,50' });
    assert.deepEqual(await amount(35), { fiscalYear: 2003, amountCents: null, amountNote: '$2,500,00' });
    assert.deepEqual(await amount(2), { fiscalYear: 2002, amountCents: null, amountNote: 'Not Listed' });
    assert.equal((await amount(33)).amountNote, 'Cannot determine trafficking portion due to multi-donor effort');
    assert.equal(problemsOf(first, 12)[0]!.severity, 'warning');
    assert.match(problemsOf(first, 12)[0]!.message, /ambiguous.*not guessed/);
  });

  it('attaches regional and global rows to regions, not countries', async () => {
    const places = async (line: number) =>
      (await getProgramById({ db: database.db, id: (await programOfLine(database.db, line)).id, viewer: systemViewer })).places;
    const southernAfrica = await places(8);
    assert.equal(southernAfrica.length, 1);
    assert.equal(southernAfrica[0]!.countryCode, null);
    assert.ok(southernAfrica[0]!.regionCode);
    const global = await places(23);
    assert.equal(global.length, 1);
    assert.equal(global[0]!.countryCode, null);
    const westernHemisphere = await places(39);
    assert.ok(westernHemisphere.every((place) => place.countryCode === null && place.regionCode));
    const afghanistan = await places(3);
    assert.deepEqual(
      afghanistan.map((place) => place.countryCode),
      ['AFG'],
    );
    const flagged = await programOfLine(database.db, 26);
    assert.equal(flagged.source_record.regional, true, 'regional=1 is kept as a flag');
    assert.match(problemsOf(first, 10)[0]!.message, /not a known region or country/);
  });

  it('resolves historical and odd country spellings (Zaire, the damaged "Cote D?Ivoire", East Timor, Kosovo, Taiwan, Yugoslavia)', async () => {
    const codes: Record<number, string> = {};
    for (const line of [18, 19, 22, 28, 34, 41]) {
      const detail = await getProgramById({ db: database.db, id: (await programOfLine(database.db, line)).id, viewer: systemViewer });
      codes[line] = detail.places[0]!.countryCode ?? detail.places[0]!.regionCode!;
    }
    assert.equal(codes[18], 'COD');
    assert.equal(codes[19], 'CIV');
    assert.equal(codes[22], 'TLS');
    assert.equal(codes[34], 'TWN');
    assert.ok(codes[28], 'Kosovo resolves');
    assert.ok(codes[41], 'Yugoslavia resolves');
  });

  it('resolves recipient spellings through reviewed aliases and files the others for review', async () => {
    const partnerOf = async (line: number) => {
      const detail = await getProgramById({ db: database.db, id: (await programOfLine(database.db, line)).id, viewer: systemViewer });
      return detail.partners;
    };
    const ilo = (await partnerOf(35))[0]!;
    assert.equal(ilo.name, 'International Labour Organization');
    assert.equal((await partnerOf(39))[0]!.organizationId, ilo.organizationId, 'ILO/IPEC and ILO-IPEC are one organization');
    assert.equal((await partnerOf(19))[0]!.organizationId, ilo.organizationId);
    assert.equal(
      (await partnerOf(12))[0]!.name,
      'U.S. Department of Justice, Office of Overseas Prosecutorial Development, Assistance and Training (OPDAT)',
    );
    assert.equal((await partnerOf(41))[0]!.name, 'Catholic Relief Services');
    const taiwan = await partnerOf(34);
    assert.deepEqual(
      taiwan.map((partner) => partner.role).sort(),
      ['prime', 'sub'],
      'a subgrantee naming a reviewed organization becomes a sub partner',
    );
    assert.deepEqual(await partnerOf(16), [], "a recipient given as 'TBD' names no partner");
    const unresolved = first.unresolvedNames.filter((entry) => entry.kind === 'organization').map((entry) => entry.name);
    assert.ok(unresolved.includes('Afghan Women Skills Development Center'));
    assert.ok(!unresolved.includes('IOM'));
    const [created] = await selectRows<{ reviewed: boolean; type_code: string | null }>(
      database.db,
      sql`SELECT reviewed, type_code FROM organizations WHERE name = 'Afghan Women Skills Development Center'`,
    );
    assert.deepEqual(created, { reviewed: false, type_code: null });
  });

  it('gives readable titles, status and provenance, and records history through the import door', async () => {
    const program = await programOfLine(database.db, 3);
    const detail = await getProgramById({ db: database.db, id: program.id, viewer: systemViewer });
    assert.equal(detail.title, 'IOM — Afghanistan, FY2003');
    assert.equal(detail.status, 'completed');
    assert.equal(detail.fundingAgency.id, 'state-tip');
    assert.deepEqual(detail.pillars, ['prevention', 'prosecution', 'protection']);
    assert.equal(detail.source, 'tip-grants');
    const history = await listProgramHistory({ db: database.db, id: program.id, viewer: systemViewer });
    assert.deepEqual(
      history.map((entry) => [entry.action, entry.door, entry.actor]),
      [['create', 'import', 'test']],
    );
  });

  it('changes nothing on a second import of the same file', async () => {
    const before = await countRows(database.db);
    const second = await importTipGrants({ db: database.db, filePath: excerptPath, actor: testActor });
    const { read, imported, merged, rejected, skipped, unchanged } = second;
    assert.deepEqual(
      { read, imported, merged, rejected, skipped, unchanged },
      { read: 41, imported: 0, merged: 0, rejected: 3, skipped: 5, unchanged: 33 },
    );
    const after = await countRows(database.db);
    assert.deepEqual({ ...after, import_runs: before.import_runs }, before, 'only the import run is recorded');
    assert.equal(after.import_runs, before.import_runs + 1);
  });

  it('writes nothing on a dry run', async () => {
    const before = await countRows(database.db);
    const report = await importTipGrants({
      db: database.db,
      filePath: excerptPath,
      actor: testActor,
      fundingAgencyId: 'usaid',
      dryRun: true,
    });
    assert.equal(report.dryRun, true);
    assert.equal(report.imported, 30, 'another funding agency would update every program');
    assert.deepEqual(await countRows(database.db), before);
  });
});
