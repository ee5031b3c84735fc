import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { publicViewer, systemViewer, type Viewer } from '../shared/actor.ts';
import { buildProgramInput, insertTestOrganization, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { countProgramFacets, facetNames, type FacetName } from './program-facets.ts';
import { programFilterSchema, programQuerySchema, type ProgramFilters } from './program.schemas.ts';
import { createProgram, findPrograms } from './program.service.ts';

/** The query-string name of the filter one facet value sets. */
const filterOf: Record<FacetName, string> = {
  fiscalYear: 'fiscalYear',
  agency: 'agency',
  country: 'country',
  region: 'region',
  partner: 'partner',
  assistanceType: 'assistanceType',
  pillar: 'pillar',
  status: 'status',
};

describeEachDatabase('program facets', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  let partnerId = 0;

  test('prepare programs', async () => {
    const { db } = database;
    partnerId = await insertTestOrganization({ db, name: 'Facet Partner' });
    const create = (overrides: Parameters<typeof buildProgramInput>[0]) =>
      createProgram({ db, input: buildProgramInput(overrides), actor: testActor });
    await create({
      title: 'Nepal shelter',
      places: [{ countryCode: 'NPL' }],
      pillars: ['protection'],
      assistanceTypes: ['shelters'],
      partners: [{ organizationId: partnerId, role: 'prime' }],
    });
    await create({
      title: 'India hotline',
      places: [{ countryCode: 'IND' }],
      pillars: ['protection', 'prevention'],
      assistanceTypes: ['hotlines'],
      obligations: [{ fiscalYear: 2005, amountCents: 100, amountNote: null }],
    });
    await create({
      title: 'Mekong training',
      places: [{ regionCode: 'ctip-mekong' }],
      pillars: ['prosecution'],
      status: 'completed',
      fundingAgencyId: 'dol-ilab',
    });
    await create({
      title: 'Two countries',
      places: [{ countryCode: 'NPL' }, { countryCode: 'IND' }],
      pillars: [],
      obligations: [
        { fiscalYear: 2004, amountCents: 5, amountNote: null },
        { fiscalYear: 2006, amountCents: null, amountNote: 'Not Listed' },
      ],
    });
    await create({
      title: 'Secret restricted',
      visibility: 'restricted',
      places: [{ countryCode: 'BGD' }],
      pillars: ['partnership'],
      status: 'proposed',
    });
  });

  async function totalOf(filters: Record<string, unknown>, viewer: Viewer): Promise<number> {
    return (await findPrograms({ db: database.db, query: programQuerySchema.parse(filters), viewer })).total;
  }

  async function assertCountsMatchSearch(raw: Record<string, string>, viewer: Viewer) {
    const filters: ProgramFilters = programFilterSchema.parse(raw);
    const facets = await countProgramFacets({ db: database.db, filters, viewer });
    for (const facet of facetNames) {
      const others = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith(filterOf[facet])));
      for (const value of facets[facet]) {
        const total = await totalOf({ ...others, [filterOf[facet]]: value.value }, viewer);
        assert.equal(value.count, total, `${facet}=${value.value} with ${JSON.stringify(others)}`);
        assert.ok(value.count > 0);
      }
    }
    return facets;
  }

  test('every facet count equals the total of the search that chooses that value', async () => {
    const facets = await assertCountsMatchSearch({}, publicViewer);
    assert.deepEqual(
      facets.fiscalYear.map((value) => value.value),
      ['2004', '2005', '2006'],
    );
    assert.deepEqual(
      facets.status.map((value) => [value.value, value.label, value.count]),
      [
        ['active', 'Active', 3],
        ['completed', 'Completed', 1],
      ],
    );
    assert.equal(facets.agency.find((value) => value.value === 'dol')?.count, 1, 'a department counts its bureaus');
    assert.equal(facets.region.find((value) => value.value === 'ctip-mekong')?.count, 1);
    assert.equal(facets.partner.find((value) => value.value === String(partnerId))?.label, 'Facet Partner');
    await assertCountsMatchSearch({ country: 'NPL' }, publicViewer);
    await assertCountsMatchSearch({ pillar: 'protection', fiscalYearFrom: '2004', fiscalYearTo: '2005' }, publicViewer);
    await assertCountsMatchSearch({ q: 'shelter', status: 'active,completed' }, systemViewer);
  });

  test('a facet ignores its own filter and keeps the others', async () => {
    const facets = await countProgramFacets({
      db: database.db,
      filters: programFilterSchema.parse({ country: 'NPL', pillar: 'protection' }),
      viewer: publicViewer,
    });
    assert.deepEqual(
      facets.country.map((value) => [value.value, value.count]),
      [
        ['IND', 1],
        ['NPL', 1],
      ],
    );
    assert.deepEqual(
      facets.pillar.map((value) => [value.value, value.count]),
      [['protection', 1]],
    );
  });

  test('restricted programs are counted for the system viewer only', async () => {
    const publicFacets = await countProgramFacets({ db: database.db, filters: {}, viewer: publicViewer });
    const systemFacets = await countProgramFacets({ db: database.db, filters: {}, viewer: systemViewer });
    assert.equal(
      publicFacets.country.some((value) => value.value === 'BGD'),
      false,
    );
    assert.equal(
      publicFacets.pillar.some((value) => value.value === 'partnership'),
      false,
    );
    assert.equal(
      publicFacets.status.some((value) => value.value === 'proposed'),
      false,
    );
    assert.equal(systemFacets.country.find((value) => value.value === 'BGD')?.count, 1);
  });

  test('hostile filter text is a parameter, not SQL', async () => {
    const facets = await countProgramFacets({
      db: database.db,
      filters: programFilterSchema.parse({ q: "x' OR 1=1 --", agency: "'; DROP TABLE programs; --" }),
      viewer: publicViewer,
    });
    assert.deepEqual(facets.status, []);
    assert.equal(await totalOf({}, publicViewer), 4);
  });
});
