import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { insertTestOrganization } from '../testing/fixtures.ts';
import { createProgram } from '../programs/program.service.ts';
import type { ProgramInput } from '../programs/program.schemas.ts';
import { publicViewer, systemViewer } from '../shared/actor.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { viewerOf } from '../testing/viewers.ts';
import { csvCell, overlapReportCsv } from './portfolio-csv.ts';
import { getOverlapReport } from './portfolio-report.ts';
import { prepareCoordinationData } from './testing/coordination-fixture.ts';

describeEachDatabase('portfolio overlap report', { prepare: ({ db }) => prepareCoordinationData(db) }, (database) => {
  const ids: Record<string, number> = {};
  before(async () => {
    const { db } = database;
    const shelter = await insertTestOrganization({ db, name: 'Shelter Nepal' });
    const girls = await insertTestOrganization({ db, name: 'Girls First Nepal' });
    const mallory = await insertTestOrganization({ db, name: 'Mallory Associates' });
    const nepal = (overrides: Partial<ProgramInput>) =>
      buildProgramInput({ places: [{ countryCode: 'NPL' }], pillars: ['protection'], startDate: null, endDate: null, ...overrides });
    const year = (fiscalYear: number, amountCents: number) => [{ fiscalYear, amountCents, amountNote: null }];
    const create = async (key: string, input: ProgramInput) => (ids[key] = (await createProgram({ db, actor: testActor, input })).id);
    await create(
      'state',
      nepal({
        title: 'Shelter and reintegration services — Nepal, FY2004',
        partners: [{ organizationId: shelter, role: 'prime' }],
        obligations: year(2004, 25_000_000),
      }),
    );
    await create(
      'usaid',
      nepal({
        title: 'Shelter and reintegration services — Nepal, FY2004',
        fundingAgencyId: 'usaid',
        partners: [{ organizationId: shelter, role: 'prime' }],
        obligations: year(2004, 10_000_001),
      }),
    );
    await create(
      'ilab',
      nepal({
        title: 'Shelter and reintegration services for girls in Nepal',
        fundingAgencyId: 'dol-ilab',
        partners: [{ organizationId: girls, role: 'prime' }],
        obligations: year(2004, 5_000_000),
      }),
    );
    await create(
      'hhs',
      nepal({ title: 'Restricted shelter grant', fundingAgencyId: 'hhs', visibility: 'restricted', obligations: year(2004, 1_000_000) }),
    );
    await create(
      'outside',
      nepal({ title: 'Shelter and reintegration services — Nepal, FY2009', fundingAgencyId: 'usaid', obligations: year(2009, 7_000_000) }),
    );
    for (const key of ['evil1', 'evil2']) {
      await create(
        key,
        buildProgramInput({
          title: '=HYPERLINK("http://example.invalid","click")',
          places: [{ countryCode: 'BGD' }],
          partners: [{ organizationId: mallory, role: 'prime' }],
          obligations: year(2005, 100),
        }),
      );
    }
  });

  test('fragmentation, duplication and overlap by the definitions, with exact amounts', async () => {
    const report = await getOverlapReport({ db: database.db, from: 2003, to: 2005, viewer: publicViewer });
    const area = report.fragmentation.find((row) => row.placeCode === 'NPL' && row.pillar === 'Protection');
    assert.ok(area, 'Nepal/protection is fragmented');
    assert.deepEqual([...area.agencies].sort(), ['Labor/ILAB', 'State/TIP Office', 'USAID']);
    assert.equal(area.obligatedCents, '40000001');
    assert.ok(!area.programIds.includes(ids.outside!), 'a program outside the range is left out');
    const duplication = report.duplication.find((group) => group.programs.some((program) => program.id === ids.state));
    assert.ok(duplication, 'the same partner, place, year and title is a duplication');
    assert.deepEqual(
      duplication.programs.map((program) => program.id),
      [ids.state, ids.usaid],
    );
    assert.equal(duplication.obligatedCents, '35000001');
    assert.equal(duplication.crossAgency, true);
    assert.deepEqual(duplication.partners, ['Shelter Nepal']);
    assert.deepEqual(duplication.places, [{ code: 'NPL', name: 'Nepal' }]);
    assert.deepEqual(duplication.fiscalYears, [2004]);
    assert.deepEqual(duplication.agencies, ['State/TIP Office', 'USAID']);
    assert.ok(
      !report.overlap.some((row) => row.first.id === ids.state && row.second.id === ids.usaid),
      'a duplication is not listed again as overlap',
    );
    const overlap = report.overlap.find((row) => row.second.id === ids.ilab);
    assert.ok(overlap, 'similar work by another partner in the same place and year is an overlap');
    assert.deepEqual(overlap.sharedTerms, ['Protection']);
    const nepal = report.byCountry.find((row) => row.key === 'NPL');
    assert.equal(nepal?.programs, 3);
    assert.equal(nepal?.obligatedCents, '40000001');
    assert.ok(report.byPartner.some((row) => row.label === 'Shelter Nepal' && row.duplication >= 1));
    assert.ok(report.byAssistanceType.length > 0);
    assert.deepEqual(report.counts, {
      fragmentation: report.fragmentation.length,
      overlap: report.overlap.length,
      duplication: report.duplication.length,
      duplicatedPrograms: new Set(report.duplication.flatMap((group) => group.programs.map((program) => program.id))).size,
    });
  });

  test('the summary has the same counts and tallies without the lists', async () => {
    const full = await getOverlapReport({ db: database.db, from: 2003, to: 2005, viewer: publicViewer });
    const summary = await getOverlapReport({ db: database.db, from: 2003, to: 2005, viewer: publicViewer, detail: 'summary' });
    assert.ok(!('duplication' in summary) && !('overlap' in summary) && !('fragmentation' in summary));
    const { fragmentation: _f, overlap: _o, duplication: _d, ...rest } = full;
    assert.deepEqual(summary, rest);
  });

  test('a group gathers every program of one partner in one place, and the report is stable', async () => {
    const { db } = database;
    const partner = await insertTestOrganization({ db, name: 'Repeat Grantee Moldova' });
    const created: number[] = [];
    for (const [fiscalYear, agency] of [
      [2003, 'state-tip'],
      [2004, 'usaid'],
      [2004, 'state-tip'],
      [2005, 'state-tip'],
    ] as const) {
      const input = buildProgramInput({
        title: `Repeat Grantee Moldova — Moldova, FY${fiscalYear}`,
        fundingAgencyId: agency,
        places: [{ countryCode: 'MDA' }],
        partners: [{ organizationId: partner, role: 'prime' }],
        obligations: [{ fiscalYear, amountCents: 1_000, amountNote: null }],
        startDate: null,
        endDate: null,
      });
      created.push((await createProgram({ db, actor: testActor, input })).id);
    }
    const report = await getOverlapReport({ db, from: 2003, to: 2005, viewer: publicViewer });
    const group = report.duplication.find((row) => row.partners.includes('Repeat Grantee Moldova'));
    // FY2003 and FY2005 share no year with the others: only the two FY2004 grants are one group.
    assert.deepEqual(
      group?.programs.map((program) => program.id),
      [created[1], created[2]],
    );
    assert.deepEqual(group?.fiscalYears, [2004]);
    const again = await getOverlapReport({ db, from: 2003, to: 2005, viewer: publicViewer });
    assert.deepEqual(again, report);
  });

  test('restricted programs count only for the token holder', async () => {
    const asPublic = await getOverlapReport({ db: database.db, from: 2004, to: 2004, viewer: publicViewer });
    const asOperator = await getOverlapReport({ db: database.db, from: 2004, to: 2004, viewer: systemViewer });
    const agencies = (report: typeof asPublic) => report.fragmentation.find((row) => row.placeCode === 'NPL')?.agencies.length;
    assert.equal(agencies(asPublic), 3);
    assert.equal(agencies(asOperator), 4);
    assert.equal(asOperator.programsInRange, asPublic.programsInRange + 1);
  });

  test("an agency's staff count their own agency's restricted programs, as the policy lets them see them; other agencies' staff do not", async () => {
    const report = (viewer: Parameters<typeof getOverlapReport>[0]['viewer']) =>
      getOverlapReport({ db: database.db, from: 2004, to: 2004, viewer });
    const asPublic = await report(publicViewer);
    const asHhs = await report(viewerOf('agency_viewer', ['hhs']));
    const asIlab = await report(viewerOf('agency_editor', ['dol-ilab']));
    const nepal = (shown: typeof asPublic) => shown.fragmentation.find((row) => row.placeCode === 'NPL');
    assert.equal(nepal(asHhs)?.agencies.length, 4);
    assert.ok(nepal(asHhs)?.programIds.includes(ids.hhs!));
    assert.equal(asHhs.programsInRange, asPublic.programsInRange + 1);
    assert.deepEqual(asIlab, asPublic, "another agency's staff see what the public sees");
  });

  test('the CSV is safe to open in a spreadsheet', async () => {
    const report = await getOverlapReport({ db: database.db, from: 2003, to: 2005, viewer: publicViewer });
    const csv = overlapReportCsv(report);
    assert.ok(csv.startsWith('\uFEFFfinding,place_code,'));
    assert.match(csv, /\r\n/);
    assert.match(csv, /duplication,BGD,Bangladesh,2005,.*,"'=HYPERLINK\(""http:\/\/example.invalid"",""click""\) \| =HYPERLINK/);
    assert.doesNotMatch(csv, /(^|,)=HYPERLINK/m);
    assert.match(csv, /,350000\.01\r\n/);
    for (const [input, output] of [
      ['=1+1', "'=1+1"],
      ['+1', "'+1"],
      ['-1', "'-1"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['\rx', `"'\rx"`],
      ['a,b', '"a,b"'],
      ['plain', 'plain'],
    ]) {
      assert.equal(csvCell(input!), output);
    }
  });
});
