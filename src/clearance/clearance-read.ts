import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import {
  assertAllowed,
  canDecideClearance,
  canProposeForClearance,
  canReadOperatorData,
  canRespondToClearance,
  canViewClearance,
  clearanceAgenciesSql,
  hasClearanceQueue,
  inViewerAgencyTreeSql,
} from '../policy/policy.ts';
import type { Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { ClearanceDetail, ClearanceQueueItem } from './clearance.schemas.ts';

const { clearanceReviews, clearanceCirculations, clearanceResponses, clearanceReplies, programs } = schema;

export type ReviewRow = typeof clearanceReviews.$inferSelect;

export const openStatuses = ['circulating', 'answered'];
export const isOpen = (review: ReviewRow) => openStatuses.includes(review.status);

export function reviewNotFound(id: number): AppError {
  return new AppError({ code: 'NOT_FOUND', message: `Clearance ${id} does not exist` });
}

/** The review row, locked for the caller's transaction when `forUpdate` (status changes serialize on it). */
export async function loadReview(db: Executor, id: number, forUpdate = false): Promise<ReviewRow | undefined> {
  const query = db.select().from(clearanceReviews).where(eq(clearanceReviews.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** The member agencies the review was circulated to, by id. */
export async function circulatedAgencyIds(db: Executor, reviewId: number): Promise<string[]> {
  const rows = await db
    .select({ agencyId: clearanceCirculations.agencyId })
    .from(clearanceCirculations)
    .where(eq(clearanceCirculations.reviewId, reviewId))
    .orderBy(asc(clearanceCirculations.agencyId));
  return rows.map((row) => row.agencyId);
}

/** Of the agencies the review was circulated to, those the viewer speaks for. */
export async function viewerAgenciesIn(db: Executor, viewer: Viewer, reviewId: number): Promise<string[]> {
  const lineage = clearanceAgenciesSql(viewer);
  if (!lineage) return [];
  const rows = await selectRows<{ agency_id: string }>(
    db,
    sql`SELECT agency_id FROM clearance_circulations WHERE review_id = ${reviewId} AND agency_id IN ${lineage} ORDER BY agency_id`,
  );
  return rows.map((row) => row.agency_id);
}

/** The review if the viewer may see it (operators, the proposer's agency, reviewers while open); NOT_FOUND otherwise. */
export async function loadVisibleReview(db: Executor, viewer: Viewer, id: number, forUpdate = false): Promise<ReviewRow> {
  const review = await loadReview(db, id, forUpdate);
  if (!review) throw reviewNotFound(id);
  const circulatedToViewer = isOpen(review) && (await viewerAgenciesIn(db, viewer, id)).length > 0;
  if (!canViewClearance(viewer, { proposerAgencyId: review.proposerAgencyId, circulatedToViewer })) throw reviewNotFound(id);
  return review;
}

/** A clearance with its circulation, responses, replies and decision. */
export async function getClearance(options: { db: Executor; reviewId: number; viewer: Viewer }): Promise<ClearanceDetail> {
  const { db, reviewId } = options;
  const review = await loadVisibleReview(db, options.viewer, reviewId);
  const [program] = await db.select({ title: programs.title }).from(programs).where(eq(programs.id, review.programId));
  const agencyIds = await circulatedAgencyIds(db, reviewId);
  const responses = await db
    .select()
    .from(clearanceResponses)
    .where(eq(clearanceResponses.reviewId, reviewId))
    .orderBy(asc(clearanceResponses.id));
  const replies = await db.select().from(clearanceReplies).where(eq(clearanceReplies.reviewId, reviewId)).orderBy(asc(clearanceReplies.id));
  // Responses are appended: an agency's position is its latest.
  const positions = new Map(
    responses.map((response) => [response.agencyId, response.kind as ClearanceDetail['responses'][number]['kind']]),
  );
  return {
    id: review.id,
    programId: review.programId,
    programTitle: program?.title ?? '',
    proposerAgencyId: review.proposerAgencyId,
    status: review.status as ClearanceDetail['status'],
    dueDate: review.dueDate,
    circulatedAt: review.circulatedAt.toISOString(),
    circulatedBy: review.circulatedBy,
    circulatedTo: agencyIds.map((agencyId) => ({ agencyId, position: positions.get(agencyId) ?? null })),
    responses: responses.map((response) => ({
      id: response.id,
      agencyId: response.agencyId,
      kind: response.kind as ClearanceDetail['responses'][number]['kind'],
      text: response.text,
      respondedBy: response.respondedBy,
      respondedAt: response.respondedAt.toISOString(),
    })),
    replies: replies.map((reply) => ({
      id: reply.id,
      text: reply.text,
      repliedBy: reply.repliedBy,
      repliedAt: reply.repliedAt.toISOString(),
    })),
    decision:
      review.decidedAt && review.decidedBy
        ? {
            outcome: review.status as 'cleared' | 'returned',
            reasons: review.decisionReasons ?? '',
            decidedBy: review.decidedBy,
            decidedAt: review.decidedAt.toISOString(),
          }
        : null,
  };
}

/** What the viewer may do next on a clearance they can see; nothing once it is decided. */
export type ClearanceActions = {
  /** The member agency the viewer would respond for, or null when they may not respond. */
  respondFor: string | null;
  reply: boolean;
  decide: boolean;
};

/** Asks the policy (and, for responses, which circulated agency the viewer speaks for) what the viewer may do. */
export async function clearanceActionsOf(options: { db: Executor; viewer: Viewer; clearance: ClearanceDetail }): Promise<ClearanceActions> {
  const { db, viewer, clearance } = options;
  if (!openStatuses.includes(clearance.status)) return { respondFor: null, reply: false, decide: false };
  const [respondFor = null] = canRespondToClearance(viewer) ? await viewerAgenciesIn(db, viewer, clearance.id) : [];
  return { respondFor, reply: canProposeForClearance(viewer, clearance.proposerAgencyId), decide: canDecideClearance(viewer) };
}

type QueueRow = {
  review_id: number;
  program_id: number;
  title: string;
  proposer_agency_id: string;
  status: string;
  due_date: string;
  overdue: boolean;
  role: ClearanceQueueItem['role'];
  agency_id: string | null;
  responded: boolean;
};

const queueColumns = sql`r.id AS review_id, r.program_id, p.title, r.proposer_agency_id, r.status, r.due_date::text AS due_date,
  (r.due_date < CURRENT_DATE) AS overdue`;
const openReview = sql`r.status IN ('circulating', 'answered')`;

/**
 * What awaits an agency, soonest due first. Agency staff: open proposals circulated to their
 * agency (with whether it has responded) and their own agency's proposals under review.
 * Coordinators and administrators: every open clearance awaiting a decision, or, with
 * `agencyId`, that member agency's reviews.
 */
export async function listClearanceQueue(options: { db: Executor; viewer: Viewer; agencyId?: string }): Promise<ClearanceQueueItem[]> {
  const { db, viewer, agencyId } = options;
  const lineage = clearanceAgenciesSql(viewer);
  const operator = canReadOperatorData(viewer);
  assertAllowed(viewer, hasClearanceQueue(viewer), 'see a clearance queue');
  const reviewerRows = sql`SELECT ${queueColumns}, 'reviewer' AS role, c.agency_id,
      EXISTS (SELECT 1 FROM clearance_responses cr WHERE cr.review_id = r.id AND cr.agency_id = c.agency_id) AS responded
    FROM clearance_reviews r JOIN programs p ON p.id = r.program_id JOIN clearance_circulations c ON c.review_id = r.id
    WHERE ${openReview}`;
  let query;
  if (operator) {
    query = agencyId
      ? sql`${reviewerRows} AND c.agency_id = ${agencyId}`
      : sql`SELECT ${queueColumns}, 'decision' AS role, NULL AS agency_id, FALSE AS responded
          FROM clearance_reviews r JOIN programs p ON p.id = r.program_id WHERE ${openReview}`;
  } else {
    const narrowed = agencyId ? sql` AND c.agency_id = ${agencyId}` : sql``;
    query = sql`${reviewerRows} AND c.agency_id IN ${lineage!}${narrowed}
      UNION ALL
      SELECT ${queueColumns}, 'proposer' AS role, NULL AS agency_id, FALSE AS responded
      FROM clearance_reviews r JOIN programs p ON p.id = r.program_id
      WHERE ${openReview} AND ${inViewerAgencyTreeSql(viewer, sql`r.proposer_agency_id`)}${agencyId ? sql` AND FALSE` : sql``}`;
  }
  const rows = await selectRows<QueueRow>(db, sql`SELECT * FROM (${query}) q ORDER BY due_date, review_id, agency_id`);
  return rows.map((row) => ({
    reviewId: Number(row.review_id),
    programId: Number(row.program_id),
    programTitle: row.title,
    proposerAgencyId: row.proposer_agency_id,
    status: row.status as ClearanceQueueItem['status'],
    dueDate: row.due_date,
    overdue: row.overdue === true,
    role: row.role,
    agencyId: row.agency_id,
    responded: row.responded === true,
  }));
}
