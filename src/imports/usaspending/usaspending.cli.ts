import type { Command } from 'commander';
import { resolveInputFile } from '../../cli/cli-files.ts';
import { formatUsd } from '../../shared/money.ts';
import { addCommonImportOptions, runImportCommand } from '../shared/import-command.ts';
import { defaultListings } from './usaspending.agencies.ts';
import { importUsaspending, type UsaspendingReport } from './usaspending.importer.ts';

function describeReport(report: UsaspendingReport): string[] {
  const { details } = report;
  return [
    `assistance listings kept: ${details.listings.join(', ')}`,
    ...details.totals.map(
      (total) =>
        `  ${total.fundingAgencyId} FY${total.fiscalYear}: ${total.awards} awards, ${formatUsd(total.obligatedCents)} obligated${total.negativeAwards ? ` (${total.negativeAwards} with a negative total, not counted)` : ''}`,
    ),
    ...(details.unmappedAgencies.length
      ? [`agencies without a ctip mapping: ${details.unmappedAgencies.map((entry) => `${entry.name} (${entry.rows})`).join(', ')}`]
      : []),
  ];
}

/** Adds `usaspending FILE [--listings …] [--dry-run] [--json]` to `ctip import`. */
export function registerUsaspendingImportCommand(importCommand: Command): void {
  const command = importCommand
    .command('usaspending')
    .description('Import a USAspending assistance prime-award summary download (awards under the trafficking assistance listings)')
    .argument('<file>', 'the CSV file (Assistance_PrimeAwardSummaries_*.csv)')
    .option('--listings <numbers>', 'comma-separated assistance listings to keep', Object.keys(defaultListings).join(','));
  addCommonImportOptions(command).action(async (file: string, options: { listings: string; json: boolean; dryRun: boolean }) => {
    await runImportCommand({
      label: 'usaspending',
      json: options.json,
      run: ({ db, actor, onProgress }) =>
        importUsaspending({
          db,
          filePath: resolveInputFile(file),
          listings: options.listings
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean),
          actor,
          dryRun: options.dryRun,
          onProgress,
        }),
      describe: describeReport,
    });
  });
}
