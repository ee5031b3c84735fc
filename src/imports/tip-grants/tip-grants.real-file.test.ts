import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { importTipGrants, type TipGrantsImportReport } from './tip-grants.importer.ts';
import { countRows, realFilePath, seedForImport, testActor } from '../../testing/tip-grants-fixture.ts';
import { selectRows } from '../../db/select-rows.ts';

/**
 * FY2004 figures computed straight from the CSV with a deliberately simple rule, independent of
 * the importer's code: distinct grant=1 rows of 2004 that name a recipient, and the sum of their
 * plainly written amounts ($1,234 or 1234).
 */
function fy2004FromCsv(): { programs: number; cents: bigint; unknown: number } {
  const records = parse(readFileSync(realFilePath), { columns: true }) as Record<string, string>[];
  const distinct = new Map<string, Record<string, string>>();
  for (const record of records) {
    if (record.grant !== '1' || record['fiscal year'] !== '2004' || !record.recipient!.trim()) continue;
    distinct.set(JSON.stringify(Object.values(record)), record);
  }
  let cents = 0n;
  let unknown = 0;
  for (const record of distinct.values()) {
    const amount = record.amount!.trim();
    if (/^\$?\d{1,3}(,\d{3})*$/.test(amount) || /^\d+$/.test(amount)) cents += BigInt(amount.replace(/[$,]/g, '')) * 100n;
    else if (/^\$\d{1,3}(, \d{3})+$/.test(amount)) cents += BigInt(amount.replace(/[$, ]/g, '')) * 100n;
    else unknown += 1;
  }
  return { programs: distinct.size, cents, unknown };
}

describeEachDatabase('importTipGrants on the full real file', { prepare: seedForImport }, (database) => {
  let first: TipGrantsImportReport;

  it('accounts for all 4,284 rows of the real file', async () => {
    first = await importTipGrants({ db: database.db, filePath: realFilePath, actor: testActor });
    const { read, imported, merged, rejected, skipped, unchanged } = first;
    assert.equal(read, 4284);
    assert.equal(imported + merged + rejected + skipped + unchanged, read);
    assert.equal(unchanged, 0);
    assert.equal(merged, 9, 'nine groups of exact duplicates with a recipient (the tenth group has none and is rejected)');
    assert.equal(skipped, 1868);
    assert.equal(rejected, 11);
    assert.equal(imported, 2396);
    assert.equal(
      first.unresolvedNames.filter((entry) => entry.kind === 'place' && entry.name !== '').length,
      5,
      'only five list-like regional texts',
    );
    assert.ok(first.problems.every((problem) => problem.line >= 1 && problem.line <= 4285));
    const counts = await countRows(database.db);
    assert.equal(counts.programs, imported);
    assert.equal(counts.program_history, imported);
  });

  it('reports nothing new on a second import', async () => {
    const before = await countRows(database.db);
    const second = await importTipGrants({ db: database.db, filePath: realFilePath, actor: testActor });
    assert.deepEqual(
      [second.read, second.imported, second.merged, second.rejected, second.skipped, second.unchanged],
      [4284, 0, 0, first.rejected, first.skipped, first.imported + first.merged],
    );
    const after = await countRows(database.db);
    assert.deepEqual({ ...after, import_runs: before.import_runs }, before);
  });

  it('holds the FY2004 programs and dollars the file lists', async () => {
    const expected = fy2004FromCsv();
    const [actual] = await selectRows<{ programs: number; cents: string; unknown: number }>(
      database.db,
      sql`SELECT count(DISTINCT p.id)::int AS programs, coalesce(sum(o.amount_cents), 0)::text AS cents,
            count(*) FILTER (WHERE o.amount_cents IS NULL)::int AS unknown
          FROM programs p JOIN program_obligations o ON o.program_id = p.id
          WHERE p.source = 'tip-grants' AND o.fiscal_year = 2004`,
    );
    assert.equal(actual!.programs, expected.programs);
    assert.equal(BigInt(actual!.cents), expected.cents);
    assert.equal(actual!.unknown, expected.unknown);
  });
});
