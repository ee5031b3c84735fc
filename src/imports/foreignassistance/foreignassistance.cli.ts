import type { Command } from 'commander';
import { addCommonImportOptions, runImportCommand } from '../shared/import-command.ts';
import { resolveInputFile } from '../../cli/cli-files.ts';
import { importForeignAssistance, type ForeignAssistanceReport } from './foreignassistance.importer.ts';

function describeReport(report: ForeignAssistanceReport): string[] {
  const { details } = report;
  return [
    `activities about trafficking: ${details.activities}${details.rulesMatched.length ? ` (${details.rulesMatched.map((entry) => `${entry.rule}: ${entry.activities}`).join(', ')})` : ''}`,
    ...(details.unmappedAgencies.length
      ? [`managing agencies without a ctip mapping: ${details.unmappedAgencies.map((entry) => `${entry.name} (${entry.rows})`).join(', ')}`]
      : []),
  ];
}

/** Adds `foreignassistance FILE [--dry-run] [--json]` to `ctip import`. */
export function registerForeignAssistanceImportCommand(importCommand: Command): void {
  const command = importCommand
    .command('foreignassistance')
    .description('Import the ForeignAssistance.gov complete dataset (CSV): activities about trafficking, obligations and disbursements')
    .argument('<file>', 'the CSV file (us_foreign_aid_complete.csv)');
  addCommonImportOptions(command).action(async (file: string, options: { json: boolean; dryRun: boolean }) => {
    await runImportCommand({
      label: 'foreignassistance',
      json: options.json,
      run: ({ db, actor, onProgress }) =>
        importForeignAssistance({ db, filePath: resolveInputFile(file), actor, dryRun: options.dryRun, onProgress }),
      describe: describeReport,
    });
  });
}
