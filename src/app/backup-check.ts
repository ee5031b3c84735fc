import { readJournal } from '../db/migration-status.ts';
import { openDatabase } from '../db/database.ts';
import { prepareDatabase } from './prepare-database.ts';
import { loadDump, readDumpFile, type RestoreReport } from '../db/restore.service.ts';
import { sessionOfPglite } from '../db/restore-target.ts';
import { summarizeTables } from '../db/table-summary.ts';

/** What checking a backup found: its tables and rows, its migrations, and anything wrong. */
export type BackupCheck = {
  ok: boolean;
  sourceVersion: string | undefined;
  tables: { table: string; rows: number }[];
  rows: number;
  migrations: { inBackup: number; known: number };
  problems: string[];
};

/** How many migrations this code has (drizzle-kit's journal). */
export function countKnownMigrations(): number {
  return readJournal().length;
}

function unquote(name: string): string {
  return name
    .split('.')
    .map((part) => (part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part))
    .join('.');
}

/**
 * Checks a backup without touching any database of the installation: restores it into a scratch
 * PGlite in memory, compares every table's row count with the rows the dump holds, and brings the
 * copy up to date as a server start would (migrations, reference data). A backup that passes can
 * be restored and served.
 */
export async function checkBackup(options: { filePath: string }): Promise<BackupCheck> {
  const dump = readDumpFile(options.filePath);
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    const report: RestoreReport = await loadDump({ dump, session: sessionOfPglite(handle.pglite!), engine: 'pglite' });
    // The dump switched the session's search_path off; the checks below use unqualified names.
    await handle.pglite!.exec('RESET search_path');
    const summaries = await summarizeTables({ db: handle.db });
    const problems: string[] = [];
    const expected = new Map(Object.entries(report.rowsByTable).map(([table, rows]) => [unquote(table), rows]));
    for (const summary of summaries) {
      const inDump = expected.get(summary.table) ?? 0;
      if (summary.rows !== inDump) problems.push(`${summary.table}: the dump holds ${inDump} rows, the restored table ${summary.rows}`);
    }
    const known = countKnownMigrations();
    if (report.migrations > known)
      problems.push(
        `The backup has ${report.migrations} migrations applied, this version of ctip knows ${known}: restore it with the ctip version that made it (or a newer one)`,
      );
    else {
      try {
        await prepareDatabase({ handle });
      } catch (error) {
        problems.push(`The restored copy could not be brought up to date (migrations, reference data): ${(error as Error).message}`);
      }
    }
    return {
      ok: problems.length === 0,
      sourceVersion: report.sourceVersion,
      tables: summaries.map((summary) => ({ table: summary.table, rows: summary.rows })),
      rows: summaries.reduce((sum, summary) => sum + summary.rows, 0),
      migrations: { inBackup: report.migrations, known },
      problems,
    };
  } finally {
    await handle.close();
  }
}
