import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { printResult, reportCliError, resolveCliPath, withDatabase } from '../cli/cli-context.ts';
import { resolveInputFile } from '../cli/cli-files.ts';
import { loadConfig } from '../config/config.ts';
import { checkBackup, type BackupCheck } from './backup-check.ts';
import { backupDatabase } from '../db/backup.service.ts';
import { restoreDatabase, type RestoreProgress, type RestoreReport } from '../db/restore.service.ts';

/** A progress bar on stderr for a restore, only on a terminal and without --json. */
function restoreProgressBar(json: boolean): { update: (progress: RestoreProgress) => void; stop: () => void } {
  if (json || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Restoring [{bar}] {percentage}% | {value}/{total} statements', fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (progress) => {
      if (!started) bar.start(progress.total, 0);
      started = true;
      bar.update(progress.done);
    },
    stop: () => started && bar.stop(),
  };
}

function describeRestore(report: RestoreReport, where: string): string {
  const source = report.sourceVersion ? ` (dumped from PostgreSQL ${report.sourceVersion})` : '';
  return `Restored ${report.tables} tables and ${report.rows.toLocaleString('en-US')} rows${source} into ${where}; ${report.migrations} migrations applied.`;
}

function describeCheck(check: BackupCheck): string {
  const lines = [
    `${check.ok ? 'The backup restores' : 'The backup has problems'}: ${check.tables.length} tables, ${check.rows.toLocaleString('en-US')} rows, ${check.migrations.inBackup} of ${check.migrations.known} migrations applied${check.sourceVersion ? ` (dumped from PostgreSQL ${check.sourceVersion})` : ''}.`,
    ...check.tables.map((table) => `  ${table.table.padEnd(44)} ${String(table.rows).padStart(9)}`),
    ...check.problems.map((problem) => `problem: ${problem}`),
  ];
  return lines.join('\n');
}

/** `ctip backup --out FILE` and `ctip restore FILE` (`--check` to verify a backup in a scratch copy). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent backup of the database (plain SQL in pg_dump format) while the server runs')
    .requiredOption('--out <file>', 'the file to write (never overwritten unless --force)')
    .option('--force', 'replace the file if it exists')
    .option('--json', 'print the result as JSON')
    .action(async (options: { out: string; force?: boolean; json?: boolean }) => {
      try {
        const report = await withDatabase((handle, config) =>
          backupDatabase({
            handle,
            databaseUrl: config.databaseUrl,
            outPath: resolveCliPath(options.out),
            overwrite: Boolean(options.force),
          }),
        );
        printResult({
          json: Boolean(options.json),
          data: report,
          text: () =>
            `Backed up the ${report.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} database to ${report.file} (${report.bytes.toLocaleString('en-US')} bytes).`,
        });
      } catch (error) {
        reportCliError(error, { json: Boolean(options.json) });
      }
    });

  program
    .command('restore')
    .description('Restore a backup into an empty database (DATABASE_URL) or a new data directory (CTIP_DATA_DIR), all or nothing')
    .argument('<file>', 'a backup written by ctip backup (or pg_dump --format=plain of a ctip database)')
    .option(
      '--check',
      'only check the backup: restore it into a scratch copy in memory, compare row counts, run the migrations; nothing of this installation is touched',
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { check?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      try {
        if (options.check) {
          const check = await checkBackup({ filePath: resolveInputFile(file) });
          printResult({ json, data: check, text: () => describeCheck(check) });
          if (!check.ok) process.exitCode = 3;
          return;
        }
        const config = loadConfig();
        const target = config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir };
        const bar = restoreProgressBar(json);
        let report: RestoreReport;
        try {
          report = await restoreDatabase({ filePath: resolveInputFile(file), target, onProgress: bar.update });
        } finally {
          bar.stop();
        }
        const where = config.databaseUrl ? 'the PostgreSQL database of DATABASE_URL' : `the data directory ${config.dataDir}`;
        printResult({ json, data: report, text: () => describeRestore(report, where) });
      } catch (error) {
        reportCliError(error, { json });
      }
    });
}
