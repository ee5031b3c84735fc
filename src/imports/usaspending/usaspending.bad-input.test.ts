import assert from 'node:assert/strict';
import { createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import iconv from 'iconv-lite';
import { isAppError } from '../../shared/errors.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedForImport } from '../../testing/tip-grants-fixture.ts';
import { countAll, fixtureText, scratchFolder, testActor, writeVariant } from './testing/helpers.ts';
import { importUsaspending } from './usaspending.importer.ts';

const folder = scratchFolder('ctip-usaspending-bad-');
after(() => rmSync(folder, { recursive: true, force: true }));

function invalidFile(pattern: RegExp) {
  return (error: unknown) => isAppError(error) && error.code === 'INVALID_FILE' && pattern.test(error.message);
}

describeEachDatabase('USAspending import of hostile files', { prepare: seedForImport }, (database) => {
  const run = (filePath: string, dryRun = true) => importUsaspending({ db: database.db, filePath, actor: testActor, dryRun });

  it('reads UTF-8 with a BOM, UTF-16 LE and BE the same as plain UTF-8', async () => {
    const text = fixtureText();
    const plain = await run(writeVariant(folder, 'plain.csv', text));
    for (const [name, bytes, encoding] of [
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
      ['le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), 'utf-16le'],
      ['be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), 'utf-16be'],
    ] as const) {
      const report = await run(writeVariant(folder, name, bytes));
      assert.equal(report.encoding, encoding);
      assert.deepEqual(
        [report.created, report.skipped, report.rejected, report.unresolvedNames],
        [plain.created, plain.skipped, plain.rejected, plain.unresolvedNames],
        name,
      );
    }
  });

  it('reads a Windows-1252 file (invalid UTF-8) with a warning, accents intact', async () => {
    const report = await run(writeVariant(folder, 'cp1252.csv', iconv.encode(fixtureText(), 'windows-1252')));
    assert.equal(report.encoding, 'windows-1252');
    assert.match(report.problems[0]!.message, /not valid UTF-8 \(first invalid bytes on line 6\)/);
    assert.ok(report.unresolvedNames.some((entry) => entry.name === 'FUNDACIÓN ESPERANZA DEL VALLE'));
  });

  it('refuses a semicolon or tab file naming the delimiter, and an unknown layout', async () => {
    const text = fixtureText();
    await assert.rejects(
      run(writeVariant(folder, 'semi.csv', text.replace(/,/g, ';'))),
      invalidFile(/uses ';' as delimiter where ',' is expected/),
    );
    await assert.rejects(run(writeVariant(folder, 'tab.csv', text.replace(/,/g, '\t'))), invalidFile(/uses tab as delimiter/));
    const contracts = 'contract_award_unique_key,award_id_piid,parent_award_agency_id\nCONT_AWD_1,1,2\n';
    await assert.rejects(
      run(writeVariant(folder, 'contracts.csv', contracts)),
      invalidFile(
        /^Unknown layout: this is not the USAspending assistance prime-award summary layout \(missing columns 'assistance_award_unique_key'/,
      ),
    );
  });

  it('refuses a truncated file (unterminated quote) with its line, writing nothing', async () => {
    const before = await countAll(database.db);
    const cut = `${fixtureText()}${fixtureText().split('\n')[1]!.replace('HARBORLIGHT', '"HARBORLIGHT')}`;
    await assert.rejects(
      run(writeVariant(folder, 'cut.csv', cut), false),
      invalidFile(/not valid CSV at line 33: a quoted field is never closed/),
    );
    assert.deepEqual(await countAll(database.db), before);
  });

  it('refuses a 50 MB single line without holding it in memory, writing nothing', async () => {
    const filePath = path.join(folder, 'huge.csv');
    const out = createWriteStream(filePath);
    out.write(fixtureText());
    const block = 'A'.repeat(1024 * 1024);
    for (let index = 0; index < 50; index += 1) out.write(block);
    await new Promise((resolve) => out.end(resolve));
    const before = await countAll(database.db);
    await assert.rejects(run(filePath, false), invalidFile(/^line 33 is longer than 10 Mi characters/));
    assert.deepEqual(await countAll(database.db), before);
  });

  it('reads a download with headers only (USAspending writes empty files so) as zero records', async () => {
    const report = await run(writeVariant(folder, 'header-only.csv', `${fixtureText().split('\n')[0]!}\n`));
    assert.deepEqual([report.read, report.imported], [0, 0]);
  });

  it('refuses empty, binary and missing files', async () => {
    await assert.rejects(run(writeVariant(folder, 'empty.csv', '')), invalidFile(/empty/));
    await assert.rejects(run(writeVariant(folder, 'bin.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))), invalidFile(/NUL bytes/));
    await assert.rejects(run(path.join(folder, 'missing.csv')), invalidFile(/no such file/));
  });
});
