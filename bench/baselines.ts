import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/database.ts';
import { parseTipGrantsFile, tipGrantColumns, type TipGrantRow } from '../src/imports/tip-grants/tip-grants.parser.ts';

/**
 * The parse-only baseline: the importer's own parser over the same file (encoding sniff, header
 * check, CSV parse), with nothing resolved or written. Import time divided by this time says
 * how much the import costs beyond reading its input.
 */
export async function parseOnly(filePath: string): Promise<{ rows: number }> {
  const parsed = await parseTipGrantsFile({ filePath });
  return { rows: parsed.rows.length };
}

/** Reads the rows a raw-insert baseline will write; done before the clock starts. */
export async function readRowsForInsert(filePath: string): Promise<TipGrantRow[]> {
  return (await parseTipGrantsFile({ filePath })).rows;
}

// 1,000 rows × 14 parameters stays far below PostgreSQL's 65,535 parameters per statement.
const rowsPerStatement = 1_000;
const scratchTable = sql.raw('bench_raw_insert');

/**
 * The database floor: the same rows written as 14 plain text columns into a scratch table with
 * multi-row INSERTs in one transaction, through the same drizzle driver the importer uses.
 * No lookups, no constraints, no history: what writing this many rows costs at the least.
 */
export async function insertRawRows(db: Database, rows: readonly TipGrantRow[]): Promise<{ rows: number }> {
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      const values = rows.slice(start, start + rowsPerStatement).map(
        (row) =>
          sql`(${row.line}, ${sql.join(
            tipGrantColumns.map((column) => sql`${row.fields[column]}`),
            sql`, `,
          )})`,
      );
      await tx.execute(sql`insert into ${scratchTable} values ${sql.join(values, sql`, `)}`);
    }
  });
  return { rows: rows.length };
}

/** Creates the scratch table for insertRawRows. */
export async function createScratchTable(db: Database): Promise<void> {
  const columns = tipGrantColumns.map((_column, index) => `c${index + 1} text`).join(', ');
  await db.execute(sql`create table ${scratchTable} (line integer, ${sql.raw(columns)})`);
}

/** Drops the scratch table so the import measured next sees the same database as `npm start`. */
export async function dropScratchTable(db: Database): Promise<void> {
  await db.execute(sql`drop table if exists ${scratchTable}`);
}
