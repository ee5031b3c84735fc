import type { Database } from '../db/database.ts';
import { schema } from '../db/database.ts';
import type { ProgramInput } from '../programs/program.schemas.ts';
import type { Actor } from '../shared/actor.ts';

export const testActor: Actor = { name: 'test-runner', door: 'system' };

/** Adds an organization and returns its id. */
export async function insertTestOrganization(options: { db: Database; name: string; typeCode?: string }): Promise<number> {
  const [row] = await options.db
    .insert(schema.organizations)
    .values({ name: options.name, typeCode: options.typeCode ?? '21' })
    .returning({ id: schema.organizations.id });
  return row!.id;
}

/** A valid program input; override what a test is about. */
export function buildProgramInput(overrides: Partial<ProgramInput> = {}): ProgramInput {
  return {
    title: 'Shelter and reintegration services for returned victims',
    description: 'Safe house operation, legal counseling and vocational training for women and children.',
    fundingAgencyId: 'state-tip',
    status: 'active',
    visibility: 'public',
    startDate: '2004-01-01',
    endDate: '2005-06-30',
    partners: [],
    places: [{ countryCode: 'NPL' }],
    obligations: [{ fiscalYear: 2004, amountCents: 25_000_000, amountNote: null }],
    assistanceTypes: [],
    pillars: ['protection'],
    traffickingForms: [],
    targetGroups: [],
    ...overrides,
  };
}
