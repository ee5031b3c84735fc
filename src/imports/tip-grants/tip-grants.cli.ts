import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { cliContext, printResult, reportCliError, withDatabase } from '../../cli/cli-context.ts';
import { resolveInputFile } from '../../cli/cli-files.ts';
import { cliActor } from '../../cli/cli-actor.ts';
import { AppError } from '../../shared/errors.ts';
import { formatProblemList } from '../shared/import-report.ts';
import { importTipGrants, type TipGrantsImportReport, type TipGrantsProgress } from './tip-grants.importer.ts';

/** The human form of a report: counts, then the problems that need a look (errors and warnings first). */
export function formatTipGrantsReport(report: TipGrantsImportReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}read ${report.read} rows: ${report.imported} imported, ${report.merged} merged, ${report.rejected} rejected, ${report.skipped} skipped, ${report.unchanged} unchanged`,
    `funding agency: ${report.fundingAgencyId}; encoding: ${report.encoding}`,
  ];
  const organizations = report.unresolvedNames.filter((entry) => entry.kind === 'organization').length;
  const places = report.unresolvedNames.filter((entry) => entry.kind === 'place').length;
  if (organizations || places)
    lines.push(`names to review: ${organizations} organizations, ${places} places (ctip lists them with --json)`);
  return [...lines, ...formatProblemList(report.problems)].join('\n');
}

function progressReporter(): { onProgress: (progress: TipGrantsProgress) => void; stop: () => void } {
  const stream = cliContext().stderr;
  if (!stream.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: stream as NodeJS.WriteStream, format: 'importing [{bar}] {value}/{total} programs', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (progress) => {
      if (progress.phase !== 'writing') return;
      if (!started) {
        bar.start(progress.total, progress.done);
        started = true;
      } else bar.update(progress.done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Adds `tip-grants FILE [--funding-agency ID] [--json] [--dry-run]` to the `ctip import` command. */
export function registerTipGrantsImportCommand(importCommand: Command): void {
  importCommand
    .command('tip-grants')
    .description(
      'Import the State TIP grant listing (funding_original.csv); every row is reported as imported, merged, rejected, skipped or unchanged',
    )
    .argument('<file>', 'the CSV file')
    .option('--funding-agency <id>', 'agency recorded as the funder of every program', 'state-tip')
    .option('--json', 'print the report as JSON', false)
    .option('--dry-run', 'import, report, then roll back: nothing is written', false)
    .action(async (file: string, options: { fundingAgency: string; json: boolean; dryRun: boolean }) => {
      const progress = progressReporter();
      try {
        const filePath = resolveInputFile(file);
        const report = await withDatabase((handle) =>
          importTipGrants({
            db: handle.db,
            filePath,
            fundingAgencyId: options.fundingAgency,
            actor: cliActor(),
            dryRun: options.dryRun,
            onProgress: progress.onProgress,
          }),
        );
        progress.stop();
        printResult({ json: options.json, data: report, text: () => formatTipGrantsReport(report) });
      } catch (error) {
        progress.stop();
        reportCliError(error, { json: options.json });
      }
    });
}
