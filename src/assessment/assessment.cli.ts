import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliContext, reportCliError, resolveCliPath, withDatabase } from '../cli/cli-context.ts';
import { invalidFlagsError } from '../cli/cli-validation.ts';
import { AppError } from '../shared/errors.ts';
import { fiscalYearQuerySchema } from '../stats/stats.schemas.ts';
import { buildAssessment, parseDataAsOf } from './assessment-builder.ts';
import { assertAssessmentYear } from './assessment-years.ts';
import { assessmentFormats, renderAssessment, type AssessmentFormat } from './render-assessment.ts';

type Options = { fiscalYear: string; format: string; out?: string; dataAsOf?: string };

/** Checks the flags before the database is opened: each bad one is named. */
function validateOptions(options: Options): { fiscalYear: number; format: AssessmentFormat; dataAsOf?: string } {
  const year = fiscalYearQuerySchema.safeParse({ fiscalYear: options.fiscalYear });
  if (!year.success) throw invalidFlagsError(year.error, { given: { fiscalYear: options.fiscalYear } });
  if (!(assessmentFormats as readonly string[]).includes(options.format)) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `--format ${options.format}: must be one of ${assessmentFormats.join(', ')}`,
    });
  }
  const dataAsOf = options.dataAsOf === undefined ? undefined : parseDataAsOf(options.dataAsOf);
  return { fiscalYear: year.data.fiscalYear, format: options.format as AssessmentFormat, dataAsOf };
}

/**
 * `ctip assessment --fiscal-year 2004 --format html|md|docx|pdf [--out FILE] [--data-as-of YYYY-MM-DD]`:
 * the year's Assessment from the public records. Text formats go to stdout without --out;
 * DOCX and PDF need --out (binary on a terminal helps nobody).
 */
export function registerAssessmentCommand(program: Command): void {
  program
    .command('assessment')
    .description('Generate the annual Assessment of a fiscal year (HTML, Markdown, Word or PDF) from the public records')
    .requiredOption('--fy, --fiscal-year <year>', 'fiscal year (FY N runs 1 Oct N-1 to 30 Sep N)')
    .option('--format <format>', assessmentFormats.join(' | '), 'html')
    .option('--out <file>', 'write to this file (required for docx and pdf)')
    .option('--data-as-of <date>', 'the "data as of" date to print (YYYY-MM-DD); default: the latest change recorded in the data')
    .action(async (options: Options) => {
      try {
        const { fiscalYear, format, dataAsOf } = validateOptions(options);
        if (!options.out && (format === 'docx' || format === 'pdf')) {
          throw new AppError({ code: 'VALIDATION_FAILED', message: `--format ${format} writes binary: give --out FILE` });
        }
        const bytes = await withDatabase(async ({ db }, config) => {
          await assertAssessmentYear({ db, fiscalYear, code: 'VALIDATION_FAILED' });
          return renderAssessment(await buildAssessment({ db, fiscalYear, dataAsOf }), format, { chromiumPath: config.chromiumPath });
        });
        if (options.out) {
          writeFileSync(resolveCliPath(options.out), bytes);
          cliContext().stderr.write(`Wrote the FY${fiscalYear} Assessment (${format}, ${bytes.length} bytes) to ${options.out}\n`);
        } else {
          cliContext().stdout.write(bytes);
        }
      } catch (error) {
        reportCliError(error, { json: false });
      }
    });
}
