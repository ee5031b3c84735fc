import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { visibleProgramsSql } from '../policy/policy.ts';
import { domesticProgramSql } from '../programs/program-search.ts';
import type { Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { centsText, centsToUsd } from '../shared/money.ts';
import type { Summary } from './stats.schemas.ts';
import { placeCountsSql } from './place-counts.ts';

function visibilityCondition(viewer: Viewer): SQL {
  return visibleProgramsSql(viewer);
}

/**
 * Figures of one fiscal year over the visible programs; `domestic` narrows to programs placed in
 * the United States, `international` to all others (the published Assessment reports them apart).
 */
async function summarizeYear(db: Executor, fiscalYear: number, viewer: Viewer, scope: 'all' | 'domestic' | 'international' = 'all') {
  const scopeCondition = scope === 'all' ? sql`TRUE` : scope === 'domestic' ? domesticProgramSql : sql`NOT ${domesticProgramSql}`;
  const [row] = await selectRows(
    db,
    sql`WITH year_programs AS (
          SELECT p.id, o.amount_cents FROM programs p
          JOIN program_obligations o ON o.program_id = p.id AND o.fiscal_year = ${fiscalYear}
          WHERE ${visibilityCondition(viewer)} AND ${scopeCondition})
        SELECT
          (SELECT count(*) FROM year_programs)::int AS programs,
          (SELECT coalesce(sum(amount_cents), 0) FROM year_programs)::text AS obligated_cents,
          (SELECT count(*) FROM year_programs WHERE amount_cents IS NULL)::int AS unknown_amount_programs,
          ${placeCountsSql(sql`SELECT id FROM year_programs`, { excludeUsa: scope === 'international' })},
          (SELECT count(DISTINCT pl.program_id) FROM program_places pl JOIN year_programs y ON y.id = pl.program_id
            WHERE pl.region_code IS NOT NULL)::int AS regional_programs`,
  );
  return {
    programs: Number(row!.programs),
    obligatedCents: BigInt(String(row!.obligated_cents)),
    unknownAmountPrograms: Number(row!.unknown_amount_programs),
    countries: Number(row!.countries_named),
    countriesReached: Number(row!.countries_reached),
    countriesAndRegions: Number(row!.countries_and_regions),
    regionalPrograms: Number(row!.regional_programs),
  };
}

function presentScope(figures: Awaited<ReturnType<typeof summarizeYear>>) {
  return {
    programs: figures.programs,
    obligatedUsd: centsToUsd(figures.obligatedCents),
    obligatedCents: centsText(figures.obligatedCents),
    countries: figures.countries,
    countriesReached: figures.countriesReached,
    countriesAndRegions: figures.countriesAndRegions,
    unknownAmountPrograms: figures.unknownAmountPrograms,
  };
}

/**
 * The fiscal years the visible data cover; `note` tells a reader who asked for a year without any
 * program which years to ask for instead (an empty year is otherwise easy to take for "no money").
 */
export async function findDataCoverage(options: { db: Executor; viewer: Viewer; fiscalYear?: number; programs?: number }) {
  const [row] = await selectRows(
    options.db,
    sql`SELECT min(o.fiscal_year) AS first, max(o.fiscal_year) AS last FROM program_obligations o JOIN programs p ON p.id = o.program_id
        WHERE ${visibilityCondition(options.viewer)}`,
  );
  const from = row?.first === null || row?.first === undefined ? null : Number(row.first);
  const to = row?.last === null || row?.last === undefined ? null : Number(row.last);
  const empty = options.fiscalYear !== undefined && options.programs === 0;
  const cover = from === null ? 'no fiscal year yet' : from === to ? `FY${from} only` : `FY${from}–FY${to}`;
  return {
    fiscalYearFrom: from,
    fiscalYearTo: to,
    note: empty ? `No program has an obligation recorded in FY${options.fiscalYear}; the data cover ${cover}.` : null,
  };
}

/** Headline figures of a fiscal year, and the year before for comparison. */
export async function getSummary(options: { db: Executor; fiscalYear: number; viewer: Viewer }): Promise<Summary> {
  const { db, fiscalYear, viewer } = options;
  const current = await summarizeYear(db, fiscalYear, viewer);
  const previous = await summarizeYear(db, fiscalYear - 1, viewer);
  const international = await summarizeYear(db, fiscalYear, viewer, 'international');
  const domestic = await summarizeYear(db, fiscalYear, viewer, 'domestic');
  return {
    fiscalYear,
    programs: current.programs,
    obligatedUsd: centsToUsd(current.obligatedCents),
    obligatedCents: centsText(current.obligatedCents),
    countries: current.countries,
    countriesReached: current.countriesReached,
    countriesAndRegions: current.countriesAndRegions,
    unknownAmountPrograms: current.unknownAmountPrograms,
    regionalPrograms: current.regionalPrograms,
    international: presentScope(international),
    domestic: presentScope(domestic),
    previousYear:
      previous.programs > 0
        ? {
            fiscalYear: fiscalYear - 1,
            programs: previous.programs,
            obligatedUsd: centsToUsd(previous.obligatedCents),
            obligatedCents: centsText(previous.obligatedCents),
            countries: previous.countries,
          }
        : null,
    coverage: await findDataCoverage({ db, viewer, fiscalYear, programs: current.programs }),
  };
}

/** The latest fiscal year with any obligation the viewer can see, or undefined on an empty database. */
export async function findLatestFiscalYear(options: { db: Executor; viewer: Viewer }): Promise<number | undefined> {
  const [row] = await selectRows(
    options.db,
    sql`SELECT max(o.fiscal_year) AS fiscal_year FROM program_obligations o JOIN programs p ON p.id = o.program_id
        WHERE ${visibilityCondition(options.viewer)}`,
  );
  return row?.fiscal_year === null || row?.fiscal_year === undefined ? undefined : Number(row.fiscal_year);
}

export { allocateCents, getBreakdown, getBreakdownByFiscalYear } from './breakdown.ts';
