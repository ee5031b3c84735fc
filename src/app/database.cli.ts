import type { Command } from 'commander';
import { printResult, reportCliError, withDatabase } from '../cli/cli-context.ts';
import { registerBackupCommands } from './backup.cli.ts';

/** `ctip db migrate`: applies migrations and loads reference data; `ctip backup` and `ctip restore`. */
export function registerDatabaseCommands(program: Command): void {
  const database = program.command('db').description('Database maintenance');
  database
    .command('migrate')
    .description('Apply pending migrations and load the reference data (countries, agencies, vocabularies)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      try {
        const kind = await withDatabase(async (handle) => handle.kind);
        printResult({
          json: Boolean(options.json),
          data: { migrated: true, database: kind },
          text: () => `Migrated the ${kind} database.`,
        });
      } catch (error) {
        reportCliError(error, { json: Boolean(options.json) });
      }
    });
  registerBackupCommands(program);
}
