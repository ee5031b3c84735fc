import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { inTransaction } from '../db/transaction.ts';
import { schema } from '../db/database.ts';
import { assertCanWriteProgram, canViewProgram, circulatedToViewerSql, dependsOnClearance } from '../policy/policy.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { loadProgramDetails, summarizeProgram } from './program-read.ts';
import { findProgramIds } from './program-search.ts';
import { validateProgramReferences } from './program-references.ts';
import {
  deleteProgramParts,
  historyState,
  insertProgramParts,
  insertPrograms,
  programColumns,
  recordHistory,
  type ProgramProvenance,
} from './program-write.ts';
import type { ProgramDetail, ProgramHistoryEntry, ProgramInput, ProgramQuery, ProgramSummary } from './program.schemas.ts';

const { programs, programHistory } = schema;

export type { ProgramProvenance } from './program-write.ts';

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

/**
 * Whether the viewer may see the program; asks the database only when the answer hinges on an
 * open clearance circulated to the viewer's agency (reviewers see that proposal).
 */
async function mayView(
  db: Executor,
  viewer: Viewer,
  id: number,
  access: { visibility: string; fundingAgencyId: string; status?: string },
): Promise<boolean> {
  if (!dependsOnClearance(viewer, access)) return canViewProgram(viewer, access);
  const [row] = await selectRows<{ circulated: boolean }>(
    db,
    sql`SELECT ${circulatedToViewerSql(viewer, sql`${id}::integer`)} AS circulated`,
  );
  const circulated = row?.circulated === true;
  return canViewProgram(viewer, { ...access, circulatedToViewer: circulated });
}

/** A program with every field; restricted programs are not found for viewers who may not see them. */
export async function getProgramById(options: { db: Executor; id: number; viewer: Viewer }): Promise<ProgramDetail> {
  const [detail] = await loadProgramDetails({ db: options.db, ids: [options.id] });
  const access = detail && { visibility: detail.visibility, fundingAgencyId: detail.fundingAgency.id, status: detail.status };
  if (!access || !(await mayView(options.db, options.viewer, options.id, access))) throw notFound(options.id);
  return detail;
}

/** The change history of a program, oldest first. */
export async function listProgramHistory(options: { db: Executor; id: number; viewer: Viewer }): Promise<ProgramHistoryEntry[]> {
  const rows = await options.db.select().from(programHistory).where(eq(programHistory.programId, options.id)).orderBy(programHistory.id);
  if (rows.length === 0) throw notFound(options.id);
  const latest = rows.at(-1)!;
  const latestState = (latest.after ?? latest.before) as { visibility?: string; status?: string; fundingAgency?: { id: string } } | null;
  const access = {
    visibility: latestState?.visibility ?? 'restricted',
    fundingAgencyId: latestState?.fundingAgency?.id ?? '',
    status: latestState?.status,
  };
  if (!(await mayView(options.db, options.viewer, options.id, access))) throw notFound(options.id);
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

/**
 * Creates a program after checking every reference (agency, partners, places, terms), and
 * records the creation in its history. Runs in the caller's transaction when given one.
 */
export async function createProgram(options: {
  db: Executor;
  input: ProgramInput;
  actor: Actor;
  /** The writer's rights, checked by the policy; importers and fixtures, which act as the system, leave it out. */
  viewer?: Viewer;
  provenance?: ProgramProvenance;
}): Promise<ProgramDetail> {
  const { input, actor, provenance } = options;
  if (options.viewer) assertCanWriteProgram(options.viewer, input.fundingAgencyId);
  return inTransaction(options.db, async (tx) => {
    const [created] = await insertPrograms(tx, [{ input, provenance }], actor, options.viewer);
    return created!;
  });
}

/**
 * Creates many programs at once (batched multi-row statements), each with its history entry;
 * for importers. All or nothing: one bad reference fails the whole call before any write.
 */
export async function createPrograms(options: {
  db: Executor;
  items: { input: ProgramInput; provenance?: ProgramProvenance }[];
  actor: Actor;
}): Promise<ProgramDetail[]> {
  return inTransaction(options.db, (tx) => insertPrograms(tx, options.items, options.actor));
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
    // Moving a program to another agency needs the right to write both.
    assertCanWriteProgram(options.viewer, before.fundingAgency.id);
    assertCanWriteProgram(options.viewer, input.fundingAgencyId);
    await validateProgramReferences({ db: tx, inputs: [input], viewer: options.viewer });
    const updated = await tx
      .update(programs)
      .set({
        ...programColumns(input),
        ...(provenance ? { source: provenance.source, sourceKey: provenance.sourceKey, sourceRecord: provenance.sourceRecord } : {}),
        version: sql`${programs.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(programs.id, id), eq(programs.version, expectedVersion)))
      .returning({ version: programs.version });
    if (updated.length === 0) {
      // Read again: under concurrent writers `before` may predate the write that just won.
      const current = await getProgramById({ db: tx, id, viewer: options.viewer });
      throw new AppError({
        code: 'VERSION_MISMATCH',
        message: `Program ${id} was changed by someone else (you edited version ${expectedVersion}, it is now version ${current.version}); reload it and apply your change again`,
        current,
      });
    }
    await deleteProgramParts(tx, id);
    await insertProgramParts(tx, [{ id, input }]);
    const [after] = await loadProgramDetails({ db: tx, ids: [id] });
    await recordHistory(tx, [
      { programId: id, version: after!.version, action: 'update', actor, before: historyState(before), after: historyState(after!) },
    ]);
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
    assertCanWriteProgram(options.viewer, before.fundingAgency.id);
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
    await recordHistory(tx, [
      { programId: id, version: before.version + 1, action: 'delete', actor, before: historyState(before), after: null },
    ]);
  });
}
