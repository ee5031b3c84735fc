import type { Command } from 'commander';
import { printResult, reportCliError, withDatabase } from '../cli/cli-context.ts';
import { invalidFlagsError } from '../cli/cli-validation.ts';
import { publicViewer, systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { formatUsd } from '../shared/money.ts';
import { breakdownDimensions, fiscalYearQuerySchema, type BreakdownDimension } from './stats.schemas.ts';
import { getBreakdown, getSummary } from './stats.service.ts';

/** `ctip stats --fiscal-year 2004 [--by agency] [--json]`: the same objects as /api/stats. */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('Headline figures of a fiscal year, or a breakdown with --by')
    .requiredOption('--fy, --fiscal-year <year>', 'fiscal year (FY N runs 1 Oct N-1 to 30 Sep N)')
    .option('--by <dimension>', `break down by ${breakdownDimensions.join(', ')}`)
    .option('--include-restricted', 'count restricted records too (operators only; differs from the public API)')
    .option('--json', 'print JSON')
    .action(async (options: { fiscalYear: string; by?: string; json?: boolean; includeRestricted?: boolean }) => {
      const json = Boolean(options.json);
      try {
        const parsed = fiscalYearQuerySchema.safeParse({ fiscalYear: options.fiscalYear });
        if (!parsed.success) throw invalidFlagsError(parsed.error, { given: { fiscalYear: options.fiscalYear } });
        const fiscalYear = parsed.data.fiscalYear;
        if (options.by !== undefined && !breakdownDimensions.includes(options.by as BreakdownDimension)) {
          throw new AppError({
            code: 'VALIDATION_FAILED',
            message: `--by ${options.by}: must be one of ${breakdownDimensions.join(', ')}`,
          });
        }
        await withDatabase(async ({ db }) => {
          // The CLI runs with the operator's rights, but prints public figures unless asked
          // otherwise, so that its numbers match the public API.
          const viewer = options.includeRestricted ? systemViewer : publicViewer;
          if (options.by) {
            const breakdown = await getBreakdown({ db, dimension: options.by as BreakdownDimension, filters: { fiscalYear }, viewer });
            printResult({
              json,
              data: breakdown,
              text: () =>
                [`FY${fiscalYear} by ${breakdown.dimension} (${breakdown.method}), total ${formatUsd(BigInt(breakdown.totalCents))}`]
                  .concat(
                    breakdown.rows.map(
                      (row) =>
                        `  ${row.label.padEnd(50)} ${String(row.programs).padStart(5)}  ${formatUsd(BigInt(row.obligatedCents)).padStart(18)}`,
                    ),
                  )
                  .join('\n'),
            });
            return;
          }
          const summary = await getSummary({ db, fiscalYear, viewer });
          printResult({
            json,
            data: summary,
            text: () =>
              [
                `Fiscal year ${summary.fiscalYear}`,
                `  programs:               ${summary.programs}`,
                `  obligated (known):      ${formatUsd(BigInt(summary.obligatedCents))}`,
                `  countries:              ${summary.countries}`,
                `  unknown-amount programs: ${summary.unknownAmountPrograms}`,
                `  regional programs:      ${summary.regionalPrograms}`,
                `  international:          ${summary.international.programs} programs, ${formatUsd(BigInt(summary.international.obligatedCents))}, ${summary.international.countries} countries`,
                `  domestic (USA):         ${summary.domestic.programs} programs, ${formatUsd(BigInt(summary.domestic.obligatedCents))}`,
              ].join('\n'),
          });
        });
      } catch (error) {
        reportCliError(error, { json });
      }
    });
}
