import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import type { TestDatabase } from './test-database.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const excerptPath = path.join(here, '..', 'imports', 'tip-grants', 'fixtures', 'tip-grants-excerpt.csv');
export const realFilePath = path.join(here, '..', '..', 'demo', 'tip-grants', 'funding_original.csv');
export const testActor = { name: 'test', door: 'import' } as const;

/** What prepareDatabase does after migrating: reference data, then reviewed organizations. */
export async function seedForImport(database: TestDatabase): Promise<void> {
  await seedReferenceData({ db: database.db });
  await seedOrganizations({ db: database.db });
}

/** Row counts of every table an import may write, to prove a failed import wrote nothing. */
const countedTables = [
  'programs',
  'program_partners',
  'program_places',
  'program_obligations',
  'program_terms',
  'program_history',
  'organizations',
  'organization_aliases',
  'unresolved_names',
  'import_runs',
] as const;

export async function countRows(db: Executor): Promise<Record<(typeof countedTables)[number], number>> {
  const tables = countedTables;
  const counts = {} as Record<(typeof countedTables)[number], number>;
  for (const table of tables) {
    const [row] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
    counts[table] = Number(row!.n);
  }
  return counts;
}
