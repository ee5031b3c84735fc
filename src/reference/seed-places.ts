import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { countries, placeAliases, regionCountries, regions } from '../db/schema/reference.ts';
import { buildPlaceRows } from './build-places.ts';
import { upsertRows } from './upsert-rows.ts';

/** How many rows each place table had inserted, changed or removed by one seeding. */
export type PlaceSeedCounts = { regions: number; countries: number; regionCountries: number; placeAliases: number };

/**
 * Writes countries, regions, their materialized membership and the reviewed aliases. Idempotent:
 * a second run changes nothing. Membership is derived data, so rows no longer derived are removed;
 * countries, regions and aliases are never deleted because records may refer to them.
 */
export async function seedPlaces(options: { db: Executor }): Promise<PlaceSeedCounts> {
  const { db } = options;
  const rows = buildPlaceRows();
  // Regions first: countries and aliases refer to them.
  const regionCount = await upsertRows({ db, table: regions, rows: rows.regions, key: [regions.code] });
  const countryCount = await upsertRows({ db, table: countries, rows: rows.countries, key: [countries.code] });
  const aliasCount = await upsertRows({ db, table: placeAliases, rows: rows.aliases, key: [placeAliases.normalizedName] });
  const membershipCount = await syncRegionCountries({ db, rows: rows.regionCountries });
  return { regions: regionCount, countries: countryCount, regionCountries: membershipCount, placeAliases: aliasCount };
}

/** Makes region_countries equal to the derived membership, writing only the difference. */
async function syncRegionCountries(options: { db: Executor; rows: { regionCode: string; countryCode: string }[] }): Promise<number> {
  const { db, rows } = options;
  const keyOf = (row: { regionCode: string; countryCode: string }) => `${row.regionCode}\u0000${row.countryCode}`;
  const wanted = new Set(rows.map(keyOf));
  const existing = await db.select().from(regionCountries);
  const present = new Set(existing.map(keyOf));
  const stale = existing.filter((row) => !wanted.has(keyOf(row)));
  for (const row of stale) {
    await db
      .delete(regionCountries)
      .where(and(eq(regionCountries.regionCode, row.regionCode), eq(regionCountries.countryCode, row.countryCode)));
  }
  const missing = rows.filter((row) => !present.has(keyOf(row)));
  const inserted = await upsertRows({
    db,
    table: regionCountries,
    rows: missing,
    key: [regionCountries.regionCode, regionCountries.countryCode],
  });
  return stale.length + inserted;
}
