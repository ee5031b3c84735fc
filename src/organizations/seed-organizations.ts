import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { normalizeName } from '../shared/names.ts';
import { reviewedOrganizations, type ReviewedOrganization } from './organization-aliases.data.ts';

const { organizations, organizationAliases } = schema;

type AliasRow = { normalizedName: string; name: string; organization: ReviewedOrganization };

/**
 * Every spelling of the reviewed data, once, with its organization. Throws when one spelling
 * would name two organizations: that is a mistake in the data, not something to pick between.
 */
export function reviewedAliasRows(data: ReviewedOrganization[] = reviewedOrganizations): AliasRow[] {
  const rows = new Map<string, AliasRow>();
  for (const organization of data) {
    for (const spelling of [organization.name, ...organization.aliases]) {
      const normalizedName = normalizeName(spelling);
      if (!normalizedName) throw new Error(`Reviewed organization '${organization.name}' has an empty spelling`);
      const existing = rows.get(normalizedName);
      if (existing && existing.organization !== organization) {
        throw new Error(`The spelling '${spelling}' names both '${existing.organization.name}' and '${organization.name}'`);
      }
      if (!existing) rows.set(normalizedName, { normalizedName, name: spelling, organization });
    }
  }
  return [...rows.values()];
}

/**
 * Loads the reviewed organizations and their spellings. Idempotent: an organization is found
 * again through any of its reviewed spellings, updated when the data changed, and created
 * otherwise; spellings an import had filed under an unreviewed organization move to the
 * reviewed one. A few statements whatever the size of the data.
 */
export async function seedOrganizations(options: { db: Executor }): Promise<{ created: number; updated: number; aliases: number }> {
  const { db } = options;
  const aliases = reviewedAliasRows();
  const known = await db
    .select({ normalizedName: organizationAliases.normalizedName, organizationId: organizationAliases.organizationId })
    .from(organizationAliases)
    .where(eq(organizationAliases.source, 'reviewed'));
  const knownIds = new Map(known.map((row) => [row.normalizedName, row.organizationId]));
  const ids = new Map<ReviewedOrganization, number>();
  for (const alias of aliases) {
    const id = knownIds.get(alias.normalizedName);
    if (id !== undefined && !ids.has(alias.organization)) ids.set(alias.organization, id);
  }

  const values = (organization: ReviewedOrganization) => ({
    name: organization.name,
    typeCode: organization.typeCode,
    faithBased: organization.faithBased ?? false,
    countryCode: organization.countryCode ?? null,
    reviewed: true,
  });
  const missing = reviewedOrganizations.filter((organization) => !ids.has(organization));
  if (missing.length) {
    const inserted = await db
      .insert(organizations)
      .values(missing.map(values))
      .returning({ id: organizations.id, name: organizations.name });
    const byName = new Map(inserted.map((row) => [row.name, row.id]));
    for (const organization of missing) ids.set(organization, byName.get(organization.name)!);
  }

  const existingIds = reviewedOrganizations
    .filter((organization) => !missing.includes(organization))
    .map((organization) => ids.get(organization)!);
  const current = existingIds.length ? await db.select().from(organizations).where(inArray(organizations.id, existingIds)) : [];
  const currentById = new Map(current.map((row) => [row.id, row]));
  let updated = 0;
  for (const organization of reviewedOrganizations) {
    const row = currentById.get(ids.get(organization)!);
    const wanted = values(organization);
    if (!row) continue;
    if (
      row.name !== wanted.name ||
      row.typeCode !== wanted.typeCode ||
      row.faithBased !== wanted.faithBased ||
      row.countryCode !== wanted.countryCode ||
      !row.reviewed
    ) {
      await db.update(organizations).set(wanted).where(eq(organizations.id, row.id));
      updated += 1;
    }
  }

  await db
    .insert(organizationAliases)
    .values(
      aliases.map((alias) => ({
        normalizedName: alias.normalizedName,
        name: alias.name,
        organizationId: ids.get(alias.organization)!,
        source: 'reviewed',
      })),
    )
    .onConflictDoUpdate({
      target: organizationAliases.normalizedName,
      set: { organizationId: sql`excluded.organization_id`, name: sql`excluded.name`, source: sql`excluded.source` },
      setWhere: sql`${organizationAliases.organizationId} <> excluded.organization_id OR ${organizationAliases.source} <> excluded.source OR ${organizationAliases.name} <> excluded.name`,
    });
  return { created: missing.length, updated, aliases: aliases.length };
}
