import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { normalizeName } from '../shared/names.ts';
import { recordUnresolvedNames } from './organization.service.ts';

const { organizations, organizationAliases } = schema;

/** Where a spelling led: a reviewed organization, or one an import created and a person should review. */
export type OrganizationResolution = { organizationId: number; reviewed: boolean };

export type OrganizationRequest = {
  name: string;
  /** IATI OrganisationType for a new unreviewed organization. */ typeCode?: string | null;
};

export type OrganizationResolver = {
  /** The organization a reviewed alias maps the name to, if any; never creates anything. */
  lookupReviewed(name: string): OrganizationResolution | undefined;
  /**
   * Resolves many names at once: a reviewed alias wins; otherwise the name finds or creates an
   * unreviewed organization (through an alias with source 'import') and is filed as unresolved.
   * Batched: a few statements whatever the number of names.
   */
  resolveAll(requests: OrganizationRequest[]): Promise<Map<string, OrganizationResolution>>;
  /** The resolution of a name resolveAll has seen (keyed by normalized name). */
  get(name: string): OrganizationResolution | undefined;
};

const chunkSize = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize) result.push(items.slice(start, start + chunkSize));
  return result;
}

/**
 * Builds a resolver over the alias table as it is now; use it inside the import's transaction
 * so organizations it creates vanish with a rollback. `source` names the import in the
 * unresolved-names list.
 */
export async function createOrganizationResolver(options: { db: Executor; source: string }): Promise<OrganizationResolver> {
  const { db, source } = options;
  const rows = await db
    .select({
      normalizedName: organizationAliases.normalizedName,
      organizationId: organizationAliases.organizationId,
      source: organizationAliases.source,
      reviewed: organizations.reviewed,
    })
    .from(organizationAliases)
    .innerJoin(organizations, sql`${organizations.id} = ${organizationAliases.organizationId}`);
  const known = new Map<string, OrganizationResolution>(
    rows.map((row) => [row.normalizedName, { organizationId: row.organizationId, reviewed: row.source === 'reviewed' && row.reviewed }]),
  );

  async function resolveAll(requests: OrganizationRequest[]): Promise<Map<string, OrganizationResolution>> {
    const occurrences = new Map<string, { name: string; typeCode: string | null; count: number }>();
    for (const request of requests) {
      const normalizedName = normalizeName(request.name);
      if (!normalizedName) continue;
      const entry = occurrences.get(normalizedName);
      if (entry) entry.count += 1;
      else occurrences.set(normalizedName, { name: request.name.trim(), typeCode: request.typeCode ?? null, count: 1 });
    }
    const missing = [...occurrences].filter(([normalizedName]) => !known.has(normalizedName));
    for (const batch of chunks(missing)) {
      const inserted = await db
        .insert(organizations)
        .values(batch.map(([, entry]) => ({ name: entry.name, typeCode: entry.typeCode, reviewed: false })))
        .returning({ id: organizations.id, name: organizations.name });
      const byName = new Map(inserted.map((row) => [row.name, row.id]));
      await db
        .insert(organizationAliases)
        .values(
          batch.map(([normalizedName, entry]) => ({
            normalizedName,
            name: entry.name,
            organizationId: byName.get(entry.name)!,
            source: 'import',
          })),
        )
        .onConflictDoNothing();
      for (const [normalizedName, entry] of batch) known.set(normalizedName, { organizationId: byName.get(entry.name)!, reviewed: false });
    }
    const unresolved = [...occurrences].filter(([normalizedName]) => !known.get(normalizedName)!.reviewed);
    await recordUnresolvedNames({
      db,
      kind: 'organization',
      source,
      names: unresolved.map(([normalizedName, entry]) => ({ normalizedName, name: entry.name, occurrences: entry.count })),
    });
    return new Map([...occurrences.keys()].map((normalizedName) => [normalizedName, known.get(normalizedName)!]));
  }

  return {
    lookupReviewed(name) {
      const resolution = known.get(normalizeName(name));
      return resolution?.reviewed ? resolution : undefined;
    },
    resolveAll,
    get(name) {
      return known.get(normalizeName(name));
    },
  };
}
