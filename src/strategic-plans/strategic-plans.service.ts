import { and, asc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAuditEvent } from '../accounts/audit.service.ts';
import { assertAllowed, canWriteStrategicPlan, visibleProgramsSql } from '../policy/policy.ts';
import { schema, type Database, type Executor } from '../db/database.ts';
import { systemViewer, type Actor, type Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { strategicPlanInputSchema, type StrategicPlan, type StrategicPlanInput } from './strategic-plans.schemas.ts';
import { assertAgencyExists, parseInput } from '../recommendations/recommendations.service.ts';
import { carryHiddenLinks, type StoredOutline } from './strategic-plan-hidden-links.ts';
import { planVersion } from './strategic-plan-version.ts';

const { strategicPlans, strategicPlanGoals, strategicPlanActivities, strategicPlanActivityPrograms, agencies, programs } = schema;
/** Programs under the alias `p`, the one the policy's SQL conditions (`visibleProgramsSql`) use. */
const p = alias(programs, 'p');

/**
 * Throws VALIDATION_FAILED listing every linked program id that does not exist or that the writer
 * may not see (the same answer for both, so a plan cannot be used to probe for restricted
 * programs); each problem names the activity that links it (`goals.0.activities.1.programIds`).
 */
async function assertProgramsExist(db: Executor, input: StrategicPlanInput, viewer: Viewer): Promise<void> {
  const ids = [...new Set(input.goals.flatMap((goal) => goal.activities.flatMap((activity) => activity.programIds)))];
  if (!ids.length) return;
  const rows = await db
    .select({ id: p.id })
    .from(p)
    .where(and(inArray(p.id, ids), visibleProgramsSql(viewer)));
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (!missing.length) return;
  const details = input.goals.flatMap((goal, goalIndex) =>
    goal.activities.flatMap((activity, activityIndex) =>
      [...new Set(activity.programIds)]
        .filter((id) => !found.has(id))
        .map((id) => ({ field: `goals.${goalIndex}.activities.${activityIndex}.programIds`, message: `program ${id} does not exist` })),
    ),
  );
  throw new AppError({
    code: 'VALIDATION_FAILED',
    message: `Unknown program${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    details,
  });
}

type PlanRow = typeof strategicPlans.$inferSelect & { agencyName: string };

/** The goals and activities of the given plans, in order. */
async function loadOutlines(db: Executor, planIds: number[]) {
  const goals = planIds.length
    ? await db
        .select()
        .from(strategicPlanGoals)
        .where(inArray(strategicPlanGoals.planId, planIds))
        .orderBy(asc(strategicPlanGoals.position))
    : [];
  const goalIds = goals.map((goal) => goal.id);
  const activities = goalIds.length
    ? await db
        .select()
        .from(strategicPlanActivities)
        .where(inArray(strategicPlanActivities.goalId, goalIds))
        .orderBy(asc(strategicPlanActivities.position))
    : [];
  return { goals, activities };
}

/** Links of the given activities to programs, kept by a condition on the programs (alias `p`). */
async function selectLinks(db: Executor, activityIds: number[], condition: SQL) {
  if (!activityIds.length) return [];
  return db
    .select({ activityId: strategicPlanActivityPrograms.activityId, id: p.id, title: p.title })
    .from(strategicPlanActivityPrograms)
    .innerJoin(p, eq(p.id, strategicPlanActivityPrograms.programId))
    .where(and(inArray(strategicPlanActivityPrograms.activityId, activityIds), condition))
    .orderBy(asc(p.id));
}

/** Goals, activities and the linked programs the viewer may see, for the given plans, each with its version for that viewer. */
async function loadPlans(db: Executor, rows: PlanRow[], viewer: Viewer): Promise<StrategicPlan[]> {
  const { goals, activities } = await loadOutlines(
    db,
    rows.map((row) => row.id),
  );
  const links = await selectLinks(
    db,
    activities.map((activity) => activity.id),
    visibleProgramsSql(viewer),
  );
  return rows.map((row) => {
    const planGoals = goals
      .filter((goal) => goal.planId === row.id)
      .map((goal) => ({
        title: goal.title,
        description: goal.description,
        activities: activities
          .filter((activity) => activity.goalId === goal.id)
          .map((activity) => ({
            title: activity.title,
            description: activity.description,
            programs: links.filter((link) => link.activityId === activity.id).map((link) => ({ id: link.id, title: link.title })),
          })),
      }));
    const content = {
      agencyId: row.agencyId,
      title: row.title,
      fiscalYearFrom: row.fiscalYearFrom,
      fiscalYearTo: row.fiscalYearTo,
      goals: planGoals.map((goal) => ({
        ...goal,
        activities: goal.activities.map((activity) => ({ ...activity, programIds: activity.programs.map((program) => program.id) })),
      })),
    };
    return {
      id: row.id,
      agency: { id: row.agencyId, name: row.agencyName },
      title: row.title,
      fiscalYearFrom: row.fiscalYearFrom,
      fiscalYearTo: row.fiscalYearTo,
      version: planVersion(content),
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      goals: planGoals,
    };
  });
}

function selectPlans(db: Executor) {
  const { id, agencyId, title, fiscalYearFrom, fiscalYearTo, createdBy, createdAt } = strategicPlans;
  return db
    .select({ id, agencyId, title, fiscalYearFrom, fiscalYearTo, createdBy, createdAt, agencyName: agencies.name })
    .from(strategicPlans)
    .innerJoin(agencies, eq(agencies.id, strategicPlans.agencyId));
}

/**
 * Strategic plans, by agency name then period; `fiscalYear` keeps the plans whose period
 * includes it. Plans are public; linked restricted programs are shown only to those who may see them.
 */
export async function listStrategicPlans(options: {
  db: Executor;
  viewer: Viewer;
  fiscalYear?: number;
  agency?: string;
}): Promise<StrategicPlan[]> {
  const conditions = [sql`TRUE`];
  if (options.fiscalYear !== undefined)
    conditions.push(lte(strategicPlans.fiscalYearFrom, options.fiscalYear), gte(strategicPlans.fiscalYearTo, options.fiscalYear));
  if (options.agency) conditions.push(eq(strategicPlans.agencyId, options.agency));
  const rows = await selectPlans(options.db)
    .where(and(...conditions))
    .orderBy(asc(agencies.name), asc(strategicPlans.fiscalYearFrom), asc(strategicPlans.id));
  return loadPlans(options.db, rows, options.viewer);
}

/** One plan with its version for this viewer, or NOT_FOUND. */
export async function getStrategicPlan(options: { db: Executor; id: number; viewer: Viewer }): Promise<StrategicPlan> {
  const rows = await selectPlans(options.db).where(eq(strategicPlans.id, options.id));
  if (!rows.length) throw new AppError({ code: 'NOT_FOUND', message: `Strategic plan ${options.id} does not exist` });
  return (await loadPlans(options.db, rows, options.viewer))[0]!;
}

/** Writes a plan's goals and activities with their links; `carried[g][a]` are program ids linked besides the input's. */
async function insertPlanContent(tx: Executor, planId: number, input: StrategicPlanInput, carried: number[][][] = []): Promise<void> {
  for (const [goalIndex, goal] of input.goals.entries()) {
    const [goalRow] = await tx
      .insert(strategicPlanGoals)
      .values({ planId, position: goalIndex + 1, title: goal.title, description: goal.description ?? null })
      .returning({ id: strategicPlanGoals.id });
    for (const [activityIndex, activity] of goal.activities.entries()) {
      const [activityRow] = await tx
        .insert(strategicPlanActivities)
        .values({ goalId: goalRow!.id, position: activityIndex + 1, title: activity.title, description: activity.description ?? null })
        .returning({ id: strategicPlanActivities.id });
      const programIds = [...new Set([...activity.programIds, ...(carried[goalIndex]?.[activityIndex] ?? [])])];
      if (programIds.length)
        await tx.insert(strategicPlanActivityPrograms).values(programIds.map((programId) => ({ activityId: activityRow!.id, programId })));
    }
  }
}

/** Validates a plan from any door and checks that the viewer may write it for its agency. */
function parsePlanInput(viewer: Viewer, value: StrategicPlanInput): StrategicPlanInput {
  const input = parseInput(strategicPlanInputSchema, value);
  assertAllowed(viewer, canWriteStrategicPlan(viewer, input.agencyId), `write strategic plans of '${input.agencyId}'`);
  return input;
}

/** The references a plan names exist, and the writer may see each linked program. */
async function assertReferences(tx: Executor, input: StrategicPlanInput, viewer: Viewer): Promise<void> {
  await assertAgencyExists(tx, input.agencyId, 'agencyId');
  await assertProgramsExist(tx, input, viewer);
}

/** Records an agency's strategic plan with its goals and activities, in one transaction. */
export async function createStrategicPlan(options: {
  db: Database;
  input: StrategicPlanInput;
  viewer: Viewer;
  actor: Actor;
}): Promise<StrategicPlan> {
  const input = parsePlanInput(options.viewer, options.input);
  return options.db.transaction(async (tx) => {
    await assertReferences(tx, input, options.viewer);
    const [plan] = await tx
      .insert(strategicPlans)
      .values({
        agencyId: input.agencyId,
        title: input.title,
        fiscalYearFrom: input.fiscalYearFrom,
        fiscalYearTo: input.fiscalYearTo,
        createdBy: options.actor.name,
      })
      .returning({ id: strategicPlans.id });
    await insertPlanContent(tx, plan!.id, input);
    const created = await getStrategicPlan({ db: tx, id: plan!.id, viewer: options.viewer });
    await recordAuditEvent({
      db: tx,
      actor: options.actor,
      action: 'create',
      entityType: 'strategic-plan',
      entityId: created.id,
      after: { ...created, input },
    });
    return created;
  });
}

/** The plan's stored goals and activities with the links to programs the viewer may not see. */
async function hiddenOutline(tx: Executor, planId: number, viewer: Viewer): Promise<StoredOutline> {
  const { goals, activities } = await loadOutlines(tx, [planId]);
  const hidden = await selectLinks(
    tx,
    activities.map((activity) => activity.id),
    sql`NOT (${visibleProgramsSql(viewer)})`,
  );
  return goals.map((goal) => ({
    title: goal.title,
    activities: activities
      .filter((activity) => activity.goalId === goal.id)
      .map((activity) => ({
        title: activity.title,
        hiddenProgramIds: hidden.filter((link) => link.activityId === activity.id).map((link) => link.id),
      })),
  }));
}

/**
 * Replaces a plan's agency, title, period, goals and activities, in one transaction.
 * `expectedVersion` is the plan's version as the writer read it: the plan row is locked first,
 * so of two concurrent edits of the same version one wins and the other gets VERSION_MISMATCH
 * with the plan as it is now. Moving a plan to another agency needs the right to write both.
 * Links to programs the writer may not see stay with their activities (`carryHiddenLinks`).
 */
export async function updateStrategicPlan(options: {
  db: Database;
  id: number;
  input: StrategicPlanInput;
  expectedVersion: string;
  viewer: Viewer;
  actor: Actor;
}): Promise<StrategicPlan> {
  const { id, viewer } = options;
  const input = parsePlanInput(viewer, options.input);
  return options.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ agencyId: strategicPlans.agencyId })
      .from(strategicPlans)
      .where(eq(strategicPlans.id, id))
      .for('update');
    if (!locked) throw new AppError({ code: 'NOT_FOUND', message: `Strategic plan ${id} does not exist` });
    assertAllowed(viewer, canWriteStrategicPlan(viewer, locked.agencyId), `write strategic plans of '${locked.agencyId}'`);
    const current = await getStrategicPlan({ db: tx, id, viewer });
    if (current.version !== options.expectedVersion) {
      throw new AppError({
        code: 'VERSION_MISMATCH',
        message: `Strategic plan ${id} was changed by someone else (you edited version ${options.expectedVersion}, it is now version ${current.version}); reload it and apply your change again`,
        current,
      });
    }
    await assertReferences(tx, input, viewer);
    const carried = carryHiddenLinks(await hiddenOutline(tx, id, viewer), input.goals);
    // The audit trail keeps the whole plan, links hidden from this writer included.
    const before = await getStrategicPlan({ db: tx, id, viewer: systemViewer });
    await tx
      .update(strategicPlans)
      .set({ agencyId: input.agencyId, title: input.title, fiscalYearFrom: input.fiscalYearFrom, fiscalYearTo: input.fiscalYearTo })
      .where(eq(strategicPlans.id, id));
    // Activities and their links go with their goals (ON DELETE CASCADE).
    await tx.delete(strategicPlanGoals).where(eq(strategicPlanGoals.planId, id));
    await insertPlanContent(tx, id, input, carried);
    const after = await getStrategicPlan({ db: tx, id, viewer: systemViewer });
    await recordAuditEvent({
      db: tx,
      actor: options.actor,
      action: 'update',
      entityType: 'strategic-plan',
      entityId: id,
      before,
      after: { ...after, input },
    });
    return getStrategicPlan({ db: tx, id, viewer });
  });
}
