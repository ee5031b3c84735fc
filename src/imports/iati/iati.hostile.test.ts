import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { AppError } from '../../shared/errors.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { importIatiFiles, listIatiFiles } from './iati.cli.ts';
import { importIatiFile } from './iati.importer.ts';
import { activityFile, countRows, fixtures, testActor, usaidActivity, writeTemporaryFile } from './testing/iati-fixture.ts';
import { selectRows } from '../../db/select-rows.ts';

const xxe = `<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>`;

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>`;

const good = activityFile(usaidActivity('US-GOV-1-OK-1', 'Counter-trafficking hotline'));

/** Hostile or broken inputs: name, content, and what the refusal must say. */
const refusals: { name: string; content: () => string | Buffer; message: RegExp }[] = [
  { name: 'an XXE file reading /etc/passwd', content: () => xxe, message: /DOCTYPE is not allowed \(XML external entities\) \(line 2\)/ },
  { name: 'billion laughs (entity expansion)', content: () => billionLaughs, message: /DOCTYPE is not allowed/ },
  {
    name: 'a DOCTYPE without entities',
    content: () => `<!DOCTYPE iati-activities SYSTEM "iati.dtd">\n${good}`,
    message: /DOCTYPE is not allowed/,
  },
  {
    name: 'an undeclared entity',
    content: () => good.replace('Counter-trafficking', '&xxe;'),
    message: /not well-formed XML: undefined entity.*\(line 5\)/,
  },
  {
    name: 'a truncated file',
    content: () => readFileSync(fixtures.dfid101, 'utf8').slice(0, 12_000),
    message: /ends before the XML is complete \(truncated\?\)/,
  },
  {
    name: 'XML that is not well-formed',
    content: () => good.replace('</title>', '</titel>'),
    message: /not well-formed XML: unexpected close tag.*\(line 5\)/,
  },
  {
    name: 'invalid UTF-8 in a file that says UTF-8',
    content: () => Buffer.concat([Buffer.from(good.slice(0, 200)), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(good.slice(200))]),
    message: /not valid UTF-8 \(first invalid bytes on line \d\)/,
  },
  {
    name: 'an organisation file',
    content: () => readFileSync(fixtures.organisation203),
    message: /not an activity file: the root element is <iati-organisations>, an IATI organisation file/,
  },
  {
    name: 'another XML format',
    content: () => '<?xml version="1.0"?><rss><channel/></rss>',
    message: /not an activity file: the root element is <rss>/,
  },
  {
    name: 'an unsupported version',
    content: () => good.replace('version="2.03"', 'version="3.01"'),
    message: /IATI version 3\.01 is not supported: ctip reads 1\.00–1\.05 and 2\.01–2\.03/,
  },
  { name: 'a CSV file', content: () => 'id,title\n1,Hotline\n', message: /not well-formed XML/ },
  { name: 'an empty file', content: () => '', message: /empty/ },
  {
    name: 'an encoding ctip does not read',
    content: () => good.replace('encoding="UTF-8"', 'encoding="Shift_JIS"'),
    message: /names encoding 'shift_jis'/,
  },
  {
    name: 'a 50 MB single line (one huge text value)',
    content: () =>
      `<iati-activities version="2.03"><iati-activity><iati-identifier>A</iati-identifier><description><narrative>${'a'.repeat(50 * 1024 * 1024)}</narrative></description></iati-activity></iati-activities>`,
    message: /more than 10,000,000 characters without a tag .*refused to protect memory/,
  },
];

describeEachDatabase(
  'importIatiFile on hostile and broken files',
  { prepare: async ({ db }) => (await seedReferenceData({ db }), await seedOrganizations({ db })) },
  (database) => {
    for (const refusal of refusals) {
      it(`refuses ${refusal.name} with INVALID_FILE and writes nothing`, async () => {
        const filePath = writeTemporaryFile('hostile.xml', refusal.content());
        const before = await countRows(database.db);
        await assert.rejects(importIatiFile({ db: database.db, filePath, actor: testActor }), (error: unknown) => {
          assert.ok(error instanceof AppError, String(error));
          assert.equal(error.code, 'INVALID_FILE');
          assert.match(error.message, refusal.message);
          return true;
        });
        assert.deepEqual(await countRows(database.db), before);
      });
    }

    it('reads UTF-16 with a byte-order mark and a declared Windows-1252 file', async () => {
      const utf16 = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(good.replace('UTF-8', 'UTF-16').replace('hotline', 'hotline – Côte d’Ivoire'), 'utf16le'),
      ]);
      const report = await importIatiFile({ db: database.db, filePath: writeTemporaryFile('utf16.xml', utf16), actor: testActor });
      assert.equal(report.encoding, 'utf-16le');
      assert.equal(report.created, 1);
      const latin = Buffer.from(
        activityFile(usaidActivity('US-GOV-1-OK-2', 'Réseau d’aide')).replace('UTF-8', 'windows-1252').replace('’', "'"),
        'latin1',
      );
      const second = await importIatiFile({ db: database.db, filePath: writeTemporaryFile('latin.xml', latin), actor: testActor });
      assert.equal(second.encoding, 'windows-1252');
      const titles = await selectRows(
        database.db,
        sql`SELECT title FROM programs WHERE source_key IN ('US-GOV-1-OK-1', 'US-GOV-1-OK-2') ORDER BY source_key`,
      );
      assert.deepEqual(titles, [{ title: 'Counter-trafficking hotline – Côte d’Ivoire' }, { title: "Réseau d'aide" }]);
    });

    it('reads a valid file written on one line', async () => {
      const oneLine = activityFile([usaidActivity('US-GOV-1-ONE-1', 'One'), usaidActivity('US-GOV-1-ONE-2', 'Two')].join('')).replaceAll(
        '\n',
        '',
      );
      const report = await importIatiFile({ db: database.db, filePath: writeTemporaryFile('one-line.xml', oneLine), actor: testActor });
      assert.equal(report.created, 2);
    });

    it('rejects a repeated iati-identifier in one file, naming where it first appeared', async () => {
      const file = activityFile([usaidActivity('US-GOV-1-DUP', 'First'), usaidActivity('US-GOV-1-DUP', 'Second')].join('\n'));
      const report = await importIatiFile({ db: database.db, filePath: writeTemporaryFile('dup.xml', file), actor: testActor });
      assert.deepEqual([report.created, report.rejected], [1, 1]);
      assert.match(
        report.problems.find((problem) => problem.severity === 'error')!.message,
        /already appeared at iati-activity\[1\] \(line 3\)/,
      );
    });

    it('imports a directory file by file: a refused file writes nothing, the others import, totals add up', async () => {
      const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-iati-dir-'));
      writeFileSync(path.join(folder, 'a-good.xml'), activityFile(usaidActivity('US-GOV-1-DIR-1', 'Shelter support')));
      writeFileSync(path.join(folder, 'b-xxe.xml'), xxe);
      writeFileSync(path.join(folder, 'notes.txt'), 'not imported');
      const files = listIatiFiles(folder);
      assert.deepEqual(
        files.map((file) => path.basename(file)),
        ['a-good.xml', 'b-xxe.xml'],
      );
      const result = await importIatiFiles({ db: database.db, files, actor: testActor });
      assert.equal(result.files[0]!.report!.created, 1);
      assert.equal(result.files[1]!.error!.code, 'INVALID_FILE');
      assert.deepEqual(result.totals, { files: 2, failedFiles: 1, read: 1, imported: 1, merged: 0, rejected: 0, skipped: 0, unchanged: 0 });
    });

    it('refuses an unknown --funding-agency before reading the file', async () => {
      await assert.rejects(
        importIatiFile({ db: database.db, filePath: fixtures.dfid101, actor: testActor, fundingAgencyId: 'dfid' }),
        /Unknown funding agency 'dfid'/,
      );
    });
  },
);
