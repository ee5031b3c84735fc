import type { Command } from 'commander';
import { cliActor } from '../../cli/cli-actor.ts';
import { printResult, reportCliError, withDatabase, cliContext } from '../../cli/cli-context.ts';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { formatImportReport, type ImportReport } from './import-report.ts';
import { createProgressReporter, type ImportProgress } from './progress.ts';

/**
 * The action of an import command: opens the database, runs `run` with a progress reporter
 * (quiet with --json or without a terminal), prints the report (human or --json) and maps
 * errors to exit codes. `describe` adds importer-specific lines to the human report.
 */
export async function runImportCommand<Report extends ImportReport>(options: {
  label: string;
  json: boolean;
  run: (context: { db: Database; actor: Actor; onProgress: (progress: ImportProgress) => void }) => Promise<Report>;
  describe?: (report: Report) => string[];
}): Promise<void> {
  const progress = createProgressReporter({ label: options.label, json: options.json, stream: cliContext().stderr as NodeJS.WriteStream });
  try {
    const report = await withDatabase((handle) =>
      options.run({ db: handle.db, actor: cliActor(), onProgress: (value) => progress.update(value) }),
    );
    progress.stop();
    printResult({ json: options.json, data: report, text: () => formatImportReport(report, { extraLines: options.describe?.(report) }) });
  } catch (error) {
    progress.stop();
    reportCliError(error, { json: options.json });
  }
}

/** The options every import command has. */
export function addCommonImportOptions(command: Command): Command {
  return command
    .option('--json', 'print the report as JSON', false)
    .option('--dry-run', 'import, report what would happen, then roll back: nothing is written', false);
}
