import { sql, type SQL } from 'drizzle-orm';
import { domesticCountryCode } from '../programs/program-search.ts';

/**
 * The one definition of "how many countries" (issue 13, item 3), used by the statistics
 * summary, the home page and the Assessment:
 *
 * - countries named: distinct countries a program names as a place;
 * - countries reached: those, plus the member countries of the regions programs name, but only
 *   regions smaller than a continent — a global, continent-wide or State-bureau-wide program is
 *   never spread over every territory of its area (that gave 236 "countries reached" in FY2004);
 * - countries and regions: countries named plus the distinct regions named, each region once —
 *   the count the published "more than 86 countries" most likely used (86 in FY2004's data).
 */

/**
 * Regions whose members are counted as reached: UN M49 sub-regions and intermediate regions,
 * and program regions, except one covering nine tenths or more of its continent (the African
 * Union). World, continents and State's regional bureaus are never expanded.
 */
export const expandableRegionsSql: SQL = sql`(SELECT r.code FROM regions r
  WHERE r.kind IN ('sub-region', 'intermediate-region', 'program-region')
    AND NOT EXISTS (SELECT 1 FROM regions parent WHERE parent.code = r.parent_code AND parent.kind IN ('world', 'continent')
      AND (SELECT count(*) FROM region_countries m WHERE m.region_code = r.code) * 10
        >= (SELECT count(*) FROM region_countries m WHERE m.region_code = parent.code) * 9))`;

/**
 * The three counts over the programs `programIds` selects (a subquery of ids), as SQL columns
 * countries_named, countries_reached, countries_and_regions; `excludeUsa` leaves the United
 * States out of the countries reached (international programs reach it only through a region).
 */
export function placeCountsSql(programIds: SQL, options: { excludeUsa: boolean }): SQL {
  const notUsa = options.excludeUsa ? sql`WHERE code <> ${domesticCountryCode}` : sql``;
  return sql`(SELECT count(DISTINCT pl.country_code) FROM program_places pl
      WHERE pl.country_code IS NOT NULL AND pl.program_id IN (${programIds}))::int AS countries_named,
    (SELECT count(DISTINCT code) FROM (
      SELECT pl.country_code AS code FROM program_places pl WHERE pl.country_code IS NOT NULL AND pl.program_id IN (${programIds})
      UNION
      SELECT rc.country_code FROM program_places pl JOIN region_countries rc ON rc.region_code = pl.region_code
      WHERE pl.region_code IN ${expandableRegionsSql} AND pl.program_id IN (${programIds})) reached ${notUsa})::int AS countries_reached,
    ((SELECT count(DISTINCT pl.country_code) FROM program_places pl
      WHERE pl.country_code IS NOT NULL AND pl.program_id IN (${programIds}))
     + (SELECT count(DISTINCT pl.region_code) FROM program_places pl
      WHERE pl.region_code IS NOT NULL AND pl.program_id IN (${programIds})))::int AS countries_and_regions`;
}
