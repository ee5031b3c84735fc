import { sql } from 'drizzle-orm';
import type { Executor } from './database.ts';
import { selectRows } from './select-rows.ts';

/** One table's row count and a checksum of all its rows (md5 of the rows' text, in byte order). */
export type TableSummary = { table: string; rows: number; checksum: string };

/** The tables of a ctip database: every ordinary table in the public and drizzle schemas. */
export async function listTables(options: { db: Executor }): Promise<{ schema: string; name: string; columns: string[] }[]> {
  return selectRows<{ schema: string; name: string; columns: string[] }>(
    options.db,
    sql`
    SELECT n.nspname AS schema, c.relname AS name,
           array(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum) AS columns
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'drizzle') ORDER BY 1, 2`,
  );
}

/**
 * Counts and checksums every table, so two databases (a source and its restored copy, on
 * either engine) can be compared row for row. Generated columns are left out: the target
 * computes them again (a tsvector differs between PostgreSQL versions' stemmers). Rows are
 * compared as their text form under UTC
 * and ISO dates, ordered by that text in byte order ("C" collation), so the checksum depends on
 * neither the engine's collation nor the physical order of rows.
 */
export async function summarizeTables(options: { db: Executor }): Promise<TableSummary[]> {
  return options.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    await tx.execute(sql`SET LOCAL DateStyle = 'ISO, YMD'`);
    await tx.execute(sql`SET LOCAL IntervalStyle = 'postgres'`);
    await tx.execute(sql`SET LOCAL extra_float_digits = 3`);
    const summaries: TableSummary[] = [];
    for (const table of await listTables({ db: tx })) {
      const name = sql`${sql.identifier(table.schema)}.${sql.identifier(table.name)}`;
      const row = sql`ROW(${sql.join(
        table.columns.map((column) => sql`t.${sql.identifier(column)}`),
        sql`, `,
      )})::text`;
      const [summary] = await selectRows<{ rows: number; checksum: string }>(
        tx,
        sql`
        SELECT count(*)::int AS rows, md5(coalesce(string_agg(${row}, E'\n' ORDER BY ${row} COLLATE "C"), '')) AS checksum FROM ${name} t`,
      );
      summaries.push({ table: `${table.schema}.${table.name}`, rows: summary!.rows, checksum: summary!.checksum });
    }
    return summaries;
  });
}
