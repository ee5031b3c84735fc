import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { cliContext, printResult, reportCliError, resolveCliPath, setCliExitCode, withDatabase } from '../../cli/cli-context.ts';
import { resolveInputFile } from '../../cli/cli-files.ts';
import { cliActor } from '../../cli/cli-actor.ts';
import type { Database } from '../../db/database.ts';
import { AppError, errorCodes, isAppError, type ErrorBody } from '../../shared/errors.ts';
import { formatImportReport } from '../shared/import-report.ts';
import { createProgressReporter } from '../shared/progress.ts';
import { checkAgency, importIatiFile, type IatiImportReport, type ImportIatiFileOptions } from './iati.importer.ts';

/** One file of a run: its report, or why it was refused (nothing of it written). */
export type IatiFileResult = { file: string; report?: IatiImportReport; error?: ErrorBody['error'] };

export type IatiRunResult = {
  files: IatiFileResult[];
  totals: {
    files: number;
    failedFiles: number;
    read: number;
    imported: number;
    merged: number;
    rejected: number;
    skipped: number;
    unchanged: number;
  };
};

/** The files a FILE|DIR argument names: the file itself, or every *.xml directly in the directory, sorted. */
export function listIatiFiles(target: string): string[] {
  const full = resolveInputFile(target, { directoryAllowed: true });
  if (!statSync(full).isDirectory()) return [target];
  const files = readdirSync(full)
    .filter((name) => name.toLowerCase().endsWith('.xml'))
    .sort()
    .map((name) => path.join(target, name));
  if (files.length === 0) throw new AppError({ code: 'INVALID_FILE', message: `No *.xml files in ${target}` });
  return files;
}

/**
 * Imports each file in its own transaction (whole or not at all); a file that fails does not
 * stop the others. Totals add up the files that imported.
 */
export async function importIatiFiles(
  options: Omit<ImportIatiFileOptions, 'filePath' | 'db'> & { db: Database; files: string[]; onFile?: (file: string) => void },
): Promise<IatiRunResult> {
  if (options.fundingAgencyId) await checkAgency(options.db, options.fundingAgencyId);
  const files: IatiFileResult[] = [];
  for (const file of options.files) {
    options.onFile?.(file);
    try {
      files.push({ file, report: await importIatiFile({ ...options, filePath: resolveCliPath(file) }) });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'INVALID_FILE') throw error;
      files.push({ file, error: error.toBody().error });
    }
  }
  const reports = files.flatMap((entry) => entry.report ?? []);
  const sum = (key: 'read' | 'imported' | 'merged' | 'rejected' | 'skipped' | 'unchanged') =>
    reports.reduce((total, report) => total + report[key], 0);
  return {
    files,
    totals: {
      files: files.length,
      failedFiles: files.length - reports.length,
      read: sum('read'),
      imported: sum('imported'),
      merged: sum('merged'),
      rejected: sum('rejected'),
      skipped: sum('skipped'),
      unchanged: sum('unchanged'),
    },
  };
}

/** The human form of one file's report, with the IATI figures. */
export function formatIatiReport(report: IatiImportReport): string {
  const { details } = report;
  const extraLines = [
    `file: ${details.fileName}; IATI version ${details.iatiVersion ?? 'unknown'}; ${details.transactions} transactions`,
    ...(details.fundingAgencyOption ? [`funding agency for funders that are not ctip agencies: ${details.fundingAgencyOption}`] : []),
    ...(details.onlyTrafficking
      ? [
          `only trafficking: ${details.kept.length + details.keptNotListed} kept, ${report.skipped} skipped; kept by rule: ${
            Object.entries(details.rulesMatched)
              .map(([rule, count]) => `${rule} ${count}`)
              .join(', ') || 'none'
          }`,
        ]
      : []),
    ...details.kept
      .slice(0, 20)
      .map((entry) => `  kept ${entry.identifier} (${entry.path}, line ${entry.line}): ${entry.rules.join(', ')}`),
  ];
  return formatImportReport(report, { extraLines });
}

function formatRun(result: IatiRunResult): string {
  const parts = result.files.map((entry) =>
    entry.report ? formatIatiReport(entry.report) : `${entry.file}: not imported, nothing written: ${entry.error!.message}`,
  );
  if (result.files.length > 1) {
    const t = result.totals;
    parts.push(
      `totals over ${t.files} files (${t.failedFiles} refused): read ${t.read}, imported ${t.imported}, merged ${t.merged}, rejected ${t.rejected}, skipped ${t.skipped}, unchanged ${t.unchanged}`,
    );
  }
  return parts.join('\n\n');
}

type CliOptions = { fundingAgency?: string; onlyTrafficking: boolean; json: boolean; dryRun: boolean };

/** Adds `iati FILE|DIR [--only-trafficking] [--funding-agency ID] [--dry-run] [--json]` to `ctip import`. */
export function registerIatiImportCommand(importCommand: Command): void {
  importCommand
    .command('iati')
    .description('Import IATI activity XML (1.00–1.05, 2.01–2.03): one file, or every *.xml in a directory, each whole or not at all')
    .argument('<path>', 'an IATI activity file, or a directory of them')
    .option('--funding-agency <id>', 'ctip agency recorded for activities whose funder is not a ctip agency (otherwise they are rejected)')
    .option(
      '--only-trafficking',
      'keep only activities about trafficking (sector, SDG target and keyword rules); the report names the rule',
      false,
    )
    .option('--json', 'print the report as JSON', false)
    .option('--dry-run', 'import, report, then roll back: nothing is written', false)
    .action(async (target: string, options: CliOptions) => {
      const progress = createProgressReporter({ label: 'iati', json: options.json, stream: cliContext().stderr as NodeJS.WriteStream });
      try {
        const files = listIatiFiles(target);
        const result = await withDatabase((handle) =>
          importIatiFiles({
            db: handle.db,
            files,
            actor: cliActor(),
            ...(options.fundingAgency ? { fundingAgencyId: options.fundingAgency } : {}),
            onlyTrafficking: options.onlyTrafficking,
            dryRun: options.dryRun,
            onProgress: (update) => progress.update(update),
          }),
        );
        progress.stop();
        const single = files.length === 1 ? result.files[0]! : undefined;
        if (single?.error) throw new AppError(single.error);
        printResult({ json: options.json, data: single?.report ?? result, text: () => formatRun(result) });
        if (result.totals.failedFiles > 0) setCliExitCode(errorCodes.INVALID_FILE.exitCode);
      } catch (error) {
        progress.stop();
        reportCliError(error, { json: options.json });
      }
    });
}
