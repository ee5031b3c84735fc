import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { insertTestOrganization } from '../testing/fixtures.ts';
import { createProgram } from '../programs/program.service.ts';
import type { ProgramInput } from '../programs/program.schemas.ts';
import { publicViewer, systemViewer } from '../shared/actor.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { csvCell, overlapReportCsv } from './portfolio-csv.ts';
import { getOverlapReport } from './portfolio-report.ts';
import { prepareCoordinationData } from './test-helpers.ts';

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
    await create('state', nepal({ title: 'Shelter and reintegration services — Nepal, FY2004', partners: [{ organizationId: shelter, role: 'prime' }], obligations: year(2004, 25_000_000) }));
    await create('usaid', nepal({ title: 'Shelter and reintegration services — Nepal, FY2004', fundingAgencyId: 'usaid', partners: [{ organizationId: shelter, role: 'prime' }], obligations: year(2004, 10_000_001) }));
    await create('ilab', nepal({ title: 'Shelter and reintegration services for girls in Nepal', fundingAgencyId: 'dol-ilab', partners: [{ organizationId: girls, role: 'prime' }], obligations: year(2004, 5_000_000) }));
    await create('hhs', nepal({ title: 'Restricted shelter grant', fundingAgencyId: 'hhs', visibility: 'restricted', obligations: year(2004, 1_000_000) }));
    await create('outside', nepal({ title: 'Shelter and reintegration services — Nepal, FY2009', fundingAgencyId: 'usaid', obligations: year(2009, 7_000_000) }));
    for (const key of ['evil1', 'evil2']) {
      await create(key, buildProgramInput({ title: '=HYPERLINK("http://example.invalid","click")', places: [{ countryCode: 'BGD' }], partners: [{ organizationId: mallory, role: 'prime' }], obligations: year(2005, 100) }));
    }
  });

  test('fragmentation, duplication and overlap by the definitions, with exact amounts', async () => {
    const report = await getOverlapReport({ db: database.db, from: 2003, to: 2005, viewer: publicViewer });
    const area = report.fragmentation.find((row) => row.placeCode === 'NPL' && row.pillar === 'Protection');
    assert.ok(area, 'Nepal/protection is fragmented');
    assert.deepEqual([...area.agencies].sort(), ['Labor/ILAB', 'State/TIP Office', 'USAID']);
    assert.equal(area.obligatedCents, 40_000_001);
    assert.ok(!area.programIds.includes(ids.outside!), 'a program outside the range is left out');
    const duplication = report.duplication.find((row) => row.first.id === ids.state && row.second.id === ids.usaid);
    assert.ok(duplication, 'the same partner, place, year and title is a duplication');
    assert.equal(duplication.obligatedCents, 35_000_001);
    assert.equal(duplication.crossAgency, true);
    assert.deepEqual(duplication.sharedPartners, ['Shelter Nepal']);
    assert.ok(!report.overlap.some((row) => row.first.id === ids.state && row.second.id === ids.usaid), 'a duplication is not listed again as overlap');
    const overlap = report.overlap.find((row) => row.second.id === ids.ilab);
    assert.ok(overlap, 'similar work by another partner in the same place and year is an overlap');
    assert.deepEqual(overlap.sharedTerms, ['Protection']);
    const nepal = report.byCountry.find((row) => row.key === 'NPL');
    assert.equal(nepal?.programs, 3);
    assert.equal(nepal?.obligatedCents, 40_000_001);
    assert.ok(report.byPartner.some((row) => row.label === 'Shelter Nepal' && row.duplication >= 1));
    assert.ok(report.byAssistanceType.length > 0);
  });

  test('restricted programs count only for the token holder', async () => {
    const asPublic = await getOverlapReport({ db: database.db, from: 2004, to: 2004, viewer: publicViewer });
    const asOperator = await getOverlapReport({ db: database.db, from: 2004, to: 2004, viewer: systemViewer });
    const agencies = (report: typeof asPublic) => report.fragmentation.find((row) => row.placeCode === 'NPL')?.agencies.length;
    assert.equal(agencies(asPublic), 3);
    assert.equal(agencies(asOperator), 4);
    assert.equal(asOperator.programsInRange, asPublic.programsInRange + 1);
  });

  test('the CSV is safe to open in a spreadsheet', async () => {
    const report = await getOverlapReport({ db: database.db, from: 2003, to: 2005, viewer: publicViewer });
    const csv = overlapReportCsv(report);
    assert.ok(csv.startsWith('\uFEFFfinding,place_code,'));
    assert.match(csv, /\r\n/);
    assert.match(csv, /duplication,BGD,Bangladesh,2005,.*,"'=HYPERLINK\(""http:\/\/example.invalid"",""click""\) \| =HYPERLINK/);
    assert.doesNotMatch(csv, /(^|,)=HYPERLINK/m);
    assert.match(csv, /,350000\.01\r\n/);
    for (const [input, output] of [['=1+1', "'=1+1"], ['+1', "'+1"], ['-1', "'-1"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', `"'\rx"`], ['a,b', '"a,b"'], ['plain', 'plain']]) {
      assert.equal(csvCell(input!), output);
    }
  });
});
