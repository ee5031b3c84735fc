import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { agencies } from './reference.ts';

/**
 * People who sign in. A user belongs to an agency (editors, viewers) or an organization (NGO
 * managers); coordinators and administrators may belong to either or none.
 */
export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** Lower-cased; unique. */
  email: text('email').notNull().unique('users_email_unique'),
  name: text('name').notNull(),
  /** scrypt, in the self-describing form `scrypt$N$r$p$salt$hash` (base64url). */
  passwordHash: text('password_hash').notNull(),
  /** admin | coordinator | agency_editor | agency_viewer | ngo_manager */
  role: text('role').notNull(),
  agencyId: text('agency_id').references(() => agencies.id),
  organizationId: integer('organization_id').references(() => organizations.id),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Per-session secret for forms (synchronizer token pattern). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/** API tokens for scripts: hashed at rest, scoped, expiring, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique('api_tokens_hash_unique'),
    /** read | write */
    scopes: text('scopes').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [index('api_tokens_user_idx').on(table.userId)],
);

/**
 * The audit trail of everything but programs (which keep theirs in program_history): users,
 * tokens, sign-ins, name mappings… Append-only, enforced by a trigger.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    actorUserId: integer('actor_user_id'),
    /** api | web | cli | import | system */
    door: text('door').notNull(),
    /** create | update | delete | sign-in | sign-in-failed | sign-out | … */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (table) => [index('audit_events_entity_idx').on(table.entityType, table.entityId), index('audit_events_time_idx').on(table.occurredAt)],
);
