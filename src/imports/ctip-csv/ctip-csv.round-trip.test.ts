import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { exportCsvText, exportJsonValue } from '../../exports/testing/export-fixture.ts';
import { describe } from 'node:test';
import type { DatabaseHandle } from '../../db/database.ts';
import { systemViewer } from '../../shared/actor.ts';
import { getSummary } from '../../stats/stats.service.ts';
import { createTestDatabase, listTestDatabaseKinds } from '../../testing/test-database.ts';
import { importTipGrants } from '../tip-grants/tip-grants.importer.ts';
import { excerptPath, testActor } from '../../testing/tip-grants-fixture.ts';
import { importCtipCsv } from './ctip-csv.importer.ts';
import { seedDatabase, summarizeFigures } from './testing/ctip-csv-fixture.ts';

for (const kind of listTestDatabaseKinds()) {
  describe(`CSV round trip: export, import into a fresh database, export again [${kind}]`, () => {
    let databaseA: DatabaseHandle;
    let databaseB: DatabaseHandle;
    let firstExport: string;
    before(async () => {
      [databaseA, databaseB] = await Promise.all([createTestDatabase({ kind }), createTestDatabase({ kind })]);
      await seedDatabase(databaseA.db);
      await seedDatabase(databaseB.db);
      await importTipGrants({ db: databaseA.db, filePath: excerptPath, actor: testActor });
      firstExport = await exportCsvText({ db: databaseA.db, pageSize: 7 });
    });
    after(async () => Promise.all([databaseA?.close(), databaseB?.close()]));

    it('imports every row of the export, each program once', async () => {
      const report = await importCtipCsv({ db: databaseB.db, content: firstExport, actor: testActor, fileName: 'export.csv' });
      const rows = parse(firstExport, { bom: true, columns: true }) as Record<string, string>[];
      const programs = new Set(rows.map((row) => row.program_key)).size;
      assert.deepEqual(
        report.problems.filter((problem) => problem.severity === 'error'),
        [],
      );
      assert.equal(report.read, rows.length);
      assert.deepEqual(report.programs, { created: programs, updated: 0, unchanged: 0, rejected: 0 });
      assert.equal(report.imported + report.merged, rows.length);
    });

    it('exports the same CSV from the second database', async () => {
      const secondExport = await exportCsvText({ db: databaseB.db });
      assert.equal(secondExport, firstExport);
    });

    it('gives the same summary figures in both databases', async () => {
      const [left, right] = await Promise.all([summarizeFigures(databaseA.db), summarizeFigures(databaseB.db)]);
      assert.deepEqual(right, left);
      assert.ok(left.programs > 0 && left.obligatedCents > 0n);
      for (const fiscalYear of [2002, 2004, 2010]) {
        const [summaryA, summaryB] = await Promise.all(
          [databaseA, databaseB].map(({ db }) => getSummary({ db, fiscalYear, viewer: systemViewer })),
        );
        assert.deepEqual(summaryB, summaryA);
      }
    });

    it('the JSON exports agree on every program field except ids, versions, timestamps and source records', async () => {
      const strip = ({ programs }: Awaited<ReturnType<typeof exportJsonValue>>) =>
        programs.map(
          ({ id: _id, version: _version, createdAt: _created, updatedAt: _updated, sourceRecord: _record, partners, ...rest }) => ({
            ...rest,
            partners: partners.map(({ name, role }) => ({ name, role })),
          }),
        );
      assert.deepEqual(strip(await exportJsonValue({ db: databaseB.db })), strip(await exportJsonValue({ db: databaseA.db })));
    });

    it('a second import of the same file changes nothing', async () => {
      const report = await importCtipCsv({ db: databaseB.db, content: firstExport, actor: testActor });
      assert.equal(report.unchanged, report.read);
      assert.equal(report.programs.created + report.programs.updated, 0);
    });
  });
}
