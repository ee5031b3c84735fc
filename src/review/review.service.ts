import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { listUnresolvedNames } from '../organizations/organization.service.ts';
import type { UnresolvedName } from '../organizations/organization.schemas.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { normalizeName } from '../shared/names.ts';
import { reviewMappingSchema, type ReviewMapping, type ReviewMappingResult } from './review.schemas.ts';

const { organizations, organizationAliases, organizationIdentifiers, placeAliases, countries, regions, unresolvedNames } = schema;

/** The names imports could not resolve, most frequent first (the review list); operators only, as the policy says. */
export async function listNamesForReview(options: {
  db: Executor;
  viewer: Viewer;
  kind?: 'organization' | 'place';
  limit?: number;
}): Promise<UnresolvedName[]> {
  return listUnresolvedNames(options);
}

/**
 * Records a person's decision about a name: an organization alias (source 'reviewed', the
 * source the organization resolver trusts) or a place alias, and takes the name off the review
 * list, so every later import resolves it. When an import had created an unreviewed organization
 * for that name, its identifiers (UEI…) move to the chosen organization, so imports that match
 * by identifier agree. Programs already imported change on their next import (with history).
 */
export async function mapNameForReview(options: { db: Executor; actor: Actor } & ReviewMapping): Promise<ReviewMappingResult> {
  const parsed = reviewMappingSchema.safeParse(options);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'mapping', message: issue.message }));
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `The mapping is not valid: ${details.map((detail) => `${detail.field}: ${detail.message}`).join('; ')}`,
      details,
    });
  }
  const mapping = parsed.data;
  const normalizedName = normalizeName(mapping.name);
  if (!normalizedName)
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'The name has no letters or digits',
      details: [{ field: 'name', message: 'must contain letters or digits' }],
    });
  return inTransaction(options.db, async (tx) => {
    const result =
      mapping.kind === 'organization'
        ? await mapOrganization(tx, { name: mapping.name, normalizedName, organizationId: mapping.organizationId })
        : await mapPlace(tx, {
            name: mapping.name,
            normalizedName,
            countryCode: mapping.countryCode,
            regionCode: mapping.regionCode,
            actor: options.actor,
          });
    const removed = await tx
      .delete(unresolvedNames)
      .where(and(eq(unresolvedNames.kind, mapping.kind), eq(unresolvedNames.normalizedName, normalizedName)))
      .returning({ id: unresolvedNames.id });
    return { ...result, kind: mapping.kind, name: mapping.name, normalizedName, wasPending: removed.length > 0 };
  });
}

type Partial = Omit<ReviewMappingResult, 'kind' | 'name' | 'normalizedName' | 'wasPending'>;

async function mapOrganization(tx: Executor, options: { name: string; normalizedName: string; organizationId: number }): Promise<Partial> {
  const [target] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, options.organizationId));
  if (!target) throw new AppError({ code: 'NOT_FOUND', message: `Organization ${options.organizationId} does not exist` });
  const [previous] = await tx
    .select({ organizationId: organizationAliases.organizationId, reviewed: organizations.reviewed })
    .from(organizationAliases)
    .innerJoin(organizations, eq(organizations.id, organizationAliases.organizationId))
    .where(eq(organizationAliases.normalizedName, options.normalizedName));
  await tx
    .insert(organizationAliases)
    .values({
      normalizedName: options.normalizedName,
      name: options.name.trim(),
      organizationId: options.organizationId,
      source: 'reviewed',
    })
    .onConflictDoUpdate({
      target: organizationAliases.normalizedName,
      set: { name: options.name.trim(), organizationId: options.organizationId, source: 'reviewed' },
    });
  let movedIdentifiers = 0;
  if (previous && previous.organizationId !== options.organizationId && !previous.reviewed) {
    const moved = await tx
      .update(organizationIdentifiers)
      .set({ organizationId: options.organizationId })
      .where(eq(organizationIdentifiers.organizationId, previous.organizationId))
      .returning({ value: organizationIdentifiers.value });
    movedIdentifiers = moved.length;
  }
  return { organizationId: options.organizationId, countryCode: null, regionCode: null, movedIdentifiers };
}

async function mapPlace(
  tx: Executor,
  options: { name: string; normalizedName: string; countryCode?: string; regionCode?: string; actor: Actor },
): Promise<Partial> {
  if (options.countryCode) {
    const [country] = await tx.select({ code: countries.code }).from(countries).where(eq(countries.code, options.countryCode));
    if (!country) throw new AppError({ code: 'NOT_FOUND', message: `Country ${options.countryCode} does not exist` });
  } else {
    const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, options.regionCode!));
    if (!region) throw new AppError({ code: 'NOT_FOUND', message: `Region ${options.regionCode} does not exist` });
  }
  const values = {
    name: options.name.trim(),
    countryCode: options.countryCode ?? null,
    regionCode: options.regionCode ?? null,
    note: `reviewed by ${options.actor.name} (${options.actor.door}) on ${new Date().toISOString().slice(0, 10)}`,
  };
  await tx
    .insert(placeAliases)
    .values({ normalizedName: options.normalizedName, ...values })
    .onConflictDoUpdate({ target: placeAliases.normalizedName, set: values });
  return { organizationId: null, countryCode: values.countryCode, regionCode: values.regionCode, movedIdentifiers: 0 };
}
