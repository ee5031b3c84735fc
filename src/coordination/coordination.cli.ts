import type { Command } from 'commander';
import { cliContext, printResult, reportCliError, withDatabase } from '../cli/cli-context.ts';
import { readInputText } from '../cli/cli-files.ts';
import { invalidFlagsError } from '../cli/cli-validation.ts';
import { programInputSchema, type ProgramInput } from '../programs/program.schemas.ts';
import { systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { formatUsd } from '../shared/money.ts';
import { overlapReportQuerySchema, type OverlapCheckResult, type OverlapReport } from './coordination.schemas.ts';
import { checkOverlap } from './overlap-check.ts';
import { overlapReportCsv } from './portfolio-csv.ts';
import { getOverlapReport } from './portfolio-report.ts';

/** Reads a draft program from a JSON file: INVALID_FILE when it cannot be read or parsed, VALIDATION_FAILED naming each bad field. */
export function readDraftFile(filePath: string): ProgramInput {
  const text = readInputText(filePath);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError({ code: 'INVALID_FILE', message: `${filePath} is not valid JSON: ${(error as Error).message}` });
  }
  const parsed = programInputSchema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'program', message: issue.message }));
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `${filePath} is not a valid program (the body of POST /api/programs): ${details.map((detail) => `${detail.field} ${detail.message}`).join('; ')}`,
      details,
    });
  }
  return parsed.data;
}

function describeMatches(result: OverlapCheckResult): string {
  if (result.matches.length === 0) return `No overlapping program found (${result.candidates} candidates scored).`;
  return [
    `${result.matches.length} overlapping programs (${result.candidates} candidates scored):`,
    ...result.matches.flatMap((match) => [
      `${String(match.programId).padStart(7)}  ${match.score.toFixed(2)}  ${match.title} (${match.fundingAgency.label})`,
      ...match.reasons.map((reason) => `                 - ${reason}`),
    ]),
  ].join('\n');
}

function describeReport(report: OverlapReport): string {
  const pairLine = (row: OverlapReport['overlap'][number]) =>
    `  ${row.placeName}, FY${row.fiscalYears.join('/')}: #${row.first.id} ${row.first.title} (${row.first.agency}) ~ #${row.second.id} ${row.second.title} (${row.second.agency}), ${formatUsd(row.obligatedCents)}`;
  const groupLine = (row: OverlapReport['duplication'][number]) => {
    const ids = row.programs
      .slice(0, 10)
      .map((program) => `#${program.id}`)
      .join(' ');
    const more = row.programs.length > 10 ? ` and ${row.programs.length - 10} more` : '';
    return `  ${row.partners.join('; ')} in ${row.places.map((place) => place.name).join('; ')}, FY${row.fiscalYears.join('/')}: ${row.programs.length} programs (${row.agencies.join(', ')}) ${ids}${more}, ${formatUsd(row.obligatedCents)}`;
  };
  return [
    `Overlap report FY${report.fiscalYearFrom}–FY${report.fiscalYearTo}: ${report.programsInRange} programs, ${formatUsd(report.obligatedCentsInRange)} obligated; findings involve ${formatUsd(report.obligatedCentsInvolved)}`,
    `Fragmentation: ${report.fragmentation.length} areas funded by several agencies`,
    ...report.fragmentation
      .slice(0, 20)
      .map(
        (row) =>
          `  ${row.placeName} / ${row.pillar}: ${row.agencies.join(', ')} — ${row.programs} programs, ${formatUsd(row.obligatedCents)}`,
      ),
    `Duplication: ${report.duplication.length} groups of ${report.counts.duplicatedPrograms} programs`,
    ...report.duplication.slice(0, 20).map(groupLine),
    `Overlap: ${report.overlap.length} pairs`,
    ...report.overlap.slice(0, 20).map(pairLine),
    report.fragmentation.length > 20 || report.duplication.length > 20 || report.overlap.length > 20
      ? '(first 20 of each; --csv or --json for all)'
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** `ctip check FILE.json` and `ctip overlap --from --to`: the same services as /api/coordination/*, with the operator's rights. */
export function registerCoordinationCommands(program: Command): void {
  program
    .command('check <file>')
    .description('Check a draft program (JSON, the body of POST /api/programs) for overlap with funded programs')
    .option('--limit <n>', 'how many matches to show (1–50)', '10')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { limit: string; json?: boolean }) => {
      const json = Boolean(options.json);
      try {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 50)
          throw new AppError({ code: 'VALIDATION_FAILED', message: `--limit ${options.limit} must be a whole number from 1 to 50` });
        const draft = readDraftFile(file);
        await withDatabase(async ({ db }) => {
          const result = await checkOverlap({ db, draft, viewer: systemViewer, limit });
          printResult({ json, data: result, text: () => describeMatches(result) });
        });
      } catch (error) {
        reportCliError(error, { json });
      }
    });
  program
    .command('overlap')
    .description('Portfolio overlap report of a fiscal-year range (fragmentation, overlap, duplication)')
    .requiredOption('--from <year>', 'first fiscal year')
    .requiredOption('--to <year>', 'last fiscal year')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (one row per finding)')
    .action(async (options: { from: string; to: string; json?: boolean; csv?: boolean }) => {
      const json = Boolean(options.json);
      try {
        const given = { from: options.from, to: options.to };
        const parsed = overlapReportQuerySchema.safeParse(given);
        if (!parsed.success) throw invalidFlagsError(parsed.error, { given });
        await withDatabase(async ({ db }) => {
          const report = await getOverlapReport({ db, ...parsed.data, viewer: systemViewer });
          if (options.csv) cliContext().stdout.write(overlapReportCsv(report));
          else printResult({ json, data: report, text: () => describeReport(report) });
        });
      } catch (error) {
        reportCliError(error, { json });
      }
    });
}
