import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../accounts/audit.service.ts';
import { assertAllowed, canViewProgram, canWriteStrategicPlan } from '../accounts/policy.ts';
import { schema, type Database, type Executor } from '../db/database.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { strategicPlanInputSchema, type StrategicPlan, type StrategicPlanInput } from './recommendations.schemas.ts';
import { assertAgencyExists, parseInput } from './recommendations.service.ts';

const { strategicPlans, strategicPlanGoals, strategicPlanActivities, strategicPlanActivityPrograms, agencies, programs } = schema;

/**
 * Throws VALIDATION_FAILED listing every linked program id that does not exist or that the writer
 * may not see (the same answer for both, so a plan cannot be used to probe for restricted
 * programs); each problem names the activity that links it (`goals.0.activities.1.programIds`).
 */
async function assertProgramsExist(db: Executor, input: StrategicPlanInput, viewer: Viewer): Promise<void> {
  const ids = [...new Set(input.goals.flatMap((goal) => goal.activities.flatMap((activity) => activity.programIds)))];
  if (!ids.length) return;
  const rows = await db.select({ id: programs.id, visibility: programs.visibility, fundingAgencyId: programs.fundingAgencyId }).from(programs).where(inArray(programs.id, ids));
  const found = new Set(rows.filter((row) => canViewProgram(viewer, row)).map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (!missing.length) return;
  const details = input.goals.flatMap((goal, goalIndex) =>
    goal.activities.flatMap((activity, activityIndex) =>
      [...new Set(activity.programIds)].filter((id) => !found.has(id)).map((id) => ({ field: `goals.${goalIndex}.activities.${activityIndex}.programIds`, message: `program ${id} does not exist` })),
    ),
  );
  throw new AppError({ code: 'VALIDATION_FAILED', message: `Unknown program${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, details });
}

type PlanRow = typeof strategicPlans.$inferSelect & { agencyName: string };

/** Goals, activities and the linked programs the viewer may see, for the given plans. */
async function loadPlans(db: Executor, rows: PlanRow[], viewer: Viewer): Promise<StrategicPlan[]> {
  const planIds = rows.map((row) => row.id);
  const goals = planIds.length ? await db.select().from(strategicPlanGoals).where(inArray(strategicPlanGoals.planId, planIds)).orderBy(asc(strategicPlanGoals.position)) : [];
  const goalIds = goals.map((goal) => goal.id);
  const activities = goalIds.length
    ? await db.select().from(strategicPlanActivities).where(inArray(strategicPlanActivities.goalId, goalIds)).orderBy(asc(strategicPlanActivities.position))
    : [];
  const activityIds = activities.map((activity) => activity.id);
  const links = activityIds.length
    ? await db
        .select({ activityId: strategicPlanActivityPrograms.activityId, id: programs.id, title: programs.title, visibility: programs.visibility, fundingAgencyId: programs.fundingAgencyId })
        .from(strategicPlanActivityPrograms)
        .innerJoin(programs, eq(programs.id, strategicPlanActivityPrograms.programId))
        .where(inArray(strategicPlanActivityPrograms.activityId, activityIds))
        .orderBy(asc(programs.id))
    : [];
  const visibleLinks = links.filter((link) => canViewProgram(viewer, link));
  return rows.map((row) => ({
    id: row.id,
    agency: { id: row.agencyId, name: row.agencyName },
    title: row.title,
    fiscalYearFrom: row.fiscalYearFrom,
    fiscalYearTo: row.fiscalYearTo,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    goals: goals
      .filter((goal) => goal.planId === row.id)
      .map((goal) => ({
        title: goal.title,
        description: goal.description,
        activities: activities
          .filter((activity) => activity.goalId === goal.id)
          .map((activity) => ({
            title: activity.title,
            description: activity.description,
            programs: visibleLinks.filter((link) => link.activityId === activity.id).map((link) => ({ id: link.id, title: link.title })),
          })),
      })),
  }));
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
export async function listStrategicPlans(options: { db: Executor; viewer: Viewer; fiscalYear?: number; agency?: string }): Promise<StrategicPlan[]> {
  const conditions = [sql`TRUE`];
  if (options.fiscalYear !== undefined) conditions.push(lte(strategicPlans.fiscalYearFrom, options.fiscalYear), gte(strategicPlans.fiscalYearTo, options.fiscalYear));
  if (options.agency) conditions.push(eq(strategicPlans.agencyId, options.agency));
  const rows = await selectPlans(options.db)
    .where(and(...conditions))
    .orderBy(asc(agencies.name), asc(strategicPlans.fiscalYearFrom), asc(strategicPlans.id));
  return loadPlans(options.db, rows, options.viewer);
}

/** One plan, or NOT_FOUND. */
export async function getStrategicPlan(options: { db: Executor; id: number; viewer: Viewer }): Promise<StrategicPlan> {
  const rows = await selectPlans(options.db).where(eq(strategicPlans.id, options.id));
  if (!rows.length) throw new AppError({ code: 'NOT_FOUND', message: `Strategic plan ${options.id} does not exist` });
  return (await loadPlans(options.db, rows, options.viewer))[0]!;
}

/** Records an agency's strategic plan with its goals and activities, in one transaction. */
export async function createStrategicPlan(options: { db: Database; input: StrategicPlanInput; viewer: Viewer; actor: Actor }): Promise<StrategicPlan> {
  const input = parseInput(strategicPlanInputSchema, options.input);
  assertAllowed(options.viewer, canWriteStrategicPlan(options.viewer, input.agencyId), `write strategic plans of '${input.agencyId}'`);
  return options.db.transaction(async (tx) => {
    await assertAgencyExists(tx, input.agencyId, 'agencyId');
    await assertProgramsExist(tx, input, options.viewer);
    const [plan] = await tx
      .insert(strategicPlans)
      .values({ agencyId: input.agencyId, title: input.title, fiscalYearFrom: input.fiscalYearFrom, fiscalYearTo: input.fiscalYearTo, createdBy: options.actor.name })
      .returning({ id: strategicPlans.id });
    for (const [goalIndex, goal] of input.goals.entries()) {
      const [goalRow] = await tx
        .insert(strategicPlanGoals)
        .values({ planId: plan!.id, position: goalIndex + 1, title: goal.title, description: goal.description ?? null })
        .returning({ id: strategicPlanGoals.id });
      for (const [activityIndex, activity] of goal.activities.entries()) {
        const [activityRow] = await tx
          .insert(strategicPlanActivities)
          .values({ goalId: goalRow!.id, position: activityIndex + 1, title: activity.title, description: activity.description ?? null })
          .returning({ id: strategicPlanActivities.id });
        const programIds = [...new Set(activity.programIds)];
        if (programIds.length) await tx.insert(strategicPlanActivityPrograms).values(programIds.map((programId) => ({ activityId: activityRow!.id, programId })));
      }
    }
    const created = await getStrategicPlan({ db: tx, id: plan!.id, viewer: options.viewer });
    await recordAuditEvent({ db: tx, actor: options.actor, action: 'create', entityType: 'strategic-plan', entityId: created.id, after: { ...created, input } });
    return created;
  });
}
