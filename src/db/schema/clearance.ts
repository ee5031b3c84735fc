import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './accounts.ts';
import { programs } from './programs.ts';
import { agencies } from './reference.ts';

/**
 * A proposal's clearance among the SPOG member agencies: circulated by the proposing agency,
 * answered by the members, decided (cleared or returned) by the coordinator with reasons.
 * status: circulating | answered (every member has responded) | cleared | returned.
 * Deleting the program deletes its clearance records; the audit trail keeps every step.
 */
export const clearanceReviews = pgTable(
  'clearance_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** The program's funding agency when it was circulated: the proposer. */
    proposerAgencyId: text('proposer_agency_id')
      .notNull()
      .references(() => agencies.id),
    circulatedBy: text('circulated_by').notNull(),
    circulatedByUserId: integer('circulated_by_user_id'),
    circulatedAt: timestamp('circulated_at', { withTimezone: true }).notNull().defaultNow(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('circulating'),
    decisionReasons: text('decision_reasons'),
    decidedBy: text('decided_by'),
    decidedByUserId: integer('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [
    index('clearance_reviews_program_idx').on(table.programId),
    // A program is in at most one open clearance at a time.
    uniqueIndex('clearance_reviews_one_open_idx')
      .on(table.programId)
      .where(sql`status IN ('circulating', 'answered')`),
  ],
);

/** The member agencies a review was circulated to (the SPOG members other than the proposer's). */
export const clearanceCirculations = pgTable(
  'clearance_circulations',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => clearanceReviews.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (table) => [primaryKey({ columns: [table.reviewId, table.agencyId] }), index('clearance_circulations_agency_idx').on(table.agencyId)],
);

/** A member agency's concurrence, comment or objection; appended, the latest is its position. */
export const clearanceResponses = pgTable(
  'clearance_responses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => clearanceReviews.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** concurrence | comment | objection */
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    respondedBy: text('responded_by').notNull(),
    respondedByUserId: integer('responded_by_user_id'),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('clearance_responses_review_idx').on(table.reviewId)],
);

/** The proposer's answers to the members' comments and objections. */
export const clearanceReplies = pgTable(
  'clearance_replies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => clearanceReviews.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    repliedBy: text('replied_by').notNull(),
    repliedByUserId: integer('replied_by_user_id'),
    repliedAt: timestamp('replied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('clearance_replies_review_idx').on(table.reviewId)],
);

/** In-app notifications, addressed to an agency (everyone of that agency sees them; each marks them read for themself). */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    reviewId: integer('review_id').references(() => clearanceReviews.id, { onDelete: 'cascade' }),
    /**
     * proposer: for the proposing agency's tree (its own programs); reviewer: for a member agency
     * and everyone under it, like the proposal itself.
     */
    audience: text('audience').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('notifications_agency_idx').on(table.agencyId, table.createdAt)],
);

/** Who has read which notification: each person keeps their own read state, so one colleague's "mark all as read" hides nothing from another. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.notificationId, table.userId] })],
);
