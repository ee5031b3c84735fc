import type { Database, Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { ImportReport } from './import-report.ts';

class DryRunRollback extends Error {}

/**
 * Runs a whole import in ONE transaction and returns what `work` returned. A thrown error rolls
 * everything back and is rethrown; a killed process leaves an uncommitted transaction, which the
 * database discards. With `dryRun` the work runs in full (so its report says what would be
 * created, changed and rejected) and is rolled back at the end.
 */
export async function runImportTransaction<T>(options: { db: Database; dryRun: boolean; work: (tx: Executor) => Promise<T> }): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await options.db.transaction(async (tx) => {
      result = { value: await options.work(tx) };
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return result!.value;
}

/** Records an import run and its whole report in import_runs; call it inside the transaction. */
export async function recordImportRun(options: { db: Executor; fileName: string; actor: Actor; report: ImportReport }): Promise<void> {
  const { report } = options;
  await options.db.insert(schema.importRuns).values({
    source: report.source,
    fileName: options.fileName,
    fileSha256: report.fileSha256 ?? '',
    actor: options.actor.name,
    report,
  });
}
