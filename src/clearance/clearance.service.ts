import { and, eq, inArray, sql } from 'drizzle-orm';
import { agencyTreeIdsSql } from '../db/agency-tree.ts';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { schema } from '../db/database.ts';
import { recordAuditEvent } from '../accounts/audit.service.ts';
import { assertAllowed, canDecideClearance, canProposeForClearance, canRespondToClearance } from '../policy/policy.ts';
import { loadProgramDetails } from '../programs/program-read.ts';
import { getProgramById } from '../programs/program.service.ts';
import { inTransaction } from '../db/transaction.ts';
import { historyState, recordHistory } from '../programs/program-write.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import {
  circulatedAgencyIds,
  getClearance,
  isOpen,
  loadVisibleReview,
  openStatuses,
  viewerAgenciesIn,
  type ReviewRow,
} from './clearance-read.ts';
import type { ClearanceDecisionInput, ClearanceDetail, ClearanceResponseInput, SubmitClearanceInput } from './clearance.schemas.ts';
import { notifyAgencies } from './notifications.ts';

export { getClearance, listClearanceQueue } from './clearance-read.ts';
export { listNotifications, markNotificationsRead } from './notifications.ts';

const { clearanceReviews, clearanceCirculations, clearanceResponses, clearanceReplies, programs } = schema;

/** The body whose members clear proposals. */
export const clearingBodyId = 'spog';
/** Two weeks, when the proposer names no due date. */
const defaultDueDays = 14;

const entityType = 'clearance_review';

function conflict(message: string): AppError {
  return new AppError({ code: 'CONFLICT', message });
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function dueDateOf(input: SubmitClearanceInput): string {
  if (!input.dueDate) return new Date(Date.now() + defaultDueDays * 86_400_000).toISOString().slice(0, 10);
  if (input.dueDate < todayIso()) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'The due date is in the past',
      details: [{ field: 'dueDate', message: `${input.dueDate} is before today` }],
    });
  }
  return input.dueDate;
}

/** The SPOG members other than the proposer's agency and the agencies above it. */
async function membersToCirculate(db: Executor, fundingAgencyId: string): Promise<string[]> {
  const lineage = agencyTreeIdsSql({ from: fundingAgencyId, direction: 'up' });
  const rows = await selectRows<{ agency_id: string }>(
    db,
    sql`SELECT agency_id FROM body_memberships WHERE body_id = ${clearingBodyId} AND agency_id NOT IN ${lineage} ORDER BY agency_id`,
  );
  return rows.map((row) => row.agency_id);
}

