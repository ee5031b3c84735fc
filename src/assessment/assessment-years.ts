import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { visibleProgramsSql } from '../policy/policy.ts';
import { publicViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';

/**
 * The fiscal years with public programs, newest first: the years an Assessment can be made for.
 * A year whose amounts are all unknown has programs, so it counts.
 */
export async function listAssessmentYears(options: { db: Executor }): Promise<number[]> {
  const rows = await selectRows<{ fiscal_year: number }>(
    options.db,
    sql`SELECT DISTINCT o.fiscal_year FROM program_obligations o JOIN programs p ON p.id = o.program_id
        WHERE ${visibleProgramsSql(publicViewer)} ORDER BY o.fiscal_year DESC`,
  );
  return rows.map((row) => Number(row.fiscal_year));
}

/** "FY2001–FY2010, FY2012": consecutive years joined into ranges, oldest first. */
export function describeYears(years: number[]): string {
  const sorted = [...new Set(years)].sort((left, right) => left - right);
  const ranges: [number, number][] = [];
  for (const year of sorted) {
    const last = ranges.at(-1);
    if (last && year === last[1] + 1) last[1] = year;
    else ranges.push([year, year]);
  }
  return ranges.map(([first, last]) => (first === last ? `FY${first}` : `FY${first}–FY${last}`)).join(', ');
}

/**
 * Refuses an Assessment of a year without programs (an empty report would read as "nothing was
 * done"), naming the years the data cover. `code`: VALIDATION_FAILED for the CLI's --fy (exit
 * code 2), NOT_FOUND for a page or file address (404).
 */
export async function assertAssessmentYear(options: {
  db: Executor;
  fiscalYear: number;
  code: 'VALIDATION_FAILED' | 'NOT_FOUND';
}): Promise<void> {
  const years = await listAssessmentYears({ db: options.db });
  if (years.includes(options.fiscalYear)) return;
  throw new AppError({
    code: options.code,
    message: years.length
      ? `There is no Assessment for FY${options.fiscalYear}: no program is recorded for that year. The data cover ${describeYears(years)}.`
      : `There is no Assessment for FY${options.fiscalYear}: no program is recorded yet.`,
  });
}
