import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/database.ts';
import { selectRows } from '../../../db/select-rows.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The fixtures of fixtures/README.md. */
export const fixtures = {
  dfid101: path.join(here, '..', 'fixtures', 'dfid-cd-1.01-excerpt.xml'),
  sida100: path.join(here, '..', 'fixtures', 'sida-1.00-excerpt.xml'),
  example203: path.join(here, '..', 'fixtures', 'iati-2.03-activity-example.xml'),
  example201: path.join(here, '..', 'fixtures', 'iati-2.01-activity-example.xml'),
  organisation203: path.join(here, '..', 'fixtures', 'iati-2.03-organisation-example.xml'),
  trafficking: path.join(here, '..', 'fixtures', 'trafficking-2.03-constructed.xml'),
};

export const testActor = { name: 'test', door: 'import' } as const;

/** Every table an IATI import may write, to prove a refused file wrote nothing. */
const tables = [
  'programs',
  'program_partners',
  'program_places',
  'program_obligations',
  'program_history',
  'program_transactions',
  'program_narratives',
  'organizations',
  'organization_aliases',
  'organization_identifiers',
  'unresolved_names',
  'import_runs',
] as const;

export async function countRows(db: Executor): Promise<Record<(typeof tables)[number], number>> {
  const counts = {} as Record<(typeof tables)[number], number>;
  for (const table of tables)
    counts[table] = (await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n;
  return counts;
}

/** Writes `content` to a new file in a new temporary folder and returns its path. */
export function writeTemporaryFile(name: string, content: string | Buffer): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ctip-iati-')), name);
  writeFileSync(file, content);
  return file;
}

/** A minimal valid 2.03 activity file around the given activity elements. */
export function activityFile(activities: string, version = '2.03'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="${version}">\n${activities}\n</iati-activities>\n`;
}

export function usaidActivity(identifier: string, title: string, extra = ''): string {
  return `<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>${identifier}</iati-identifier>
<reporting-org ref="US-GOV-1" type="10"><narrative>USAID</narrative></reporting-org>
<title><narrative>${title}</narrative></title><activity-status code="2"/>${extra}</iati-activity>`;
}
