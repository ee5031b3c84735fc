import { sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { agencyTreeSql } from '../db/agency-tree.ts';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import type { Viewer } from '../shared/actor.ts';
import { GenerationCache, readDataGeneration, type GenerationCacheStats } from './facet-cache.ts';
import { buildProgramConditions, whereClause } from './program-search.ts';
import { programFilterSchema, programStatuses, type ProgramFilters } from './program.schemas.ts';

/** One value of a facet: what to put in the filter, what to show, how many programs match. */
export type FacetValue = { value: string; label: string; count: number };

export const facetNames = ['fiscalYear', 'agency', 'country', 'region', 'partner', 'assistanceType', 'pillar', 'status'] as const;
export type FacetName = (typeof facetNames)[number];
export type ProgramFacets = Record<FacetName, FacetValue[]>;

/** The filter keys a facet owns: they are left out when counting that facet's values. */
const facetFilterKeys: Record<FacetName, (keyof ProgramFilters)[]> = {
  fiscalYear: ['fiscalYear', 'fiscalYearFrom', 'fiscalYearTo'],
  agency: ['agency'],
  country: ['country', 'includeRegional'],
  region: ['region'],
  partner: ['partner'],
  assistanceType: ['assistanceType'],
  pillar: ['pillar'],
  status: ['status'],
};

const statusLabels: Record<(typeof programStatuses)[number], string> = {
  proposed: 'Proposed',
  under_review: 'Under review',
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/**
 * For each facet, the (program id, value, label) pairs of the programs in `matching`. Each value
 * is counted the way its filter matches, so choosing a value returns exactly its count: an agency
 * counts the programs of its bureaus and offices; a region those placed in it or in its countries.
 */
const facetPairs: Record<FacetName, SQL> = {
  fiscalYear: sql`SELECT DISTINCT o.program_id AS id, o.fiscal_year::text AS value, 'FY' || o.fiscal_year AS label
    FROM program_obligations o JOIN matching m ON m.id = o.program_id`,
  // The agency tree is small: walk it once (agency → itself and every ancestor), not per program.
  agency: sql`SELECT p.id, lineage.id AS value, a.name AS label FROM ${agencyTreeSql({ direction: 'up' })} lineage
    JOIN programs p ON p.funding_agency_id = lineage.start_id JOIN matching m ON m.id = p.id
    JOIN agencies a ON a.id = lineage.id`,
  country: sql`SELECT DISTINCT pl.program_id AS id, pl.country_code AS value, c.name AS label
    FROM program_places pl JOIN matching m ON m.id = pl.program_id JOIN countries c ON c.code = pl.country_code`,
  // Join the matching programs inside each branch, so only their places are expanded.
  region: sql`SELECT DISTINCT x.id, x.value, r.name AS label FROM (
      SELECT pl.program_id AS id, pl.region_code AS value FROM program_places pl JOIN matching m ON m.id = pl.program_id
        WHERE pl.region_code IS NOT NULL
      UNION ALL SELECT pl.program_id, rc.region_code FROM program_places pl JOIN matching m ON m.id = pl.program_id
        JOIN region_countries rc ON rc.country_code = pl.country_code
    ) x JOIN regions r ON r.code = x.value`,
  partner: sql`SELECT DISTINCT pp.program_id AS id, pp.organization_id::text AS value, o.name AS label
    FROM program_partners pp JOIN matching m ON m.id = pp.program_id JOIN organizations o ON o.id = pp.organization_id`,
  assistanceType: termPairs('assistance-type'),
  pillar: termPairs('pillar'),
  status: sql`SELECT p.id, p.status AS value, p.status AS label FROM programs p JOIN matching m ON m.id = p.id`,
};

function termPairs(vocabulary: string): SQL {
  return sql`SELECT DISTINCT t.program_id AS id, t.code AS value, v.name AS label
    FROM program_terms t JOIN matching m ON m.id = t.program_id
    JOIN vocabulary_terms v ON v.vocabulary = t.vocabulary AND v.code = t.code
    WHERE t.vocabulary = ${vocabulary}`;
}

function withoutFacet(filters: ProgramFilters, facet: FacetName): ProgramFilters {
  const rest: Record<string, unknown> = { ...filters };
  for (const key of facetFilterKeys[facet]) delete rest[key];
  return rest as ProgramFilters;
}

/**
 * Facets with thousands of values (partners) list the most frequent ones, and always the one
 * chosen, so a page stays small; the rest are reached through search.
 */
const facetValueLimits: Partial<Record<FacetName, number>> = { partner: 200 };

async function countFacet(options: { db: Executor; facet: FacetName; filters: ProgramFilters; viewer: Viewer }): Promise<FacetValue[]> {
  const { db, facet, viewer } = options;
  const conditions = buildProgramConditions({ filters: withoutFacet(options.filters, facet), viewer });
  const limit = facetValueLimits[facet];
  const chosen = facet === 'partner' && options.filters.partner !== undefined ? String(options.filters.partner) : null;
  const rows = await selectRows<{ value: unknown; label: unknown; count: unknown }>(
    db,
    sql`WITH matching AS (SELECT p.id FROM programs p ${whereClause(conditions)}),
      pairs AS (${facetPairs[facet]})
    SELECT value, min(label) AS label, count(DISTINCT id)::int AS count FROM pairs
    GROUP BY value ORDER BY (value = ${chosen}) IS TRUE DESC, count(DISTINCT id) DESC, min(label), value
    ${limit ? sql`LIMIT ${limit}` : sql``}`,
  );
  return rows.map((row) => ({
    value: String(row.value),
    label: facet === 'status' ? (statusLabels[String(row.value) as keyof typeof statusLabels] ?? String(row.label)) : String(row.label),
    count: Number(row.count),
  }));
}

/**
 * Counts of matching programs per value of every facet (fiscal year, agency, country, region,
 * partner, assistance type, pillar, status). Each facet is counted with the OTHER filters
 * applied, so its values show what choosing one would return; values with no program are left
 * out. Fiscal years are listed in year order, the others by count.
 *
 * For the public, results are cached under the data generation (facet-cache.ts), which every
 * write to a table read here raises in its own transaction: a repeated search costs one tiny
 * query and never returns counts older than the data. Only the public's counts are cached: its
 * visibility condition reads `programs.visibility` alone, so every table a public count reads is
 * one the triggers watch. Signed-in viewers see restricted programs (their agency's, or those
 * circulated to it through the clearance tables, which are not watched) and are always counted
 * afresh.
 */
export async function countProgramFacets(options: { db: Executor; filters: ProgramFilters; viewer: Viewer }): Promise<ProgramFacets> {
  const { db, filters, viewer } = options;
  // Inside a transaction the caller may have written rows no other reader can see: no cache.
  if (viewer.kind !== 'public' || db instanceof PgTransaction) return computeProgramFacets(options);
  const generation = await readDataGeneration(db);
  if (generation === null) return computeProgramFacets(options);
  let cache = publicFacetCaches.get(db);
  if (!cache) publicFacetCaches.set(db, (cache = new GenerationCache({ maxEntries: facetCacheEntries })));
  const facets = await cache.get({
    generation,
    key: facetCacheKey(filters),
    compute: () => computeProgramFacets(options),
    readGeneration: () => readDataGeneration(db),
  });
  // Callers own what they get; the stored object stays as computed.
  return structuredClone(facets);
}

/**
 * The results kept per database (a WeakMap on the drizzle object: two databases in one process,
 * as in the tests, never share counts). 500 searches: the unfiltered one, each year, country,
 * agency… with room for free-text searches, which rarely repeat.
 */
const facetCacheEntries = 500;
const publicFacetCaches = new WeakMap<object, GenerationCache<ProgramFacets>>();

/** What the public facet cache of this database has done (hits, misses, shared…), or undefined before its first use. */
export function facetCacheStats(db: Executor): GenerationCacheStats | undefined {
  const cache = publicFacetCaches.get(db);
  return cache && { ...cache.stats };
}

/**
 * The cache key of a filter set: the filter keys in schema order, without the values that filter
 * nothing (undefined, '', false, an empty list), statuses sorted; anything else (sort, limit)
 * is left out. Equal keys give the same counts.
 */
export function facetCacheKey(filters: ProgramFilters): string {
  const normalized: [string, unknown][] = [];
  for (const key of Object.keys(programFilterSchema.shape) as (keyof ProgramFilters)[]) {
    let value: unknown = filters[key];
    if (value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      value = [...new Set(value)].sort();
    }
    normalized.push([key, value]);
  }
  return JSON.stringify(normalized);
}

/** The facet counts computed from the tables, without the cache: eight queries, one per facet. */
export async function computeProgramFacets(options: { db: Executor; filters: ProgramFilters; viewer: Viewer }): Promise<ProgramFacets> {
  const facets = {} as ProgramFacets;
  // One query after another: PGlite has a single connection, and a server pool gains little here.
  for (const facet of facetNames) {
    facets[facet] = await countFacet({ db: options.db, facet, filters: options.filters, viewer: options.viewer });
  }
  facets.fiscalYear.sort((left, right) => Number(left.value) - Number(right.value));
  return facets;
}
