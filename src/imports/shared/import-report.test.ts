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

  it('keeps the first problems of each kind and counts the rest, so nothing is dropped silently', () => {
    const builder = createImportReport({ source: 'test', dryRun: false, problemLimits: { perKind: 3, total: 10, kinds: 50 } });
    for (let line = 2; line < 1002; line += 1) {
      builder.problem({
        line,
        field: 'currency',
        message: `commitments in GBP of '${line}' are kept in transactions only`,
        severity: 'warning',
      });
    }
    builder.problem({ line: 7, field: 'title', message: 'no title', severity: 'error' });
    builder.outcome('created', 1000);
    const report = builder.finish({ read: 1000 });
    assert.equal(report.problemsTruncated, true);
    assert.deepEqual(report.problemTotals, { error: 1, warning: 1000, info: 0 });
    assert.deepEqual(
      report.problems.map((problem) => problem.line),
      [2, 3, 4, 7],
    );
    assert.deepEqual(report.omittedProblems, [
      {
        severity: 'warning',
        field: 'currency',
        message: "commitments in GBP of '2' are kept in transactions only",
        total: 1000,
        omitted: 997,
      },
    ]);
    const text = formatImportReport(report);
    assert.match(text, /1,001 problems \(1 errors, 1,000 warnings, 0 notes\)/);
    assert.match(text, /… and 997 more warnings like this \(1,000 in all\): currency: commitments in GBP/);
  });

  it('keeps every problem while there are few', () => {
    const builder = createImportReport({ source: 'test', dryRun: false });
    for (let line = 2; line < 52; line += 1) builder.problem({ line, field: 'x', message: `bad value ${line}`, severity: 'warning' });
    builder.outcome('rejected', 50);
    const report = builder.finish({ read: 50 });
    assert.equal(report.problems.length, 50);
    assert.equal(report.problemsTruncated, false);
    assert.deepEqual(report.omittedProblems, []);
  });

  it('throws INTERNAL when a record is missing from the counts', () => {
    const builder = createImportReport({ source: 'test', dryRun: false });
    builder.outcome('skipped');
    assert.throws(
      () => builder.finish({ read: 2 }),
      (error) => isAppError(error) && error.code === 'INTERNAL',
    );
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
