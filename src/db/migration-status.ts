import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { AppError } from '../shared/errors.ts';
import type { Executor } from './database.ts';
import { selectRows } from './select-rows.ts';

const journalPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations', 'meta', '_journal.json');

/** The migrations this code knows (drizzle-kit's journal), each with the time drizzle records for it. */
export function readJournal(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string; when: number }[] };
  return journal.entries.map((entry) => ({ tag: entry.tag, when: entry.when }));
}

export type MigrationStatus = {
  /** Rows in drizzle's table of applied migrations. */
  applied: number;
  /** Migrations in this code's journal. */
  expected: number;
  /** Applied migrations later than the newest one this code knows: the database was migrated by a newer ctip. */
  newer: number;
};

/**
 * Compares drizzle's record of applied migrations (drizzle.__drizzle_migrations, one row per
 * migration with the journal's `when` as created_at) with the journal shipped with this code.
 * A database drizzle never migrated counts 0 applied.
 */
export async function readMigrationStatus(options: { db: Executor }): Promise<MigrationStatus> {
  const journal = readJournal();
  const newestKnown = Math.max(0, ...journal.map((entry) => entry.when));
  const [exists] = await selectRows<{ present: boolean }>(
    options.db,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (!exists?.present) return { applied: 0, expected: journal.length, newer: 0 };
  const [applied] = await selectRows<{ applied: number; newer: number }>(
    options.db,
    sql`SELECT count(*)::int AS applied, count(*) FILTER (WHERE created_at > ${newestKnown})::int AS newer FROM drizzle.__drizzle_migrations`,
  );
  return { applied: Number(applied?.applied ?? 0), expected: journal.length, newer: Number(applied?.newer ?? 0) };
}

/**
 * Refuses a database migrated by a newer ctip: drizzle's migrator would apply nothing and this
 * code would run on tables it does not know. Thrown before anything is written.
 */
export async function assertDatabaseNotNewer(options: { db: Executor }): Promise<MigrationStatus> {
  const status = await readMigrationStatus(options);
  if (status.newer > 0) {
    throw new AppError({
      code: 'UNAVAILABLE',
      message: `The database has ${status.newer} migration(s) newer than this version of ctip knows (${status.applied} applied, ${status.expected} known): it was upgraded by a newer ctip. Run that version, or restore a backup taken before the upgrade; nothing was changed.`,
    });
  }
  return status;
}
