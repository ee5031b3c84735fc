import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';

/**
 * A cheap fingerprint of the whole database: the row count of every table, and the sum of the
 * version columns (an update changes those, not counts). Two equal fingerprints around a refused
 * request mean it wrote nothing a reader could see. Tables are listed from the catalog, so a
 * table added later is counted without anyone remembering to.
 */
export async function fingerprintDatabase(db: Executor): Promise<Record<string, string>> {
  const tables = await selectRows<{ name: string; versioned: boolean }>(
    db,
    sql`
    SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'version' AND NOT a.attisdropped) AS versioned
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY c.relname`,
  );
  const parts = tables.map(({ name, versioned }) =>
    versioned
      ? sql`SELECT ${name} AS name, (count(*)::text || '/' || coalesce(sum(version::numeric), 0)::text) AS value FROM ${sql.identifier(name)}`
      : sql`SELECT ${name} AS name, count(*)::text AS value FROM ${sql.identifier(name)}`,
  );
  const rows = await selectRows<{ name: string; value: string }>(db, sql.join(parts, sql` UNION ALL `));
  return Object.fromEntries(rows.map((row) => [row.name, row.value]));
}
