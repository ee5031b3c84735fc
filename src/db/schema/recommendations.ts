import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { programs } from './programs.ts';
import { agencies } from './reference.ts';

/**
 * Recommendations of the annual Assessment: what should improve, which agency owns it, and
 * where it stands. `status` is the resulting status of the latest response (or 'open').
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The Assessment (fiscal year) that made the recommendation. */
    fiscalYear: integer('fiscal_year').notNull(),
    text: text('text').notNull(),
    ownerAgencyId: text('owner_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** open | in_progress | implemented | closed_not_implemented */
    status: text('status').notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('recommendations_fiscal_year_idx').on(table.fiscalYear), index('recommendations_owner_idx').on(table.ownerAgencyId)],
);

/** What was done about a recommendation: appended, never edited (a trigger enforces it). */
export const recommendationResponses = pgTable(
  'recommendation_responses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull().defaultNow(),
    responder: text('responder').notNull(),
    responderUserId: integer('responder_user_id'),
    text: text('text').notNull(),
    /** The recommendation's status after this response. */
    resultingStatus: text('resulting_status').notNull(),
  },
  (table) => [index('recommendation_responses_recommendation_idx').on(table.recommendationId)],
);

/** An agency's strategic plan against trafficking for a range of fiscal years. */
export const strategicPlans = pgTable(
  'strategic_plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    fiscalYearFrom: integer('fiscal_year_from').notNull(),
    fiscalYearTo: integer('fiscal_year_to').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('strategic_plans_agency_idx').on(table.agencyId)],
);

/** A goal of a plan, in the plan's order. */
export const strategicPlanGoals = pgTable(
  'strategic_plan_goals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => strategicPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
  },
  (table) => [index('strategic_plan_goals_plan_idx').on(table.planId)],
);

/** An activity serving a goal, in the goal's order. */
export const strategicPlanActivities = pgTable(
  'strategic_plan_activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    goalId: integer('goal_id')
      .notNull()
      .references(() => strategicPlanGoals.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
  },
  (table) => [index('strategic_plan_activities_goal_idx').on(table.goalId)],
);

/** The programs that carry out an activity. */
export const strategicPlanActivityPrograms = pgTable(
  'strategic_plan_activity_programs',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => strategicPlanActivities.id, { onDelete: 'cascade' }),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.activityId, table.programId] }),
    index('strategic_plan_activity_programs_program_idx').on(table.programId),
  ],
);
