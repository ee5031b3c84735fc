import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createProgram } from '../programs/program.service.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { listTestDatabaseKinds } from '../testing/test-database.ts';
import { checkBackup } from '../app/backup-check.ts';
import { backupDatabase } from './backup.service.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { selectRows } from './select-rows.ts';
import { prepareDatabase } from '../app/prepare-database.ts';
import { restoreDatabase } from './restore.service.ts';
import { summarizeTables, type TableSummary } from './table-summary.ts';
import { fillBackupDatabase } from '../testing/backup-fixture.ts';
import { createScratchTarget, type ScratchTarget } from '../testing/backup-targets.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-backup-'));
after(() => rmSync(folder, { recursive: true, force: true }));

async function maxProgramId(handle: DatabaseHandle): Promise<number> {
  const [row] = await selectRows<{ id: number }>(handle.db, sql`SELECT max(id)::int AS id FROM programs`);
  return row!.id;
}

// Every direction: PGlite → PGlite, PGlite → PostgreSQL, PostgreSQL → PGlite, PostgreSQL → PostgreSQL.
for (const sourceKind of listTestDatabaseKinds()) {
  describe(`a backup of a ${sourceKind} database`, () => {
    let source: ScratchTarget | undefined;
    let summary: TableSummary[] = [];
    let sourceMaxId = 0;
    const file = path.join(folder, `${sourceKind}.sql`);

    before(async () => {
      const handle =
        sourceKind === 'pglite'
          ? await openDatabase({ dataDir: 'memory://' })
          : await (source = await createScratchTarget('postgres')).open();
      try {
        await handle.migrate();
        await fillBackupDatabase(handle.db);
        summary = await summarizeTables({ db: handle.db });
        sourceMaxId = await maxProgramId(handle);
        const report = await backupDatabase({
          handle,
          databaseUrl: source && 'databaseUrl' in source.target ? source.target.databaseUrl : undefined,
          outPath: file,
        });
        assert.equal(report.engine, sourceKind);
        // The server's session is as it was: unqualified names still resolve after the dump.
        assert.equal(await maxProgramId(handle), sourceMaxId);
      } finally {
        await handle.close();
      }
    });
    after(async () => source?.remove());

    it('holds real rows in every table', () => {
      assert.ok(summary.length >= 39, `${summary.length} tables`);
      assert.deepEqual(
        summary.filter((table) => table.rows === 0).map((table) => table.table),
        [],
      );
    });

    for (const targetKind of listTestDatabaseKinds()) {
      it(`restores into an empty ${targetKind} target with every table's rows and checksum equal`, { timeout: 300_000 }, async (t) => {
        const target = await createScratchTarget(targetKind);
        try {
          const report = await restoreDatabase({ filePath: file, target: target.target });
          const rows = summary.reduce((sum, table) => sum + table.rows, 0);
          assert.equal(report.engine, targetKind);
          assert.equal(report.tables, summary.length);
          assert.equal(report.rows, rows);
          t.diagnostic(`${sourceKind} → ${targetKind}: ${summary.length} tables, ${rows} rows compared (counts and md5 checksums)`);
          const handle = await target.open();
          try {
            assert.deepEqual(await summarizeTables({ db: handle.db }), summary);
            // The server starts on it: migrations are recorded as applied, nothing is run again.
            await prepareDatabase({ handle });
            const [migrations] = await selectRows<{ count: number }>(
              handle.db,
              sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`,
            );
            assert.equal(migrations!.count, report.migrations);
            // Sequences came along: a new program (with its history and audit rows) gets new ids.
            const created = await createProgram({
              db: handle.db,
              input: buildProgramInput({ title: 'Written after the restore' }),
              actor: testActor,
            });
            assert.ok(created.id > sourceMaxId, `new id ${created.id} after ${sourceMaxId}`);
          } finally {
            await handle.close();
          }
        } finally {
          await target.remove();
        }
      });
    }
  });
}

describe('a PGlite backup taken while the server writes', () => {
  it('waits for open transactions, lets every write succeed, and holds a consistent state', { timeout: 300_000 }, async () => {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await prepareDatabase({ handle });
      const file = path.join(folder, 'concurrent.sql');
      let stop = false;
      const written: number[] = [];
      let afterBackup = 0;
      // Writes arrive as requests do, each in its own turn of the event loop; three more follow the
      // backup (pg_dump once left its read-only transaction open on the shared session).
      const writer = (async () => {
        for (let index = 0; afterBackup < 3; index += 1) {
          written.push(
            (
              await createProgram({
                db: handle.db,
                input: buildProgramInput({ title: `Written during the backup ${index}` }),
                actor: testActor,
              })
            ).id,
          );
          if (stop) afterBackup += 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const backup = backupDatabase({ handle, databaseUrl: undefined, outPath: file });
      await backup.finally(() => (stop = true));
      await writer;
      const check = await checkBackup({ filePath: file });
      assert.deepEqual(check.problems, []);
      const programs = check.tables.find((table) => table.table === 'public.programs')!.rows;
      const history = check.tables.find((table) => table.table === 'public.program_history')!.rows;
      // Each program is created with its history row in one transaction: the dump has both or neither.
      assert.equal(history, programs);
      assert.ok(programs < written.length, `${programs} of ${written.length} programs in the backup`);
    } finally {
      await handle.close();
    }
  });
});
