import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { AppError } from '../shared/errors.ts';
import { assertAllowed, canReadOperatorData, visibleOrganizationSql, visibleProgramsSql } from '../policy/policy.ts';
import { publicViewer, type Viewer } from '../shared/actor.ts';
import { normalizeName } from '../shared/names.ts';
import {
  organizationTypes,
  type OrganizationDetail,
  type OrganizationSummary,
  type OrganizationTypeCode,
  type UnresolvedName,
} from './organization.schemas.ts';

const { organizations, organizationAliases, programPartners, programs, unresolvedNames } = schema;

type OrganizationRow = typeof organizations.$inferSelect;

function summarize(row: OrganizationRow): OrganizationSummary {
  const typeCode = row.typeCode && row.typeCode in organizationTypes ? (row.typeCode as OrganizationTypeCode) : null;
  return {
    id: row.id,
    name: row.name,
    typeCode,
    typeName: typeCode ? organizationTypes[typeCode] : null,
    faithBased: row.faithBased,
    reviewed: row.reviewed,
    countryCode: row.countryCode,
  };
}

/**
 * Organizations whose name or any known spelling contains `q` (case, accents and punctuation
 * ignored), reviewed ones first, then by name. Without `q`, all organizations by name. Those
 * named only by programs the viewer may not see are left out (the public's view without a viewer).
 */
export async function findOrganizations(options: {
  db: Executor;
  q?: string;
  reviewed?: boolean;
  limit?: number;
  viewer?: Viewer;
}): Promise<OrganizationSummary[]> {
  const { db } = options;
  const limit = options.limit ?? 50;
  const needle = options.q ? normalizeName(options.q) : '';
  const conditions = [visibleOrganizationSql(options.viewer ?? publicViewer, organizations.id)];
  if (needle) {
    const pattern = `%${needle.replace(/[\\%_]/g, '\\$&')}%`;
    conditions.push(
      // Parenthesized: and() does not wrap its parts, and this OR must not swallow the other conditions.
      sql`(EXISTS (SELECT 1 FROM ${organizationAliases} a WHERE a.organization_id = ${organizations.id} AND a.normalized_name LIKE ${pattern})
          OR lower(${organizations.name}) LIKE ${`%${options
            .q!.trim()
            .toLowerCase()
            .replace(/[\\%_]/g, '\\$&')}%`})`,
    );
  }
  if (options.reviewed !== undefined) conditions.push(eq(organizations.reviewed, options.reviewed));
  const rows = await db
    .select()
    .from(organizations)
    .where(and(...conditions))
    .orderBy(desc(organizations.reviewed), asc(organizations.name), asc(organizations.id))
    .limit(limit);
  return rows.map(summarize);
}

/**
 * One organization with its spellings and how many programs the viewer may see name it;
 * NOT_FOUND otherwise. The count must not reveal restricted programs to the public.
 */
export async function getOrganizationById(options: { db: Executor; id: number; viewer: Viewer }): Promise<OrganizationDetail> {
  const { db, id } = options;
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), visibleOrganizationSql(options.viewer, organizations.id)));
  if (!row) throw new AppError({ code: 'NOT_FOUND', message: `Organization ${id} does not exist` });
  const aliases = await db
    .select({ name: organizationAliases.name, source: organizationAliases.source })
    .from(organizationAliases)
    .where(eq(organizationAliases.organizationId, id))
    .orderBy(asc(organizationAliases.name));
  const [count] = await selectRows<{ programs: number }>(
    db,
    sql`SELECT count(DISTINCT pp.program_id)::int AS programs FROM program_partners pp
        JOIN programs p ON p.id = pp.program_id
        WHERE pp.organization_id = ${id} AND ${visibleProgramsSql(options.viewer)}`,
  );
  return { ...summarize(row), aliases, programCount: Number(count?.programs ?? 0) };
}

/**
 * Names imports met and could not resolve with confidence, most frequent first. They can come
 * from restricted records: for those the policy lets read operators' data.
 */
export async function listUnresolvedNames(options: {
  db: Executor;
  viewer: Viewer;
  kind?: 'organization' | 'place';
  source?: string;
  limit?: number;
}): Promise<UnresolvedName[]> {
  const { db, viewer } = options;
  assertAllowed(viewer, canReadOperatorData(viewer), 'read the names waiting for review');
  const conditions = [];
  if (options.kind) conditions.push(eq(unresolvedNames.kind, options.kind));
  if (options.source) conditions.push(eq(unresolvedNames.source, options.source));
  const rows = await db
    .select()
    .from(unresolvedNames)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(unresolvedNames.occurrences), asc(unresolvedNames.normalizedName))
    .limit(options.limit ?? 500);
  return rows.map((row) => ({
    kind: row.kind as UnresolvedName['kind'],
    name: row.name,
    normalizedName: row.normalizedName,
    source: row.source,
    occurrences: row.occurrences,
    firstSeenAt: row.firstSeenAt.toISOString(),
  }));
}

/**
 * Files names for review. Occurrences keep the largest count one import saw, so importing the
 * same file again changes nothing; a name already filed keeps its first sighting.
 */
export async function recordUnresolvedNames(options: {
  db: Executor;
  kind: 'organization' | 'place';
  source: string;
  names: { normalizedName?: string; name: string; occurrences: number }[];
}): Promise<void> {
  const { db, kind, source } = options;
  const rows = new Map<string, { kind: string; normalizedName: string; name: string; source: string; occurrences: number }>();
  for (const entry of options.names) {
    const normalizedName = entry.normalizedName ?? normalizeName(entry.name);
    if (!normalizedName) continue;
    const existing = rows.get(normalizedName);
    if (existing) existing.occurrences += entry.occurrences;
    else rows.set(normalizedName, { kind, normalizedName, name: entry.name, source, occurrences: entry.occurrences });
  }
  const values = [...rows.values()];
  for (let start = 0; start < values.length; start += 500) {
    await db
      .insert(unresolvedNames)
      .values(values.slice(start, start + 500))
      .onConflictDoUpdate({
        target: [unresolvedNames.kind, unresolvedNames.normalizedName],
        set: { occurrences: sql`GREATEST(${unresolvedNames.occurrences}, excluded.occurrences)` },
        setWhere: sql`${unresolvedNames.occurrences} < excluded.occurrences`,
      });
  }
}
