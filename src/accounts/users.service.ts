import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agencyTreeIdsSql } from '../db/agency-tree.ts';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { schema } from '../db/database.ts';
import { assertAllowed, canListUsers } from '../policy/policy.ts';
import { roles, type Actor, type Role, type SignedInUser, type Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { recordAuditEvent } from './audit.service.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.ts';

const { users, sessions, apiTokens } = schema;

export const userInputSchema = z.object({
  email: z.email('must be an email address').transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(roles),
  agencyId: z.string().min(1).max(100).nullable().optional(),
  organizationId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
});

export type UserInput = z.infer<typeof userInputSchema>;

/** What may be shown about a user: never the password hash. */
export type UserSummary = {
  id: number;
  email: string;
  name: string;
  role: Role;
  agencyId: string | null;
  organizationId: number | null;
  disabled: boolean;
  createdAt: string;
};

function present(row: typeof users.$inferSelect): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    agencyId: row.agencyId,
    organizationId: row.organizationId,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Agency roles need an agency; NGO managers need an organization. */
async function assertMembershipFits(db: Executor, input: Pick<UserInput, 'role' | 'agencyId' | 'organizationId'>): Promise<void> {
  if ((input.role === 'agency_editor' || input.role === 'agency_viewer') && !input.agencyId) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `The role ${input.role} needs an agency (--agency)`,
      details: [{ field: 'agencyId', message: 'required for agency roles' }],
    });
  }
  if (input.role === 'ngo_manager' && !input.organizationId) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'The role ngo_manager needs an organization (--organization)',
      details: [{ field: 'organizationId', message: 'required for NGO managers' }],
    });
  }
  if (input.agencyId) {
    const [agency] = await db.select({ id: schema.agencies.id }).from(schema.agencies).where(eq(schema.agencies.id, input.agencyId));
    if (!agency)
      throw new AppError({
        code: 'VALIDATION_FAILED',
        message: `Unknown agency '${input.agencyId}'`,
        details: [{ field: 'agencyId', message: 'unknown agency' }],
      });
  }
  if (input.organizationId) {
    const [organization] = await db
      .select({ id: schema.organizations.id })
      .from(schema.organizations)
      .where(eq(schema.organizations.id, input.organizationId));
    if (!organization) throw new AppError({ code: 'VALIDATION_FAILED', message: `Unknown organization ${input.organizationId}` });
  }
}

/** Creates a user with a hashed password; the email must be new. */
export async function createUser(options: { db: Executor; input: UserInput; password: string; actor: Actor }): Promise<UserSummary> {
  const { db, input, actor } = options;
  assertAcceptablePassword(options.password);
  await assertMembershipFits(db, input);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw new AppError({ code: 'CONFLICT', message: `A user with the email ${input.email} exists already` });
  const [row] = await db
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      agencyId: input.agencyId ?? null,
      organizationId: input.organizationId ?? null,
      passwordHash: await hashPassword(options.password),
    })
    .returning();
  const user = present(row!);
  await recordAuditEvent({ db, actor, action: 'create', entityType: 'user', entityId: user.id, after: user });
  return user;
}

/** Every user, by email; for those the policy lets list users (UNAUTHORIZED or FORBIDDEN otherwise). */
export async function listUsers(options: { db: Executor; viewer: Viewer }): Promise<UserSummary[]> {
  assertAllowed(options.viewer, canListUsers(options.viewer), 'list users');
  return (await options.db.select().from(users).orderBy(asc(users.email))).map(present);
}

