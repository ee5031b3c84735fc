import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { schema, type Database } from '../db/database.ts';
import { importTipGrants } from '../imports/tip-grants/tip-grants.importer.ts';
import { excerptPath, seedForImport } from '../testing/tip-grants-fixture.ts';
import { publicViewer, systemViewer, type Viewer } from '../shared/actor.ts';
import { buildProgramInput, insertTestOrganization, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { readDataGeneration } from './facet-cache.ts';
import { computeProgramFacets, countProgramFacets, facetCacheStats, type ProgramFacets } from './program-facets.ts';
import { programFilterSchema, type ProgramFilters } from './program.schemas.ts';
import { createProgram, deleteProgram, getProgramById, updateProgram } from './program.service.ts';

/** The statements one uncached public count sends: the generation, eight facets, the generation again. */
const uncachedStatements = 10;

/**
 * The database behind a counter of `execute` calls (every facet query and generation read goes
 * through it). A new spy is a new object, so it also starts with an empty cache.
 */
function spyOn(db: Database, beforeExecute?: (call: number) => Promise<void>): { db: Database; calls: () => number } {
  let calls = 0;
  const spy = new Proxy(db, {
    get(target, property) {
      if (property === 'execute') {
        return async (query: Parameters<Database['execute']>[0]) => {
          calls++;
          await beforeExecute?.(calls);
          return target.execute(query);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: spy, calls: () => calls };
}

const filterSets: Record<string, string>[] = [
  {},
  { fiscalYear: '2004' },
  { country: 'NPL' },
  { country: 'NPL', includeRegional: 'true' },
  { region: 'ctip-mekong', pillar: 'protection' },
  { q: 'shelter', status: 'completed,active' },
  { agency: 'state', fiscalYearFrom: '2003', fiscalYearTo: '2005' },
];

const agencyViewer: Viewer = {
  kind: 'user',
  user: {
    id: 1,
    email: 'viewer@state.test',
    name: 'Viewer',
    role: 'agency_viewer',
    agencyId: 'state-tip',
    agencyIds: ['state-tip'],
    organizationId: null,
    scopes: ['read'],
  },
};

describeEachDatabase('program facet cache', { prepare: seedForImport }, (database) => {
  const parse = (raw: Record<string, string>): ProgramFilters => programFilterSchema.parse(raw);
  const fresh = (filters: ProgramFilters, viewer: Viewer = publicViewer) => computeProgramFacets({ db: database.db, filters, viewer });
  const countOf = (facets: ProgramFacets, facet: keyof ProgramFacets, value: string) =>
    facets[facet].find((entry) => entry.value === value)?.count ?? 0;

  /** Counts through `spy`, asserting whether the facets were queried, and that they equal a fresh computation. */
  async function assertCounted(
    spy: ReturnType<typeof spyOn>,
    filters: ProgramFilters,
    expect: 'computed' | 'cached',
  ): Promise<ProgramFacets> {
    const before = spy.calls();
    const facets = await countProgramFacets({ db: spy.db, filters, viewer: publicViewer });
    assert.equal(spy.calls() - before, expect === 'computed' ? uncachedStatements : 1, `${expect}: ${JSON.stringify(filters)}`);
    assert.deepEqual(facets, await fresh(filters));
    return facets;
  }

  let partnerId = 0;
  let nepalId = 0;

  test('prepare programs', async () => {
    const { db } = database;
    partnerId = await insertTestOrganization({ db, name: 'Cache Partner' });
    const create = (overrides: Parameters<typeof buildProgramInput>[0]) =>
      createProgram({ db, input: buildProgramInput(overrides), actor: testActor });
    nepalId = (await create({ title: 'Nepal shelter', partners: [{ organizationId: partnerId, role: 'prime' }] })).id;
    await create({ title: 'Mekong training', places: [{ regionCode: 'ctip-mekong' }], status: 'completed', fundingAgencyId: 'dol-ilab' });
    await create({ title: 'Restricted proposal', visibility: 'restricted', places: [{ countryCode: 'BGD' }], status: 'proposed' });
  });

  test('a second identical public search does not query the facets again', async () => {
    const spy = spyOn(database.db);
    const first = await assertCounted(spy, parse({}), 'computed');
    const second = await assertCounted(spy, parse({}), 'cached');
    assert.deepEqual(second, first);
    second.country.length = 0; // a caller changing its copy does not change the cache
    await assertCounted(spy, parse({}), 'cached');
    // The same filters written differently are one entry.
    await assertCounted(spy, parse({ status: 'active,completed' }), 'computed');
    await assertCounted(spy, parse({ status: 'completed,active', q: '  ' }), 'cached');
    assert.deepEqual(facetCacheStats(spy.db), { hits: 3, misses: 2, shared: 0, discarded: 0, bypassed: 0 });
  });

  test('cached results equal an uncached computation for several filter sets', async () => {
    const spy = spyOn(database.db);
    for (const raw of filterSets) await assertCounted(spy, parse(raw), 'computed');
    for (const raw of filterSets) await assertCounted(spy, parse(raw), 'cached');
  });

  test('concurrent identical misses share one computation', async () => {
    const spy = spyOn(database.db);
    const results = await Promise.all(
      [1, 2, 3].map(() => countProgramFacets({ db: spy.db, filters: parse({ country: 'NPL' }), viewer: publicViewer })),
    );
    assert.equal(spy.calls(), 3 + 8 + 1);
    assert.equal(facetCacheStats(spy.db)?.misses, 1);
    for (const result of results) assert.deepEqual(result, await fresh(parse({ country: 'NPL' })));
  });

  test('signed-in viewers are never served from the cache', async () => {
    const spy = spyOn(database.db);
    for (const viewer of [agencyViewer, systemViewer]) {
      for (let round = 0; round < 2; round++) {
        const before = spy.calls();
        const facets = await countProgramFacets({ db: spy.db, filters: parse({}), viewer });
        assert.equal(spy.calls() - before, 8, 'eight facet queries, no generation read');
        assert.equal(countOf(facets, 'country', 'BGD'), 1, 'the restricted program is counted for them');
      }
    }
    assert.equal(facetCacheStats(spy.db), undefined);
    assert.equal(countOf(await countProgramFacets({ db: spy.db, filters: parse({}), viewer: publicViewer }), 'country', 'BGD'), 0);
  });

  test('every kind of write is seen at once', async () => {
    const { db } = database;
    const spy = spyOn(db);
    const all = parse({});
    const warm = async () => {
      await assertCounted(spy, all, 'computed');
      await assertCounted(spy, all, 'cached');
    };
    await warm();

    const created = await createProgram({
      db,
      input: buildProgramInput({ title: 'New in India', places: [{ countryCode: 'IND' }] }),
      actor: testActor,
    });
    assert.equal(countOf(await assertCounted(spy, all, 'computed'), 'country', 'IND'), 1, 'create');
    await assertCounted(spy, all, 'cached');

    const moved = await updateProgram({
      db,
      id: created.id,
      expectedVersion: created.version,
      input: buildProgramInput({ title: 'New in India', places: [{ countryCode: 'LKA' }] }),
      actor: testActor,
      viewer: systemViewer,
    });
    const afterUpdate = await assertCounted(spy, all, 'computed');
    assert.deepEqual([countOf(afterUpdate, 'country', 'IND'), countOf(afterUpdate, 'country', 'LKA')], [0, 1], 'update');
    await assertCounted(spy, all, 'cached');

    await deleteProgram({ db, id: created.id, expectedVersion: moved.version, actor: testActor, viewer: systemViewer });
    assert.equal(countOf(await assertCounted(spy, all, 'computed'), 'country', 'LKA'), 0, 'delete');
    await assertCounted(spy, all, 'cached');

    const years = (await assertCounted(spy, all, 'cached')).fiscalYear.length;
    await importTipGrants({ db, filePath: excerptPath, actor: testActor, dryRun: true });
    await assertCounted(spy, all, 'cached'); // a rolled-back import changed nothing
    await importTipGrants({ db, filePath: excerptPath, actor: testActor });
    assert.ok((await assertCounted(spy, all, 'computed')).fiscalYear.length > years, 'import');
    await assertCounted(spy, all, 'cached');

    await db.update(schema.agencies).set({ name: 'Renamed TIP Office' }).where(eq(schema.agencies.id, 'state-tip'));
    assert.ok(
      (await assertCounted(spy, all, 'computed')).agency.some((entry) => entry.label === 'Renamed TIP Office'),
      'agency renamed',
    );
    await db.update(schema.organizations).set({ name: 'Renamed Partner' }).where(eq(schema.organizations.id, partnerId));
    assert.ok(
      (await assertCounted(spy, all, 'computed')).partner.some((entry) => entry.label === 'Renamed Partner'),
      'organization renamed',
    );
    await assertCounted(spy, all, 'cached');

    const nepal = await getProgramById({ db, id: nepalId, viewer: systemViewer });
    const before = countOf(await assertCounted(spy, parse({ q: 'Nepal shelter' }), 'computed'), 'country', 'NPL');
    await updateProgram({
      db,
      id: nepalId,
      expectedVersion: nepal.version,
      input: buildProgramInput({
        title: 'Nepal shelter',
        visibility: 'restricted',
        partners: [{ organizationId: partnerId, role: 'prime' }],
      }),
      actor: testActor,
      viewer: systemViewer,
    });
    const after = await assertCounted(spy, parse({ q: 'Nepal shelter' }), 'computed');
    assert.deepEqual([before, countOf(after, 'country', 'NPL'), after.partner.length], [1, 0, 0], 'made restricted: gone for the public');
  });

  test('a result computed across a write is returned but not stored', async () => {
    const { db } = database;
    let wrote = false;
    const spy = spyOn(db, async (call) => {
      if (call !== 5 || wrote) return;
      wrote = true; // between the fourth and the fifth facet query
      await createProgram({
        db,
        input: buildProgramInput({ title: 'Written mid-count', places: [{ countryCode: 'KHM' }] }),
        actor: testActor,
      });
    });
    await countProgramFacets({ db: spy.db, filters: parse({ country: 'KHM' }), viewer: publicViewer });
    assert.equal(facetCacheStats(spy.db)?.discarded, 1);
    assert.equal(countOf(await assertCounted(spy, parse({ country: 'KHM' }), 'computed'), 'country', 'KHM'), 1);
    await assertCounted(spy, parse({ country: 'KHM' }), 'cached');
  });

  test('a transaction that wrote neither reads nor fills the cache, and its rollback leaves it right', async () => {
    const { db } = database;
    const spy = spyOn(db);
    await assertCounted(spy, parse({ country: 'MMR' }), 'computed');
    const generation = await readDataGeneration(db);
    await assert.rejects(
      db.transaction(async (tx) => {
        await createProgram({
          db: tx,
          input: buildProgramInput({ title: 'Rolled back', places: [{ countryCode: 'MMR' }] }),
          actor: testActor,
        });
        assert.equal(await readDataGeneration(tx), null, 'its own uncommitted writes cannot name a generation');
        const inside = await countProgramFacets({ db: tx, filters: parse({ country: 'MMR' }), viewer: publicViewer });
        assert.equal(countOf(inside, 'country', 'MMR'), 1, 'it sees its own write');
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.equal(await readDataGeneration(db), generation);
    assert.equal(countOf(await assertCounted(spy, parse({ country: 'MMR' }), 'cached'), 'country', 'MMR'), 0);
  });

  test('one generation per committed transaction, raised by each table the facets read', async () => {
    const { db } = database;
    const start = (await readDataGeneration(db))!;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.execute(sql`UPDATE countries SET name = name WHERE code = 'NPL'`);
    });
    assert.equal(await readDataGeneration(db), start + 1n);
    const tables = [
      'programs',
      'program_places',
      'program_partners',
      'program_terms',
      'program_obligations',
      'agencies',
      'organizations',
      'countries',
      'regions',
      'region_countries',
      'vocabulary_terms',
    ];
    for (const table of tables) {
      const before = (await readDataGeneration(db))!;
      await db.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE false`);
      assert.equal(await readDataGeneration(db), before + 1n, table);
    }
  });
});
