import { sql, type SQL } from 'drizzle-orm';
import { agencyTreeIdsSql } from '../db/agency-tree.ts';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { AppError } from '../shared/errors.ts';
import { visibleProgramsSql } from '../policy/policy.ts';
import type { Viewer } from '../shared/actor.ts';
import type { ProgramFilters as Filters, ProgramQuery } from './program.schemas.ts';

/** The fiscal-year range a query asks for, or undefined for all years. */
export function resolveFiscalYearRange(filters: Filters): { from: number; to: number } | undefined {
  if (filters.fiscalYear !== undefined) return { from: filters.fiscalYear, to: filters.fiscalYear };
  if (filters.fiscalYearFrom === undefined && filters.fiscalYearTo === undefined) return undefined;
  const range = { from: filters.fiscalYearFrom ?? 1990, to: filters.fiscalYearTo ?? 2100 };
  if (range.from > range.to) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `fiscalYearFrom (${range.from}) is after fiscalYearTo (${range.to})`,
      details: [{ field: 'fiscalYearFrom', message: 'must not be after fiscalYearTo' }],
    });
  }
  return range;
}

/** Programs placed in this country are domestic, every other program international: ctip reports them apart. */
export const domesticCountryCode = 'USA';

/** The SQL condition (on alias `p`) that keeps the domestic programs; `NOT` it for the international. */
export const domesticProgramSql = sql`EXISTS (SELECT 1 FROM program_places d WHERE d.program_id = p.id AND d.country_code = ${domesticCountryCode})`;

/**
 * The WHERE conditions for program filters, on alias `p`. Every value goes in as a parameter.
 * Shared by the program list and the statistics, so a figure and the list behind it agree.
 */
export function buildProgramConditions(options: { filters: Filters; viewer: Viewer }): SQL[] {
  const { filters, viewer } = options;
  const conditions: SQL[] = [];
  conditions.push(visibleProgramsSql(viewer));
  const range = resolveFiscalYearRange(filters);
  if (range) {
    conditions.push(sql`EXISTS (SELECT 1 FROM program_obligations o WHERE o.program_id = p.id
      AND o.fiscal_year BETWEEN ${range.from} AND ${range.to})`);
  }
  if (filters.agency) {
    conditions.push(sql`p.funding_agency_id IN ${agencyTreeIdsSql({ from: filters.agency, direction: 'down' })}`);
  }
  if (filters.country) {
    const regional = filters.includeRegional
      ? sql` OR pl.region_code IN (SELECT region_code FROM region_countries WHERE country_code = ${filters.country})`
      : sql``;
    conditions.push(sql`EXISTS (SELECT 1 FROM program_places pl WHERE pl.program_id = p.id
      AND (pl.country_code = ${filters.country}${regional}))`);
  }
  if (filters.region) {
    conditions.push(sql`EXISTS (SELECT 1 FROM program_places pl WHERE pl.program_id = p.id
      AND (pl.region_code = ${filters.region}
        OR pl.country_code IN (SELECT country_code FROM region_countries WHERE region_code = ${filters.region})))`);
  }
  if (filters.partner !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM program_partners pp WHERE pp.program_id = p.id
      AND pp.organization_id = ${filters.partner})`);
  }
  for (const [vocabulary, code] of [
    ['assistance-type', filters.assistanceType],
    ['pillar', filters.pillar],
  ] as const) {
    if (code) {
      conditions.push(sql`EXISTS (SELECT 1 FROM program_terms t WHERE t.program_id = p.id
        AND t.vocabulary = ${vocabulary} AND t.code = ${code})`);
    }
  }
  if (filters.status?.length) {
    conditions.push(
      sql`p.status IN (${sql.join(
        filters.status.map((status) => sql`${status}`),
        sql`, `,
      )})`,
    );
  }
  if (filters.q) {
    conditions.push(sql`to_tsvector('english', p.title || ' ' || coalesce(p.description, ''))
      @@ websearch_to_tsquery('english', ${filters.q})`);
  }
  return conditions;
}

export function whereClause(conditions: SQL[]): SQL {
  return conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
}

type Cursor = { value: string | number; id: number };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

function decodeCursor(text: string, numeric: boolean): Cursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    // A forged cursor must fail here, not in SQL: ids are 32-bit, numeric sort values whole and
    // exact (sums of cents travel as decimal strings: a JSON number would round them above 2^53),
    // text sort values storable (no NUL).
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 2_147_483_647) throw new Error('bad id');
    const centsText = typeof value === 'string' && /^\d{1,40}$/.test(value);
    if (numeric ? !Number.isSafeInteger(value) && !centsText : typeof value !== 'string' || value.includes('\u0000'))
      throw new Error('bad value');
    return { value: value as string | number, id };
  } catch {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'cursor is not one this API issued for this sort order',
      details: [{ field: 'cursor', message: 'use nextCursor from the previous page, with the same sort' }],
    });
  }
}

/**
 * Finds the ids of one page of programs, with the total matching the filters. Keyset pagination
 * on (sort value, id) keeps pages stable while records are added.
 */
export async function findProgramIds(options: {
  db: Executor;
  query: ProgramQuery;
  viewer: Viewer;
}): Promise<{ ids: number[]; total: number; nextCursor: string | null }> {
  const { db, query, viewer } = options;
  const descending = query.sort.startsWith('-');
  const key = query.sort.replace(/^-/, '');
  const range = resolveFiscalYearRange(query);
  const yearCondition = range ? sql` AND o.fiscal_year BETWEEN ${range.from} AND ${range.to}` : sql``;
  const sortExpressions: Record<string, SQL> = {
    id: sql`p.id`,
    title: sql`lower(p.title)`,
    obligated: sql`(SELECT coalesce(sum(o.amount_cents), 0) FROM program_obligations o WHERE o.program_id = p.id${yearCondition})::numeric`,
    fiscalYear: sql`(SELECT coalesce(max(o.fiscal_year), 0) FROM program_obligations o WHERE o.program_id = p.id)`,
  };
  const numeric = key !== 'title';
  const conditions = buildProgramConditions({ filters: query, viewer });
  const filtered = sql`SELECT p.id, ${sortExpressions[key]} AS sort_value FROM programs p ${whereClause(conditions)}`;
  const cursor = query.cursor ? decodeCursor(query.cursor, numeric) : undefined;
  const comparison = descending ? sql`<` : sql`>`;
  const after = cursor ? sql`WHERE (sort_value, id) ${comparison} (${cursor.value}, ${cursor.id})` : sql``;
  const direction = descending ? sql`DESC` : sql`ASC`;
  const [rows, totalRows] = await Promise.all([
    selectRows<{ id: number; sort_value: unknown }>(
      db,
      sql`WITH filtered AS (${filtered})
      SELECT id, sort_value FROM filtered ${after}
      ORDER BY sort_value ${direction}, id ${direction} LIMIT ${query.limit + 1}`,
    ),
    selectRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM programs p ${whereClause(conditions)}`),
  ]);
  const total = Number(totalRows[0]?.total ?? 0);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ value: numeric && key !== 'obligated' ? Number(last.sort_value) : String(last.sort_value), id: Number(last.id) })
      : null;
  return { ids: page.map((row) => Number(row.id)), total, nextCursor };
}
