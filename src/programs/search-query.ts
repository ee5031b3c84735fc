import { z } from 'zod';
import { programQuerySchema, type ProgramFilters, type ProgramQuery } from './program.schemas.ts';
import { href, type QueryValues } from '../ui/urls.ts';

/**
 * The query of the search page: the API's filters, sort, limit and cursor (so a page's address
 * is also an API query), plus `page`, the page number shown in "showing 51–100".
 */
export const searchPageQuerySchema = programQuerySchema.extend({
  // Organization ids are PostgreSQL integers; a larger number would fail in the database.
  partner: z.coerce.number().int().positive().max(2_147_483_647, 'is not an organization number').optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').max(100_000).optional(),
});

export type SearchPageQuery = z.infer<typeof searchPageQuerySchema>;

/** The filter names, in the order they appear in links. */
export const filterKeys = [
  'q',
  'fiscalYear',
  'fiscalYearFrom',
  'fiscalYearTo',
  'agency',
  'country',
  'includeRegional',
  'region',
  'partner',
  'assistanceType',
  'pillar',
  'status',
] as const satisfies readonly (keyof ProgramFilters)[];

export type FilterKey = (typeof filterKeys)[number];

/** The filters of a query alone (what facets, statistics and exports take). */
export function filtersOf(query: ProgramQuery): ProgramFilters {
  const filters: Record<string, unknown> = {};
  for (const key of filterKeys) if (query[key] !== undefined) filters[key] = query[key];
  return filters as ProgramFilters;
}

/** The filters as link values: `includeRegional` only when true, `status` comma-separated. */
export function filterValues(filters: ProgramFilters): QueryValues {
  const values: QueryValues = {};
  for (const key of filterKeys) {
    const value = filters[key];
    if (value === undefined) continue;
    values[key] = key === 'includeRegional' ? (value ? 'true' : undefined) : (value as QueryValues[string]);
  }
  return values;
}

/** The search page's address for these filters, sort and page size (first page). */
export function searchHref(filters: ProgramFilters, options: { sort?: string; limit?: number } = {}): string {
  return href('/programs', {
    ...filterValues(filters),
    sort: options.sort && options.sort !== 'id' ? options.sort : undefined,
    limit: options.limit && options.limit !== 50 ? options.limit : undefined,
  });
}

/** The same filters without one of them (for "remove this filter" links). */
export function withoutFilter(filters: ProgramFilters, keys: FilterKey[]): ProgramFilters {
  const rest: Record<string, unknown> = { ...filters };
  for (const key of keys) delete rest[key];
  if (keys.includes('country')) delete rest.includeRegional;
  return rest as ProgramFilters;
}

/** The download address of the current search in one format, built by the exports feature. */
export function exportHref(filters: ProgramFilters, format: 'csv' | 'json' | 'xml'): string {
  return href(`/api/exports/programs.${format}`, filterValues(filters));
}
