import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isAppError } from '../../shared/errors.ts';
import { openCsv, sniffDelimiter, type CsvRecord } from './csv-reader.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'ctip-csv-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const expected = ['id', 'name', 'amount'] as const;

function file(name: string, text: string): string {
  const filePath = path.join(folder, name);
  writeFileSync(filePath, text);
  return filePath;
}

async function readAll(filePath: string): Promise<CsvRecord[]> {
  const csv = await openCsv({ filePath, expected, layoutName: 'the test layout' });
  const records: CsvRecord[] = [];
  for await (const record of csv.records) records.push(record);
  return records;
}

function invalidFile(pattern: RegExp) {
  return (error: unknown) => isAppError(error) && error.code === 'INVALID_FILE' && pattern.test(error.message);
}

describe('openCsv', () => {
  it('gives records with the line they start on, across blank lines and quoted line breaks', async () => {
    const records = await readAll(file('ok.csv', 'ID,Name,Amount\n1,"two\nlines",3\n\n2,b,4\n'));
    assert.deepEqual(
      records.map((record) => [record.line, record.values[1]]),
      [
        [2, 'two\nlines'],
        [5, 'b'],
      ],
    );
  });

  it('gives header columns case-insensitively and values by name', async () => {
    const csv = await openCsv({ filePath: file('names.csv', 'amount,NAME,id\n5,x,9\n'), expected, layoutName: 'the test layout' });
    for await (const record of csv.records) assert.deepEqual([csv.get(record, 'id'), csv.get(record, 'name')], ['9', 'x']);
  });

  it('names the delimiter of a semicolon or tab file', async () => {
    await assert.rejects(readAll(file('semi.csv', 'id;name;amount\n1;a;2\n')), invalidFile(/uses ';' as delimiter where ',' is expected/));
    await assert.rejects(readAll(file('tab.csv', 'id\tname\tamount\n1\ta\t2\n')), invalidFile(/uses tab as delimiter/));
    assert.equal(sniffDelimiter(['a', 'b']), undefined);
  });

  it('names an unknown layout with its missing and unexpected columns', async () => {
    await assert.rejects(
      readAll(file('other.csv', 'Country,FY2008,Total\nNepal,1,2\n')),
      invalidFile(/^Unknown layout: this is not the test layout \(missing columns 'id', 'name', 'amount'; unexpected columns 'Country'/),
    );
  });

  it('refuses a truncated file (unterminated quote) with the line', async () => {
    await assert.rejects(
      readAll(file('cut.csv', 'id,name,amount\n1,a,2\n2,"never closed,3\n')),
      invalidFile(/at line \d+: a quoted field is never closed/),
    );
  });

  it('yields a record with the wrong number of fields with a problem, and goes on', async () => {
    const records = await readAll(file('short.csv', 'id,name,amount\n1,a\n2,b,3\n'));
    assert.equal(records[0]!.problem?.severity, 'error');
    assert.match(records[0]!.problem!.message, /2 fields, the header 3/);
    assert.equal(records[1]!.problem, undefined);
  });
});