/** Moves a program from one status to another, with its version and history; CONFLICT if it moved meanwhile. */
async function moveProgram(tx: Executor, programId: number, from: string, to: string, actor: Actor): Promise<void> {
  const [before] = await loadProgramDetails({ db: tx, ids: [programId] });
  const moved = await tx
    .update(programs)
    .set({ status: to, version: sql`${programs.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(programs.id, programId), eq(programs.status, from)))
    .returning({ id: programs.id });
  if (!before || moved.length === 0) throw conflict(`Program ${programId} is no longer ${from.replace('_', ' ')}; reload it`);
  const [after] = await loadProgramDetails({ db: tx, ids: [programId] });
  await recordHistory(tx, [
    { programId, version: after!.version, action: 'update', actor, before: historyState(before), after: historyState(after!) },
  ]);
}

function assertOpen(review: ReviewRow): void {
  if (!isOpen(review)) throw conflict(`Clearance ${review.id} was already ${review.status}; it takes no more steps`);
}

/**
 * Circulates a proposal (status proposed, visibility restricted) to every SPOG member agency but
 * the proposer's, by an editor of its agency; the program goes under review and each member
 * agency is notified.
 */
export async function submitForClearance(options: {
  db: Executor;
  input: SubmitClearanceInput;
  actor: Actor;
  viewer: Viewer;
}): Promise<ClearanceDetail> {
  const { input, actor, viewer } = options;
  const dueDate = dueDateOf(input);
  const reviewId = await inTransaction(options.db, async (tx) => {
    const program = await getProgramById({ db: tx, id: input.programId, viewer });
    assertAllowed(
      viewer,
      canProposeForClearance(viewer, program.fundingAgency.id),
      `circulate programs of '${program.fundingAgency.id}' for clearance`,
    );
    if (program.status !== 'proposed')
      throw conflict(
        `Program ${program.id} is ${program.status.replace('_', ' ')}; only a proposed program can be circulated for clearance`,
      );
    if (program.visibility !== 'restricted')
      throw conflict(`Program ${program.id} is public; a proposal is pre-decisional and must be restricted before it is circulated`);
    const members = await membersToCirculate(tx, program.fundingAgency.id);
    if (members.length === 0) throw conflict('The SPOG has no member agency to circulate this proposal to');
    const [review] = await tx
      .insert(clearanceReviews)
      .values({
        programId: program.id,
        proposerAgencyId: program.fundingAgency.id,
        circulatedBy: actor.name,
        circulatedByUserId: actor.userId ?? null,
        dueDate,
      })
      .returning({ id: clearanceReviews.id });
    const id = review!.id;
    await tx.insert(clearanceCirculations).values(members.map((agencyId) => ({ reviewId: id, agencyId })));
    await moveProgram(tx, program.id, 'proposed', 'under_review', actor);
    await notifyAgencies(tx, {
      agencyIds: members,
      audience: 'reviewer',
      reviewId: id,
      message: `Proposal "${program.title}" (${program.fundingAgency.id}) awaits your agency's clearance by ${dueDate}`,
    });
    await recordAuditEvent({
      db: tx,
      actor,
      action: 'clearance.circulate',
      entityType,
      entityId: id,
      after: { programId: program.id, dueDate, circulatedTo: members },
    });
    return id;
  });
  return getClearance({ db: options.db, reviewId, viewer });
}

/**
 * Records a member agency's concurrence, comment or objection. Staff (editors and viewers) of an
 * agency the proposal was circulated to respond for it; later responses are appended, the latest
 * is the agency's position. When every member has responded the review is `answered`.
 */
export async function respondToClearance(options: {
  db: Executor;
  reviewId: number;
  input: ClearanceResponseInput;
  actor: Actor;
  viewer: Viewer;
}): Promise<ClearanceDetail> {
  const { reviewId, input, actor, viewer } = options;
  assertAllowed(viewer, canRespondToClearance(viewer), 'respond to clearances');
  await inTransaction(options.db, async (tx) => {
    const review = await loadVisibleReview(tx, viewer, reviewId, true);
    const [agencyId] = await viewerAgenciesIn(tx, viewer, reviewId);
    if (!agencyId)
      throw new AppError({
        code: 'FORBIDDEN',
        message: `Clearance ${reviewId} was not circulated to your agency; the proposer answers with a reply`,
      });
    assertOpen(review);
    const earlier = await tx
      .select({ id: clearanceResponses.id })
      .from(clearanceResponses)
      .where(and(eq(clearanceResponses.reviewId, reviewId), eq(clearanceResponses.agencyId, agencyId)));
    const [response] = await tx
      .insert(clearanceResponses)
      .values({ reviewId, agencyId, kind: input.kind, text: input.text, respondedBy: actor.name, respondedByUserId: actor.userId ?? null })
      .returning({ id: clearanceResponses.id });
    const members = await circulatedAgencyIds(tx, reviewId);
    const answered = await tx
      .selectDistinct({ agencyId: clearanceResponses.agencyId })
      .from(clearanceResponses)
      .where(eq(clearanceResponses.reviewId, reviewId));
    // The review row is locked (loadVisibleReview), so one response at a time gets here; the
    // status condition still makes sure only one of them records the move to `answered`.
    const completes =
      answered.length >= members.length &&
      (
        await tx
          .update(clearanceReviews)
          .set({ status: 'answered' })
          .where(and(eq(clearanceReviews.id, reviewId), eq(clearanceReviews.status, 'circulating')))
          .returning({ id: clearanceReviews.id })
      ).length > 0;
    await notifyAgencies(tx, {
      agencyIds: [review.proposerAgencyId],
      audience: 'proposer',
      reviewId,
      message: `${agencyId} recorded a ${input.kind} on clearance ${reviewId}`,
    });
    await recordAuditEvent({
      db: tx,
      actor,
      action: 'clearance.respond',
      entityType,
      entityId: reviewId,
      after: {
        responseId: response!.id,
        agencyId,
        kind: input.kind,
        text: input.text,
        supersedes: earlier.map((row) => row.id),
        ...(completes ? { status: 'answered' } : {}),
      },
    });
  });
  return getClearance({ db: options.db, reviewId, viewer });
}

