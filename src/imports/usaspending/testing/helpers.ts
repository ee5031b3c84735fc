import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/database.ts';
import { selectRows } from '../../../db/select-rows.ts';
import { countRows } from '../../../testing/tip-grants-fixture.ts';

export const fixturePath = path.join(import.meta.dirname, '..', 'fixtures', 'usaspending-awards.csv');
export const testActor = { name: 'test', door: 'import' } as const;

/** A temp folder for hostile variants of the fixture. */
export function scratchFolder(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function writeVariant(folder: string, name: string, bytes: Buffer | string): string {
  const filePath = path.join(folder, name);
  writeFileSync(filePath, bytes);
  return filePath;
}

export function fixtureText(): string {
  return readFileSync(fixturePath, 'utf8');
}

/** Row counts of every table an import writes, including transactions and identifiers. */
export async function countAll(db: Executor): Promise<Record<string, number>> {
  const counts: Record<string, number> = await countRows(db);
  for (const table of ['program_transactions', 'organization_identifiers', 'place_aliases']) {
    const [row] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
    counts[table] = Number(row!.n);
  }
  return counts;
}
