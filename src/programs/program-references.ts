import { sql } from 'drizzle-orm';
import { visibleOrganizationSql } from '../policy/policy.ts';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import type { Viewer } from '../shared/actor.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import type { ProgramInput } from './program.schemas.ts';

async function findMissing(
  db: Executor,
  table: 'agencies' | 'organizations' | 'countries' | 'regions',
  column: string,
  values: (string | number)[],
) {
  if (values.length === 0) return [];
  const unique = [...new Set(values.map(String))];
  const valueList = sql.join(
    unique.map((value) => sql`(${value})`),
    sql`, `,
  );
  const rows = await selectRows<{ value: string }>(
    db,
    sql`SELECT v AS value FROM (VALUES ${valueList}) AS candidate(v)
        WHERE NOT EXISTS (SELECT 1 FROM ${sql.identifier(table)} t WHERE t.${sql.identifier(column)}::text = v)`,
  );
  return rows.map((row) => row.value);
}

/**
 * The organization ids that do not exist or that the viewer may not know of (named only by
 * programs hidden from them): both answer alike, so a write cannot probe for hidden partners.
 */
async function findUnknownOrganizations(db: Executor, ids: number[], viewer: Viewer | undefined): Promise<string[]> {
  if (!viewer) return findMissing(db, 'organizations', 'id', ids);
  if (ids.length === 0) return [];
  const unique = [...new Set(ids.map(String))];
  const valueList = sql.join(
    unique.map((value) => sql`(${value})`),
    sql`, `,
  );
  const rows = await selectRows<{ value: string }>(
    db,
    sql`SELECT v AS value FROM (VALUES ${valueList}) AS candidate(v)
        WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id::text = v AND ${visibleOrganizationSql(viewer, sql`o.id`)})`,
  );
  return rows.map((row) => row.value);
}

async function findMissingTerms(db: Executor, vocabulary: string, codes: string[]) {
  if (codes.length === 0) return [];
  const rows = await selectRows<{ code: string }>(db, sql`SELECT code FROM vocabulary_terms WHERE vocabulary = ${vocabulary}`);
  const known = new Set(rows.map((row) => row.code));
  return [...new Set(codes)].filter((code) => !known.has(code));
}

/**
 * Checks that every code and id the programs refer to exists, and reports all that do not in one
 * VALIDATION_FAILED error, each naming the field and the unknown value. Checks a whole batch in a
 * fixed number of queries, so bulk imports pay once, not per program.
 */
export async function validateProgramReferences(options: {
  db: Executor;
  inputs: ProgramInput[];
  /** The writer: partners hidden from them count as unknown. Importers, acting as the system, leave it out. */
  viewer?: Viewer;
}): Promise<void> {
  const { db, inputs } = options;
  const details: ErrorDetail[] = [];
  const places = inputs.flatMap((input) => input.places);
  for (const agency of await findMissing(
    db,
    'agencies',
    'id',
    inputs.map((input) => input.fundingAgencyId),
  )) {
    details.push({ field: 'fundingAgencyId', message: `unknown agency '${agency}'` });
  }
  const organizationIds = inputs.flatMap((input) => input.partners.map((partner) => partner.organizationId));
  for (const organization of await findUnknownOrganizations(db, organizationIds, options.viewer)) {
    details.push({ field: 'partners', message: `unknown organization id ${organization}` });
  }
  const countryCodes = places.flatMap((place) => (place.countryCode ? [place.countryCode] : []));
  for (const country of await findMissing(db, 'countries', 'code', countryCodes)) {
    details.push({ field: 'places', message: `unknown country code '${country}'` });
  }
  const regionCodes = places.flatMap((place) => (place.regionCode ? [place.regionCode] : []));
  for (const region of await findMissing(db, 'regions', 'code', regionCodes)) {
    details.push({ field: 'places', message: `unknown region code '${region}'` });
  }
  for (const [field, vocabulary, codesOf] of [
    ['assistanceTypes', 'assistance-type', (input: ProgramInput) => input.assistanceTypes],
    ['pillars', 'pillar', (input: ProgramInput) => input.pillars],
    ['traffickingForms', 'trafficking-form', (input: ProgramInput) => input.traffickingForms],
    ['targetGroups', 'target-group', (input: ProgramInput) => input.targetGroups],
  ] as const) {
    for (const code of await findMissingTerms(db, vocabulary, inputs.flatMap(codesOf))) {
      details.push({ field, message: `unknown ${vocabulary} '${code}'` });
    }
  }
  for (const input of inputs) {
    const shares = input.places.map((place) => place.sharePercent ?? 0).reduce((sum, share) => sum + share, 0);
    if (shares > 100) details.push({ field: 'places', message: `place shares of '${input.title}' add up to ${shares}%, more than 100%` });
  }
  if (details.length) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `The program refers to ${details.length === 1 ? 'something that does not exist' : 'things that do not exist'}: ${details.map((detail) => detail.message).join('; ')}`,
      details,
    });
  }
}
