import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { selectRows } from '../../db/select-rows.ts';
import { importTipGrants } from '../../imports/tip-grants/tip-grants.importer.ts';
import { excerptPath } from '../../testing/tip-grants-fixture.ts';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import type { ProgramInput } from '../../programs/program.schemas.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { normalizeName } from '../../shared/names.ts';
import { buildProgramInput } from '../../testing/fixtures.ts';

/** Reference data, reviewed organizations and the 41-line excerpt of the real grant listing. */
export async function prepareCoordinationData(db: Database): Promise<void> {
  await seedReferenceData({ db });
  await seedOrganizations({ db });
  await importTipGrants({ db, filePath: excerptPath, actor: { name: 'test', door: 'import' } });
}

/** The organization a spelling resolves to through the alias table. */
export async function organizationIdOf(db: Executor, spelling: string): Promise<number> {
  const [row] = await selectRows<{ organization_id: number }>(
    db,
    sql`SELECT organization_id FROM organization_aliases WHERE normalized_name = ${normalizeName(spelling)}`,
  );
  const id = row?.organization_id;
  if (id === undefined) throw new Error(`no organization is spelled '${spelling}'`);
  return Number(id);
}

/** The id of the first program whose title matches a LIKE pattern. */
export async function programIdOf(db: Executor, title: string): Promise<number> {
  const [row] = await selectRows<{ id: number }>(db, sql`SELECT id FROM programs WHERE title LIKE ${title} ORDER BY id LIMIT 1`);
  const id = row?.id;
  if (id === undefined) throw new Error(`no program is titled '${title}'`);
  return Number(id);
}

/** A draft like the Labor/ILAB proposal the SPOG worries about: ILO-IPEC in Turkey, FY2003. */
export async function ilabTurkeyDraft(db: Executor, overrides: Partial<ProgramInput> = {}): Promise<ProgramInput> {
  return buildProgramInput({
    title: 'ILO/IPEC — Turkey, FY2003',
    description: 'Recipient as listed: ILO/IPEC.',
    fundingAgencyId: 'dol-ilab',
    status: 'proposed',
    startDate: null,
    endDate: null,
    partners: [{ organizationId: await organizationIdOf(db, 'ILO/IPEC'), role: 'prime' }],
    places: [{ countryCode: 'TUR' }],
    obligations: [{ fiscalYear: 2003, amountCents: 25_000_000, amountNote: null }],
    pillars: ['prevention', 'protection'],
    ...overrides,
  });
}
