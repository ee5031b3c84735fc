import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { countries, regionCountries } from '../db/schema/reference.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { listRegionCountryCodes } from './reference.service.ts';
import { seedReferenceData } from './seed-reference.ts';

const tables = [
  'regions',
  'countries',
  'region_countries',
  'place_aliases',
  'vocabulary_terms',
  'agencies',
  'coordination_bodies',
  'body_memberships',
];

async function countRows(db: Executor): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
    counts[table] = Number(row!.n);
  }
  return counts;
}

describeEachDatabase('reference data seeding', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  test('seeding again changes no row and leaves the row counts equal', async () => {
    const before = await countRows(database.db);
    const changes = await seedReferenceData({ db: database.db });
    assert.deepEqual(
      Object.values(changes),
      Object.values(changes).map(() => 0),
      JSON.stringify(changes),
    );
    assert.deepEqual(await countRows(database.db), before);
    assert.ok(before.countries! >= 256 && before.regions! >= 50 && before.region_countries! > 1000, JSON.stringify(before));
  });

  test('a reference row edited by hand is put back, and only that row is written', async () => {
    await database.db.update(countries).set({ name: 'Nepal (edited)' }).where(eq(countries.code, 'NPL'));
    const changes = await seedReferenceData({ db: database.db });
    assert.equal(changes.countries, 1);
    const [nepal] = await database.db.select().from(countries).where(eq(countries.code, 'NPL'));
    assert.equal(nepal?.name, 'Nepal');
  });

  test('a membership that the data no longer derives is removed', async () => {
    await database.db.insert(regionCountries).values({ regionCode: 'ctip-mekong', countryCode: 'NPL' });
    const changes = await seedReferenceData({ db: database.db });
    assert.equal(changes.regionCountries, 1);
    assert.ok(!(await listRegionCountryCodes({ db: database.db, regionCode: 'ctip-mekong' })).includes('NPL'));
  });

  test('region membership is materialized for M49 and program regions', async () => {
    const db = database.db;
    assert.ok((await listRegionCountryCodes({ db, regionCode: 'ctip-mekong' })).includes('THA'));
    assert.ok((await listRegionCountryCodes({ db, regionCode: '002' })).includes('NGA'));
    assert.ok((await listRegionCountryCodes({ db, regionCode: '011' })).includes('NGA'));
    assert.ok((await listRegionCountryCodes({ db, regionCode: 'ctip-sadc' })).includes('ZAF'));
    assert.ok((await listRegionCountryCodes({ db, regionCode: 'ctip-state-af' })).includes('SDN'));
    assert.ok(!(await listRegionCountryCodes({ db, regionCode: 'ctip-state-af' })).includes('EGY'));
    assert.ok((await listRegionCountryCodes({ db, regionCode: '001' })).includes('XKX'));
  });
});
