import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { it } from 'node:test';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { AppError } from '../../shared/errors.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { interpretActivity } from './iati.activity.ts';
import { importIatiFile, type IatiImportReport } from './iati.importer.ts';
import { readIatiActivities, type IatiFileHeader } from './iati.xml-reader.ts';
import { countRows, fixtures, testActor, writeTemporaryFile } from './testing/iati-fixture.ts';

async function readFile(file: string) {
  const drafts: unknown[] = [];
  let header: IatiFileHeader | undefined;
  for await (const batch of readIatiActivities(createReadStream(file, { encoding: 'utf8' }), { batchSize: 2 })) {
    header = batch.header;
    for (const activity of batch.activities) drafts.push(interpretActivity(activity, batch.header).draft);
  }
  return { header: header!, drafts };
}

const counts = (report: IatiImportReport) => ({ read: report.read, imported: report.imported, rejected: report.rejected });
const dfid101 = readFileSync(fixtures.dfid101, 'utf8');

describeEachDatabase(
  'IATI 1.x version strings',
  { prepare: async ({ db }) => (await seedReferenceData({ db }), await seedOrganizations({ db })) },
  (database) => {
    const dryRun = (filePath: string) =>
      importIatiFile({ db: database.db, filePath, actor: testActor, fundingAgencyId: 'state-tip', dryRun: true });

    it('reads a file declaring version="1.0" (as the U.S. Government’s 2012 files do) exactly as the same file declaring 1.01', async () => {
      const declared10 = await readFile(fixtures.dfidDeclared10);
      const declared101 = await readFile(fixtures.dfid101);
      assert.deepEqual(declared10.header, { version: '1.0', versionFamily: '1', defaultLanguage: null });
      assert.deepEqual(declared10.drafts, declared101.drafts);
      const report = await dryRun(fixtures.dfidDeclared10);
      assert.deepEqual(counts(report), { read: 5, imported: 5, rejected: 0 });
      assert.equal(report.details.iatiVersion, '1.0');
    });

    it('accepts every 1.x version string in use, 1.0 and 1.00 to 1.05', async () => {
      for (const version of ['1.0', '1.00', '1.01', '1.02', '1.03', '1.04', '1.05']) {
        const filePath = writeTemporaryFile('versioned.xml', dfid101.replace('version="1.01"', `version="${version}"`));
        const report = await dryRun(filePath);
        assert.deepEqual(counts(report), { read: 5, imported: 5, rejected: 0 }, version);
        assert.equal(report.details.iatiVersion, version);
      }
    });

    it('reads a file declaring no version as 1.x, with a warning in the report', async () => {
      const filePath = writeTemporaryFile('unversioned.xml', dfid101.replace(' version="1.01"', ''));
      const report = await dryRun(filePath);
      assert.deepEqual(counts(report), { read: 5, imported: 5, rejected: 0 });
      const warning = report.problems.find((problem) => problem.field === 'iati-activities/@version');
      assert.deepEqual(warning && { severity: warning.severity, message: warning.message, line: warning.line }, {
        severity: 'warning',
        message: 'the file declares no IATI version; read as 1.x (1.0–1.05)',
        line: 1,
      });
      const declared = await dryRun(fixtures.dfid101);
      assert.ok(!declared.problems.some((problem) => problem.field === 'iati-activities/@version'));
    });

    it('refuses any other version whole, saying which versions ctip reads', async () => {
      for (const version of ['0.9', '1', '1.06', '1.1', '2.0', '2.04', '3.01']) {
        const filePath = writeTemporaryFile('unsupported.xml', dfid101.replace('version="1.01"', `version="${version}"`));
        const before = await countRows(database.db);
        await assert.rejects(
          importIatiFile({ db: database.db, filePath, actor: testActor, fundingAgencyId: 'state-tip' }),
          (error: unknown) => {
            assert.ok(error instanceof AppError);
            assert.equal(error.code, 'INVALID_FILE');
            assert.equal(error.message, `IATI version ${version} is not supported: ctip reads 1.0–1.05 and 2.01–2.03 (line 2)`);
            return true;
          },
        );
        assert.deepEqual(await countRows(database.db), before);
      }
    });
  },
);
