import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';

const { organizationIdentifiers, organizations } = schema;

/** Identifier schemes ctip records: IATI organisation ref, SAM.gov UEI, Dun & Bradstreet DUNS. */
export type IdentifierScheme = 'iati' | 'uei' | 'duns';

/** The organizations these identifiers already belong to (value → organization, reviewed or not). */
export async function findOrganizationsByIdentifier(options: {
  db: Executor;
  scheme: IdentifierScheme;
  values: string[];
}): Promise<Map<string, { organizationId: number; reviewed: boolean }>> {
  const values = [...new Set(options.values)];
  const found = new Map<string, { organizationId: number; reviewed: boolean }>();
  for (let start = 0; start < values.length; start += 500) {
    const rows = await options.db
      .select({
        value: organizationIdentifiers.value,
        organizationId: organizationIdentifiers.organizationId,
        reviewed: organizations.reviewed,
      })
      .from(organizationIdentifiers)
      .innerJoin(organizations, eq(organizations.id, organizationIdentifiers.organizationId))
      .where(
        and(eq(organizationIdentifiers.scheme, options.scheme), inArray(organizationIdentifiers.value, values.slice(start, start + 500))),
      );
    for (const row of rows) found.set(row.value, { organizationId: row.organizationId, reviewed: row.reviewed });
  }
  return found;
}

/** Records identifiers of organizations; an identifier already recorded keeps its organization. */
export async function attachIdentifiers(options: {
  db: Executor;
  scheme: IdentifierScheme;
  entries: { value: string; organizationId: number }[];
}): Promise<void> {
  const rows = [...new Map(options.entries.map((entry) => [entry.value, entry])).values()].map((entry) => ({
    scheme: options.scheme,
    ...entry,
  }));
  for (let start = 0; start < rows.length; start += 500) {
    await options.db
      .insert(organizationIdentifiers)
      .values(rows.slice(start, start + 500))
      .onConflictDoNothing();
  }
}
