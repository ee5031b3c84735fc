import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-ins per key (an email and address pair, an address, an email, a password change),
 * kept in the database so the back-off holds across server processes and restarts.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Raised on every failure: orders keys from the longest idle to the latest, ties included. */
    touched: bigint('touched', { mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
  },
  (table) => [index('sign_in_failures_touched_idx').on(table.touched)],
);
