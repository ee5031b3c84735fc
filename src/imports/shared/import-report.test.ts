import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../shared/errors.ts';
import { createImportReport, formatImportReport } from './import-report.ts';
import { parseDecimalAmount } from './decimal-amount.ts';

describe('import report', () => {
  it('reconciles read with the outcomes, imported = created + updated', () => {
    const builder = createImportReport({ source: 'test', dryRun: true });
    builder.outcome('created', 2);
    builder.outcome('updated');
    builder.outcome('skipped');
    builder.unresolved('organization', 'Acme', 3);
    builder.unresolved('organization', 'ACME ', 5);
    builder.problem({ line: 4, field: 'x', message: 'bad', severity: 'error' });
    const report = builder.finish({ read: 4 });
    assert.deepEqual([report.imported, report.created, report.updated, report.skipped], [3, 2, 1, 1]);
    assert.deepEqual(report.unresolvedNames, [{ kind: 'organization', name: 'Acme', occurrences: 2, firstLine: 3 }]);
    assert.match(formatImportReport(report), /^Dry run .*read 4 records: 3 imported \(2 new, 1 changed\)/);
  });

  it('throws INTERNAL when a record is missing from the counts', () => {
    const builder = createImportReport({ source: 'test', dryRun: false });
    builder.outcome('skipped');
    assert.throws(() => builder.finish({ read: 2 }), (error) => isAppError(error) && error.code === 'INTERNAL');
  });
});

describe('parseDecimalAmount', () => {
  it('reads decimals exactly into cents, without floats', () => {
    assert.deepEqual(parseDecimalAmount('1234.56'), { kind: 'amount', minor: 123456n });
    assert.deepEqual(parseDecimalAmount('-500'), { kind: 'amount', minor: -50000n });
    assert.deepEqual(parseDecimalAmount('1,234.5'), { kind: 'amount', minor: 123450n });
    assert.deepEqual(parseDecimalAmount('0.1'), { kind: 'amount', minor: 10n });
    assert.deepEqual(parseDecimalAmount('99999999999.99'), { kind: 'amount', minor: 9999999999999n });
    assert.deepEqual(parseDecimalAmount('2.675'), { kind: 'amount', minor: 268n, roundedFrom: '2.675' });
    assert.deepEqual(parseDecimalAmount('2.6700'), { kind: 'amount', minor: 267n });
    assert.deepEqual(parseDecimalAmount(' '), { kind: 'empty' });
    for (const text of ['1e3', 'abc', '1,23', '.', '-']) assert.equal(parseDecimalAmount(text).kind, 'invalid', text);
  });
});
