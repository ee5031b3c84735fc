import type { SQL } from 'drizzle-orm';
import type { Executor } from './database.ts';

/**
 * Runs a raw SQL query and returns its rows as objects of the type the caller names. Both drivers
 * answer `db.execute` with an object holding `rows` (PGlite's results, node-postgres's query
 * result), but the `Database` type both share cannot say so: this is the one place that knows.
 * Values come as the driver parses them (a bigint or numeric as text on one, a number on the
 * other): cast in SQL (`::int`, `::text`) or convert with Number/String/BigInt where it matters.
 */
export async function selectRows<Row = Record<string, unknown>>(db: Executor, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
