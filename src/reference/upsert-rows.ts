import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/database.ts';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for our widest table. */
const batchSize = 500;

/**
 * Inserts rows, or updates those whose key exists, in batched multi-row statements. A row whose
 * values are already the same is not written at all (no new tuple, no trigger), so re-seeding
 * unchanged data writes nothing. Returns how many rows were inserted or changed.
 */
export async function upsertRows<TTable extends PgTable>(options: {
  db: Executor;
  table: TTable;
  rows: TTable['$inferInsert'][];
  key: PgColumn[];
}): Promise<number> {
  const { db, table, rows, key } = options;
  const keyNames = new Set(key.map((column) => column.name));
  const valueColumns = Object.entries(getTableColumns(table)).filter(([, column]) => !keyNames.has(column.name));
  const excluded = (column: PgColumn) => sql.raw(`excluded."${column.name}"`);
  let changed = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    // drizzle's builder types do not follow a generic table through insert(); the values are
    // typed by this function's signature instead.
    const insert = (db as any).insert(table).values(rows.slice(start, start + batchSize));
    const statement =
      valueColumns.length === 0
        ? insert.onConflictDoNothing({ target: key })
        : insert.onConflictDoUpdate({
            target: key,
            set: Object.fromEntries(valueColumns.map(([property, column]) => [property, excluded(column)])),
            setWhere: sql`(${sql.join(
              valueColumns.map(([, column]) => column),
              sql`, `,
            )}) IS DISTINCT FROM (${sql.join(
              valueColumns.map(([, column]) => excluded(column)),
              sql`, `,
            )})`,
          });
    const written: unknown[] = await statement.returning({ one: sql<number>`1` });
    changed += written.length;
  }
  return changed;
}
