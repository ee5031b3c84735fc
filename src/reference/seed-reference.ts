import { and, eq, notInArray } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { agencies, bodyMemberships, coordinationBodies, vocabularyTerms } from '../db/schema/reference.ts';
import { agencyData, coordinationBodyData } from './agencies.data.ts';
import { seedPlaces, type PlaceSeedCounts } from './seed-places.ts';
import { upsertRows } from './upsert-rows.ts';
import { vocabularies } from './vocabularies.data.ts';

/** How many rows each reference table had inserted, changed or removed: all zero on a re-run. */
export type ReferenceSeedCounts = PlaceSeedCounts & {
  vocabularyTerms: number;
  agencies: number;
  coordinationBodies: number;
  bodyMemberships: number;
};

/**
 * Inserts or updates all reference data (places, vocabularies, agencies and coordinating bodies)
 * in one transaction. Idempotent and cheap when nothing changed, so it runs at every start-up.
 */
export async function seedReferenceData(options: { db: Executor }): Promise<ReferenceSeedCounts> {
  return options.db.transaction(async (tx) => {
    const places = await seedPlaces({ db: tx });
    const terms = await seedVocabularies({ db: tx });
    const agencyCounts = await seedAgencies({ db: tx });
    return { ...places, vocabularyTerms: terms, ...agencyCounts };
  });
}

async function seedVocabularies(options: { db: Executor }): Promise<number> {
  const rows = Object.entries(vocabularies).flatMap(([vocabulary, terms]) =>
    terms.map((term, index) => ({
      vocabulary,
      code: term.code,
      name: term.name,
      description: term.description ?? null,
      pillar: term.pillar ?? null,
      // Gaps of ten leave room to insert a term between two without renumbering.
      sortOrder: (index + 1) * 10,
    })),
  );
  return upsertRows({ db: options.db, table: vocabularyTerms, rows, key: [vocabularyTerms.vocabulary, vocabularyTerms.code] });
}

async function seedAgencies(options: { db: Executor }) {
  const { db } = options;
  const agencyRows = agencyData.map((agency) => ({
    id: agency.id,
    name: agency.name,
    abbreviation: agency.abbreviation ?? null,
    kind: agency.kind,
    parentId: agency.parentId ?? null,
    description: agency.description ?? null,
  }));
  const bodyRows = coordinationBodyData.map((body) => ({
    id: body.id,
    name: body.name,
    abbreviation: body.abbreviation,
    parentBodyId: body.parentBodyId ?? null,
    description: body.description,
  }));
  const agencyCount = await upsertRows({ db, table: agencies, rows: agencyRows, key: [agencies.id] });
  const bodyCount = await upsertRows({ db, table: coordinationBodies, rows: bodyRows, key: [coordinationBodies.id] });
  const membershipRows = coordinationBodyData.flatMap((body) => [
    { bodyId: body.id, agencyId: body.chair, role: 'chair' },
    ...body.members.map((agencyId) => ({ bodyId: body.id, agencyId, role: 'member' })),
  ]);
  let membershipCount = await upsertRows({
    db,
    table: bodyMemberships,
    rows: membershipRows,
    key: [bodyMemberships.bodyId, bodyMemberships.agencyId],
  });
  // Memberships are data of this file: one no longer listed is removed, not left behind.
  for (const body of coordinationBodyData) {
    const listed = [body.chair, ...body.members];
    const removed = await db
      .delete(bodyMemberships)
      .where(and(eq(bodyMemberships.bodyId, body.id), notInArray(bodyMemberships.agencyId, listed)))
      .returning();
    membershipCount += removed.length;
  }
  return { agencies: agencyCount, coordinationBodies: bodyCount, bodyMemberships: membershipCount };
}