async function findUserRow(db: Executor, emailOrId: string | number) {
  const condition = typeof emailOrId === 'number' ? eq(users.id, emailOrId) : eq(users.email, emailOrId.toLowerCase());
  const [row] = await db.select().from(users).where(condition);
  if (!row) throw new AppError({ code: 'NOT_FOUND', message: `No user ${typeof emailOrId === 'number' ? `#${emailOrId}` : emailOrId}` });
  return row;
}

/** One user by email or id; NOT_FOUND otherwise. */
export async function getUser(options: { db: Executor; user: string | number }): Promise<UserSummary> {
  return present(await findUserRow(options.db, options.user));
}

/**
 * ctip always keeps one active administrator (the one who can make others): refuses to disable
 * or demote the last. Locks every active administrator's row in a fixed order, so two
 * transactions removing two administrators at once wait for each other instead of both passing.
 */
async function assertAnotherAdministratorRemains(db: Executor, user: typeof users.$inferSelect): Promise<void> {
  if (user.role !== 'admin' || user.disabledAt !== null) return;
  const admins = await selectRows<{ id: number }>(
    db,
    sql`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
  );
  const others = admins.filter((row) => Number(row.id) !== user.id);
  if (others.length === 0) {
    throw new AppError({
      code: 'CONFLICT',
      message: `${user.email} is the last active administrator; make another administrator before disabling or demoting this one`,
    });
  }
}

/**
 * Changes a user's role (and agency or organization); ends their sessions so the change applies at
 * once. `agencyId` / `organizationId`: left out keeps the current one, null removes it. Run it in
 * a transaction (the last-administrator check locks rows).
 */
export async function setUserRole(options: {
  db: Executor;
  user: string | number;
  role: Role;
  agencyId?: string | null;
  organizationId?: number | null;
  actor: Actor;
}): Promise<UserSummary> {
  const { db, actor } = options;
  const before = await findUserRow(db, options.user);
  const next = {
    role: options.role,
    agencyId: options.agencyId === undefined ? before.agencyId : options.agencyId,
    organizationId: options.organizationId === undefined ? before.organizationId : options.organizationId,
  };
  await assertMembershipFits(db, next);
  if (next.role !== 'admin') await assertAnotherAdministratorRemains(db, before);
  const [row] = await db.update(users).set(next).where(eq(users.id, before.id)).returning();
  await db.delete(sessions).where(eq(sessions.userId, before.id));
  const after = present(row!);
  await recordAuditEvent({ db, actor, action: 'update', entityType: 'user', entityId: before.id, before: present(before), after });
  return after;
}

/**
 * Disables a user: sessions end and tokens stop working; the record stays for the audit trail.
 * Run it in a transaction (the last-administrator check locks rows).
 */
export async function disableUser(options: { db: Executor; user: string | number; actor: Actor }): Promise<UserSummary> {
  const { db, actor } = options;
  const before = await findUserRow(db, options.user);
  await assertAnotherAdministratorRemains(db, before);
  const [row] = await db
    .update(users)
    .set({ disabledAt: sql`now()` })
    .where(eq(users.id, before.id))
    .returning();
  await db.delete(sessions).where(eq(sessions.userId, before.id));
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(eq(apiTokens.userId, before.id));
  const after = present(row!);
  await recordAuditEvent({ db, actor, action: 'disable', entityType: 'user', entityId: before.id, before: present(before), after });
  return after;
}

/** Changes a password after checking the current one; other sessions of the user end. */
export async function changePassword(options: {
  db: Executor;
  userId: number;
  currentPassword: string;
  newPassword: string;
  keepSessionHash?: string;
  actor: Actor;
}): Promise<void> {
  const { db, actor } = options;
  const row = await findUserRow(db, options.userId);
  if (!(await verifyPassword(options.currentPassword, row.passwordHash))) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'The current password is not correct',
      details: [{ field: 'currentPassword', message: 'not correct' }],
    });
  }
  assertAcceptablePassword(options.newPassword);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(options.newPassword), passwordChangedAt: sql`now()` })
    .where(eq(users.id, row.id));
  await db.execute(sql`DELETE FROM sessions WHERE user_id = ${row.id} AND token_hash IS DISTINCT FROM ${options.keepSessionHash ?? null}`);
  await recordAuditEvent({ db, actor, action: 'change-password', entityType: 'user', entityId: row.id });
}

/** The agency and every agency under it, for a user's agency role. */
export async function listAgencyTree(options: { db: Executor; agencyId: string | null }): Promise<string[]> {
  if (!options.agencyId) return [];
  const rows = await selectRows<{ id: string }>(
    options.db,
    sql`SELECT id FROM ${agencyTreeIdsSql({ from: options.agencyId, direction: 'down' })} tree`,
  );
  return rows.map((row) => row.id);
}

/** The policy's view of a user row. */
export async function toSignedInUser(options: {
  db: Executor;
  row: typeof users.$inferSelect;
  scopes: SignedInUser['scopes'];
}): Promise<SignedInUser> {
  const { row } = options;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    agencyId: row.agencyId,
    agencyIds: await listAgencyTree({ db: options.db, agencyId: row.agencyId }),
    organizationId: row.organizationId,
    scopes: options.scopes,
  };
}