/** The proposer's answer to the members, by an editor of the proposing agency; members are notified. */
export async function replyAsProposer(options: {
  db: Executor;
  reviewId: number;
  text: string;
  actor: Actor;
  viewer: Viewer;
}): Promise<ClearanceDetail> {
  const { reviewId, actor, viewer } = options;
  await inTransaction(options.db, async (tx) => {
    const review = await loadVisibleReview(tx, viewer, reviewId, true);
    assertAllowed(viewer, canProposeForClearance(viewer, review.proposerAgencyId), 'reply as the proposer of this clearance');
    assertOpen(review);
    const [reply] = await tx
      .insert(clearanceReplies)
      .values({ reviewId, text: options.text, repliedBy: actor.name, repliedByUserId: actor.userId ?? null })
      .returning({ id: clearanceReplies.id });
    await notifyAgencies(tx, {
      agencyIds: await circulatedAgencyIds(tx, reviewId),
      audience: 'reviewer',
      reviewId,
      message: `The proposer replied on clearance ${reviewId}`,
    });
    await recordAuditEvent({
      db: tx,
      actor,
      action: 'clearance.reply',
      entityType,
      entityId: reviewId,
      after: { replyId: reply!.id, text: options.text },
    });
  });
  return getClearance({ db: options.db, reviewId, viewer });
}

/**
 * The coordinator's decision, with its reasons: `clear` makes the program active (its
 * visibility stays as its agency set it), `return` sends it back to proposed.
 */
export async function decideClearance(options: {
  db: Executor;
  reviewId: number;
  input: ClearanceDecisionInput;
  actor: Actor;
  viewer: Viewer;
}): Promise<ClearanceDetail> {
  const { reviewId, input, actor, viewer } = options;
  assertAllowed(viewer, canDecideClearance(viewer), 'clear or return proposals');
  const reasons = input.reasons.trim();
  if (!reasons)
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'Give the reasons for the decision',
      details: [{ field: 'reasons', message: 'Required' }],
    });
  const outcome = input.decision === 'clear' ? 'cleared' : 'returned';
  await inTransaction(options.db, async (tx) => {
    const review = await loadVisibleReview(tx, viewer, reviewId, true);
    assertOpen(review);
    // The row lock serializes deciders; the status condition and its row count make sure a
    // second decision can never overwrite the first, whatever the isolation level.
    const decided = await tx
      .update(clearanceReviews)
      .set({
        status: outcome,
        decisionReasons: reasons,
        decidedBy: actor.name,
        decidedByUserId: actor.userId ?? null,
        decidedAt: sql`now()`,
      })
      .where(and(eq(clearanceReviews.id, reviewId), inArray(clearanceReviews.status, openStatuses)))
      .returning({ id: clearanceReviews.id });
    if (decided.length === 0) throw conflict(`Clearance ${reviewId} was decided meanwhile; reload it`);
    await moveProgram(tx, review.programId, 'under_review', outcome === 'cleared' ? 'active' : 'proposed', actor);
    const message = `Clearance ${reviewId} was ${outcome}: ${reasons}`;
    await notifyAgencies(tx, { agencyIds: [review.proposerAgencyId], audience: 'proposer', reviewId, message });
    await notifyAgencies(tx, { agencyIds: await circulatedAgencyIds(tx, reviewId), audience: 'reviewer', reviewId, message });
    await recordAuditEvent({
      db: tx,
      actor,
      action: `clearance.${input.decision}`,
      entityType,
      entityId: reviewId,
      before: { status: review.status },
      after: { status: outcome, reasons, programId: review.programId },
    });
  });
  return getClearance({ db: options.db, reviewId, viewer });
}
