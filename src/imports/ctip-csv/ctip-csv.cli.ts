import type { Command } from 'commander';
import { cliContext, printResult, reportCliError, withDatabase } from '../../cli/cli-context.ts';
import { resolveInputFile } from '../../cli/cli-files.ts';
import { cliActor } from '../../cli/cli-actor.ts';
import { AppError } from '../../shared/errors.ts';
import { formatProblemList } from '../shared/import-report.ts';
import { importCtipCsv, type CtipCsvImportReport } from './ctip-csv.importer.ts';
import { renderCsvTemplate } from './ctip-csv.template.ts';

/** The human form of a report: counts, then the problems (errors first). */
export function formatCtipCsvReport(report: CtipCsvImportReport): string {
  const { programs } = report;
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}read ${report.read} rows: ${report.imported} imported, ${report.merged} merged, ${report.rejected} rejected, ${report.skipped} skipped, ${report.unchanged} unchanged`,
    `programs: ${programs.created} created, ${programs.updated} updated, ${programs.unchanged} unchanged, ${programs.rejected} rejected; encoding ${report.encoding}`,
  ];
  if (report.unreviewedPartners)
    lines.push(`${report.unreviewedPartners} partner names matched no reviewed organization: filed for review`);
  return [...lines, ...formatProblemList(report.problems)].join('\n');
}

/**
 * Adds `ctip import csv FILE [--dry-run] [--json]` to the import command and
 * `ctip template csv` to the program.
 */
export function registerCtipCsvCommands(program: Command, importCommand: Command): void {
  importCommand
    .command('csv')
    .description('Import the ctip program CSV (what ctip export csv writes; ctip template csv prints the layout)')
    .argument('<file>', 'the CSV file')
    .option('--json', 'print the report as JSON', false)
    .option('--dry-run', 'import, report, then roll back: nothing is written', false)
    .action(async (file: string, options: { json: boolean; dryRun: boolean }) => {
      try {
        const filePath = resolveInputFile(file);
        const actor = cliActor();
        const report = await withDatabase((handle) => importCtipCsv({ db: handle.db, filePath, actor, dryRun: options.dryRun }));
        printResult({ json: options.json, data: report, text: () => formatCtipCsvReport(report) });
      } catch (error) {
        reportCliError(error, { json: options.json });
      }
    });
  program
    .command('template')
    .description('Print an import template')
    .argument('<format>', 'csv')
    .action((format: string) => {
      if (format !== 'csv') {
        reportCliError(new AppError({ code: 'VALIDATION_FAILED', message: `Unknown template '${format}': the only template is csv` }), {
          json: false,
        });
        return;
      }
      cliContext().stdout.write(renderCsvTemplate());
    });
}
