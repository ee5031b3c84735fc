import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { selectRows } from '../../db/select-rows.ts';

/** Where each key of a file first appeared, kept in the database instead of the heap. */
export type SeenKeys = {
  /** The keys among `keys` already added, with the value they were added with. */
  find(keys: string[]): Promise<Map<string, string>>;
  /** Records first appearances (a key already there keeps its first value). */
  add(entries: [key: string, value: string][]): Promise<void>;
};

const chunkSize = 500;

/**
 * A duplicate check for a whole file whose memory does not grow with the file: the keys live in
 * a temporary table of the import's transaction (dropped at commit or rollback, so a dry run
 * and a refused file leave nothing). Ask once per batch, not once per record.
 */
export async function createSeenKeys(db: Executor): Promise<SeenKeys> {
  const table = sql.identifier(`ctip_seen_keys_${randomBytes(6).toString('hex')}`);
  await db.execute(sql`CREATE TEMPORARY TABLE ${table} (key text PRIMARY KEY, value text NOT NULL) ON COMMIT DROP`);
  return {
    async find(keys) {
      const found = new Map<string, string>();
      const unique = [...new Set(keys)];
      for (let start = 0; start < unique.length; start += chunkSize) {
        const list = sql.join(
          unique.slice(start, start + chunkSize).map((key) => sql`${key}`),
          sql`, `,
        );
        const rows = await selectRows<{ key: string; value: string }>(db, sql`SELECT key, value FROM ${table} WHERE key IN (${list})`);
        for (const row of rows) found.set(row.key, row.value);
      }
      return found;
    },
    async add(entries) {
      for (let start = 0; start < entries.length; start += chunkSize) {
        const values = sql.join(
          entries.slice(start, start + chunkSize).map(([key, value]) => sql`(${key}, ${value})`),
          sql`, `,
        );
        await db.execute(sql`INSERT INTO ${table} (key, value) VALUES ${values} ON CONFLICT (key) DO NOTHING`);
      }
    },
  };
}
