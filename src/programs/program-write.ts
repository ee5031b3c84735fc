import { eq } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { loadProgramDetails } from './program-read.ts';
import { validateProgramReferences } from './program-references.ts';
import type { ProgramDetail, ProgramInput } from './program.schemas.ts';

const { programs, programHistory, programObligations, programPartners, programPlaces, programTerms } = schema;

/** Where a record came from, for imports; manual entries leave it out. */
export type ProgramProvenance = { source: string; sourceKey: string | null; sourceRecord: unknown };

export type HistoryAction = 'create' | 'update' | 'delete';

/** The parts of a record that a change history keeps (timestamps and version excluded). */
export function historyState(detail: ProgramDetail) {
  const { createdAt: _created, updatedAt: _updated, version: _version, ...state } = detail;
  return state;
}

/** The strong overlaps a writer saw and confirmed ("saved despite overlap with #12"). */
export type OverlapConfirmation = { programIds: number[] };

/**
 * A history state with the save's overlap confirmation beside the fields, so the history keeps
 * who saved despite which overlap (program-history.tsx shows it and leaves it out of the diff).
 */
export function withConfirmation<State extends object>(state: State, confirmation: OverlapConfirmation | undefined) {
  return confirmation?.programIds.length ? { ...state, overlapConfirmation: confirmation } : state;
}

/** The `programs` row of an input: the columns both create and update write. */
export function programColumns(input: ProgramInput) {
  return {
    title: input.title,
    description: input.description ?? null,
    fundingAgencyId: input.fundingAgencyId,
    status: input.status,
    visibility: input.visibility,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    targetGroups: input.targetGroups,
  };
}

const batchSize = 400;

/** Items in batches of 400: one statement per batch keeps parameter lists well under PostgreSQL's limit. */
export function splitIntoBatches<T>(items: T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += batchSize) batches.push(items.slice(start, start + batchSize));
  return batches;
}

const unique = <T>(items: T[], keyOf: (item: T) => string) => [...new Map(items.map((item) => [keyOf(item), item])).values()];

/** Inserts the partners, places, obligations and terms of programs, in a few multi-row statements. */
export async function insertProgramParts(tx: Executor, items: { id: number; input: ProgramInput }[]): Promise<void> {
  const partners = items.flatMap(({ id, input }) =>
    unique(input.partners, (partner) => `${partner.organizationId}:${partner.role}`).map((partner) => ({ programId: id, ...partner })),
  );
  const places = items.flatMap(({ id, input }) =>
    input.places.map((place) => ({
      programId: id,
      countryCode: place.countryCode ?? null,
      regionCode: place.regionCode ?? null,
      sharePercent: place.sharePercent ?? null,
    })),
  );
  const obligations = items.flatMap(({ id, input }) =>
    input.obligations.map((obligation) => ({
      programId: id,
      fiscalYear: obligation.fiscalYear,
      amountCents: obligation.amountCents === null ? null : BigInt(obligation.amountCents),
      amountNote: obligation.amountNote ?? null,
    })),
  );
  const terms = items.flatMap(({ id, input }) =>
    unique(
      [
        ...input.assistanceTypes.map((code) => ({ vocabulary: 'assistance-type', code })),
        ...input.pillars.map((code) => ({ vocabulary: 'pillar', code })),
        ...input.traffickingForms.map((code) => ({ vocabulary: 'trafficking-form', code })),
      ],
      (term) => `${term.vocabulary}:${term.code}`,
    ).map((term) => ({ programId: id, ...term })),
  );
  if (partners.length) await tx.insert(programPartners).values(partners);
  if (places.length) await tx.insert(programPlaces).values(places);
  if (obligations.length) await tx.insert(programObligations).values(obligations);
  if (terms.length) await tx.insert(programTerms).values(terms);
}

/** Removes the parts of a program, before an update writes them anew. */
export async function deleteProgramParts(tx: Executor, programId: number): Promise<void> {
  await tx.delete(programPartners).where(eq(programPartners.programId, programId));
  await tx.delete(programPlaces).where(eq(programPlaces.programId, programId));
  await tx.delete(programObligations).where(eq(programObligations.programId, programId));
  await tx.delete(programTerms).where(eq(programTerms.programId, programId));
}

/** Appends history entries: who, when, through which door, before and after. */
export async function recordHistory(
  tx: Executor,
  entries: { programId: number; version: number; action: HistoryAction; actor: Actor; before: unknown; after: unknown }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(programHistory).values(
    entries.map((entry) => ({
      programId: entry.programId,
      version: entry.version,
      action: entry.action,
      door: entry.actor.door,
      actor: entry.actor.name,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })),
  );
}

/**
 * Creates programs in batches of multi-row statements, each with its 'create' history entry.
 * References of the whole batch are checked first, so one unknown code fails before any write.
 * Returns the created records in the order given. Call it inside a transaction.
 */
export async function insertPrograms(
  tx: Executor,
  items: { input: ProgramInput; provenance?: ProgramProvenance; overlapConfirmation?: OverlapConfirmation }[],
  actor: Actor,
  /** The writer, when a person writes: partners hidden from them are refused as unknown. */
  viewer?: Viewer,
): Promise<ProgramDetail[]> {
  const created: ProgramDetail[] = [];
  for (const batch of splitIntoBatches(items)) {
    await validateProgramReferences({ db: tx, inputs: batch.map((item) => item.input), viewer });
    const rows = await tx
      .insert(programs)
      .values(
        batch.map(({ input, provenance }) => ({
          ...programColumns(input),
          source: provenance?.source ?? 'manual',
          sourceKey: provenance?.sourceKey ?? null,
          sourceRecord: provenance?.sourceRecord ?? null,
        })),
      )
      .returning({ id: programs.id });
    // Identity values are drawn in VALUES order, so sorted ids line up with the batch.
    const ids = rows.map((row) => row.id).sort((left, right) => left - right);
    const withIds = batch.map((item, index) => ({ id: ids[index]!, input: item.input }));
    await insertProgramParts(tx, withIds);
    const details = await loadProgramDetails({ db: tx, ids: withIds.map(({ id }) => id) });
    await recordHistory(
      tx,
      details.map((detail, index) => ({
        programId: detail.id,
        version: 1,
        action: 'create',
        actor,
        before: null,
        after: withConfirmation(historyState(detail), batch[index]!.overlapConfirmation),
      })),
    );
    created.push(...details);
  }
  return created;
}
