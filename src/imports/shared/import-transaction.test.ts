import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { createImportReport } from './import-report.ts';
import { recordImportRun, runImportTransaction } from './import-transaction.ts';

const actor = { name: 'test', door: 'import' } as const;

async function countRuns(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.importRuns);
  return Number(row!.n);
}

async function work(tx: Executor) {
  const report = createImportReport({ source: 'test', dryRun: false }).finish({ read: 0 });
  await recordImportRun({ db: tx, fileName: 'x.csv', actor, report });
  return report;
}

describeEachDatabase('runImportTransaction', {}, (database) => {
  it('commits the work and returns its result', async () => {
    const report = await runImportTransaction({ db: database.db, dryRun: false, work });
    assert.equal(report.read, 0);
    assert.equal(await countRuns(database.db), 1);
  });

  it('a dry run does all the work, returns its report and writes nothing', async () => {
    const before = await countRuns(database.db);
    const report = await runImportTransaction({ db: database.db, dryRun: true, work });
    assert.equal(report.source, 'test');
    assert.equal(await countRuns(database.db), before);
  });

  it('an error halfway rolls back what was written before it', async () => {
    const before = await countRuns(database.db);
    await assert.rejects(
      runImportTransaction({
        db: database.db,
        dryRun: false,
        work: async (tx) => {
          await work(tx);
          throw new Error('disk on fire');
        },
      }),
      /disk on fire/,
    );
    assert.equal(await countRuns(database.db), before);
  });
});
