import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { canSeeRestricted, type Actor, type Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { loadProgramDetails, summarizeProgram } from './program-read.ts';
import { findProgramIds } from './program-search.ts';
import { validateProgramReferences } from './program-references.ts';
import type { ProgramDetail, ProgramHistoryEntry, ProgramInput, ProgramQuery, ProgramSummary } from './program.schemas.ts';

const { programs, programHistory, programObligations, programPartners, programPlaces, programTerms } = schema;

/** Where a record came from, for imports; manual entries leave it out. */
export type ProgramProvenance = { source: string; sourceKey: string | null; sourceRecord: unknown };

function notFound(id: number): AppError {
  return new AppError({ code: 'NOT_FOUND', message: `Program ${id} does not exist` });
}

/** One page of programs matching the filters, with the total and the cursor of the next page. */
export async function findPrograms(options: {
  db: Executor;
  query: ProgramQuery;
  viewer: Viewer;
}): Promise<{ total: number; items: ProgramSummary[]; nextCursor: string | null }> {
  const page = await findProgramIds(options);
  const details = await loadProgramDetails({ db: options.db, ids: page.ids });
  return { total: page.total, items: details.map(summarizeProgram), nextCursor: page.nextCursor };
}

/** A program with every field; restricted programs are not found for viewers who may not see them. */
export async function getProgramById(options: { db: Executor; id: number; viewer: Viewer }): Promise<ProgramDetail> {
  const [detail] = await loadProgramDetails({ db: options.db, ids: [options.id] });
  if (!detail || (detail.visibility === 'restricted' && !canSeeRestricted(options.viewer))) throw notFound(options.id);
  return detail;
}

/** The change history of a program, oldest first. */
export async function listProgramHistory(options: {
  db: Executor;
  id: number;
  viewer: Viewer;
}): Promise<ProgramHistoryEntry[]> {
  const rows = await options.db
    .select()
    .from(programHistory)
    .where(eq(programHistory.programId, options.id))
    .orderBy(programHistory.id);
  if (rows.length === 0) throw notFound(options.id);
  const latest = rows.at(-1)!;
  const latestState = (latest.after ?? latest.before) as { visibility?: string } | null;
  if (latestState?.visibility === 'restricted' && !canSeeRestricted(options.viewer)) throw notFound(options.id);
  return rows.map((row) => ({
    version: row.version,
    action: row.action as ProgramHistoryEntry['action'],
    door: row.door,
    actor: row.actor,
    changedAt: row.changedAt.toISOString(),
    before: row.before,
    after: row.after,
  }));
}

/** Replaces the partners, places, obligations and terms of a program with those of the input. */
async function writeProgramParts(tx: Executor, programId: number, input: ProgramInput): Promise<void> {
  await tx.delete(programPartners).where(eq(programPartners.programId, programId));
  await tx.delete(programPlaces).where(eq(programPlaces.programId, programId));
  await tx.delete(programObligations).where(eq(programObligations.programId, programId));
  await tx.delete(programTerms).where(eq(programTerms.programId, programId));
  const partners = [...new Map(input.partners.map((partner) => [`${partner.organizationId}:${partner.role}`, partner])).values()];
  if (partners.length) await tx.insert(programPartners).values(partners.map((partner) => ({ programId, ...partner })));
  if (input.places.length) {
    await tx.insert(programPlaces).values(
      input.places.map((place) => ({
        programId,
        countryCode: place.countryCode ?? null,
        regionCode: place.regionCode ?? null,
        sharePercent: place.sharePercent ?? null,
      })),
    );
  }
  if (input.obligations.length) {
    await tx.insert(programObligations).values(
      input.obligations.map((obligation) => ({
        programId,
        fiscalYear: obligation.fiscalYear,
        amountCents: obligation.amountCents === null ? null : BigInt(obligation.amountCents),
        amountNote: obligation.amountNote ?? null,
      })),
    );
  }
  const terms = [
    ...input.assistanceTypes.map((code) => ({ vocabulary: 'assistance-type', code })),
    ...input.pillars.map((code) => ({ vocabulary: 'pillar', code })),
    ...input.traffickingForms.map((code) => ({ vocabulary: 'trafficking-form', code })),
  ];
  const uniqueTerms = [...new Map(terms.map((term) => [`${term.vocabulary}:${term.code}`, term])).values()];
  if (uniqueTerms.length) await tx.insert(programTerms).values(uniqueTerms.map((term) => ({ programId, ...term })));
}

async function recordHistory(
  tx: Executor,
  entry: { programId: number; version: number; action: 'create' | 'update' | 'delete'; actor: Actor; before: unknown; after: unknown },
): Promise<void> {
  await tx.insert(programHistory).values({
    programId: entry.programId,
    version: entry.version,
    action: entry.action,
    door: entry.actor.door,
    actor: entry.actor.name,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** The parts of a record that a change history compares (timestamps and version excluded). */
function historyState(detail: ProgramDetail) {
  const { createdAt: _created, updatedAt: _updated, version: _version, ...state } = detail;
  return state;
}

/**
 * Creates a program after checking every reference (agency, partners, places, terms), and
 * records the creation in its history. Runs in the caller's transaction when given one.
 */
export async function createProgram(options: {
  db: Executor;
  input: ProgramInput;
  actor: Actor;
  provenance?: ProgramProvenance;
}): Promise<ProgramDetail> {
  const { input, actor, provenance } = options;
  const run = async (tx: Executor) => {
    await validateProgramReferences({ db: tx, input });
    const [row] = await tx
      .insert(programs)
      .values({
        title: input.title,
        description: input.description ?? null,
        fundingAgencyId: input.fundingAgencyId,
        status: input.status,
        visibility: input.visibility,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        targetGroups: input.targetGroups,
        source: provenance?.source ?? 'manual',
        sourceKey: provenance?.sourceKey ?? null,
        sourceRecord: provenance?.sourceRecord ?? null,
      })
      .returning({ id: programs.id });
    const id = row!.id;
    await writeProgramParts(tx, id, input);
    const [created] = await loadProgramDetails({ db: tx, ids: [id] });
    await recordHistory(tx, { programId: id, version: 1, action: 'create', actor, before: null, after: historyState(created!) });
    return created!;
  };
  return inTransaction(options.db, run);
}

/**
 * Replaces a program's fields. `expectedVersion` is the version the writer read: if someone
 * changed the record since, nothing is written and VERSION_MISMATCH carries the current record.
 */
export async function updateProgram(options: {
  db: Executor;
  id: number;
  expectedVersion: number;
  input: ProgramInput;
  actor: Actor;
  viewer: Viewer;
  provenance?: ProgramProvenance;
}): Promise<ProgramDetail> {
  const { id, expectedVersion, input, actor, provenance } = options;
  return inTransaction(options.db, async (tx) => {
    const before = await getProgramById({ db: tx, id, viewer: options.viewer });
    await validateProgramReferences({ db: tx, input });
    const updated = await tx
      .update(programs)
      .set({
        title: input.title,
        description: input.description ?? null,
        fundingAgencyId: input.fundingAgencyId,
        status: input.status,
        visibility: input.visibility,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        targetGroups: input.targetGroups,
        ...(provenance ? { source: provenance.source, sourceKey: provenance.sourceKey, sourceRecord: provenance.sourceRecord } : {}),
        version: sql`${programs.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(programs.id, id), eq(programs.version, expectedVersion)))
      .returning({ version: programs.version });
    if (updated.length === 0) {
      throw new AppError({
        code: 'VERSION_MISMATCH',
        message: `Program ${id} was changed by someone else (you edited version ${expectedVersion}, it is now version ${before.version}); reload it and apply your change again`,
        current: before,
      });
    }
    await writeProgramParts(tx, id, input);
    const [after] = await loadProgramDetails({ db: tx, ids: [id] });
    await recordHistory(tx, {
      programId: id,
      version: after!.version,
      action: 'update',
      actor,
      before: historyState(before),
      after: historyState(after!),
    });
    return after!;
  });
}

/** Deletes a program (the history keeps what it was), with the same version check as updates. */
export async function deleteProgram(options: {
  db: Executor;
  id: number;
  expectedVersion: number;
  actor: Actor;
  viewer: Viewer;
}): Promise<void> {
  const { id, expectedVersion, actor } = options;
  await inTransaction(options.db, async (tx) => {
    const before = await getProgramById({ db: tx, id, viewer: options.viewer });
    const deleted = await tx
      .delete(programs)
      .where(and(eq(programs.id, id), eq(programs.version, expectedVersion)))
      .returning({ id: programs.id });
    if (deleted.length === 0) {
      throw new AppError({
        code: 'VERSION_MISMATCH',
        message: `Program ${id} was changed by someone else (you read version ${expectedVersion}, it is now version ${before.version}); reload it before deleting`,
        current: before,
      });
    }
    await recordHistory(tx, { programId: id, version: before.version + 1, action: 'delete', actor, before: historyState(before), after: null });
  });
}

/** Compares two records by the fields a person can change; used by importers to report "unchanged". */
export function isSameProgramState(left: ProgramDetail, right: ProgramDetail): boolean {
  return JSON.stringify(historyState(left)) === JSON.stringify(historyState(right));
}

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one (drizzle nests it as
 * a savepoint), so services compose into one atomic import.
 */
export async function inTransaction<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  return (db as Database).transaction((tx) => work(tx));
}
