import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import type { Door, SignedInUser } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { recordAuditEvent } from './audit.service.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
import { toSignedInUser } from './users.service.ts';

const { users, sessions } = schema;

/** Sessions end this long after sign-in, whatever the activity. */
export const sessionLifetimeMs = 8 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The same words whether the email is unknown, disabled or the password wrong. */
const signInRefused = () => new AppError({ code: 'UNAUTHORIZED', message: 'The email or the password is not correct' });

/**
 * Checks an email and password and opens a session. Failures are throttled (per email and
 * address, per address, per email: `SignInThrottle`) and never say whether the account exists.
 */
export async function signIn(options: {
  db: Executor;
  email: string;
  password: string;
  clientAddress: string;
  throttle: SignInThrottle;
  door: Door;
}): Promise<{ sessionToken: string; csrfToken: string; user: SignedInUser }> {
  const { db, throttle } = options;
  const email = options.email.trim().toLowerCase();
  const attempt = { email, address: options.clientAddress };
  await throttle.assertSignInAllowed(attempt);
  const [row] = await db.select().from(users).where(eq(users.email, email));
  // Verify against a decoy when there is no such user, so the answer takes as long either way.
  const passwordMatches = await verifyPassword(options.password, row?.passwordHash ?? decoyPasswordHash);
  if (!row || !passwordMatches || row.disabledAt) {
    await throttle.recordSignInFailure(attempt);
    await recordAuditEvent({
      db,
      actor: { name: email.slice(0, 200), door: options.door },
      action: 'sign-in-failed',
      entityType: 'user',
      entityId: row?.id ?? null,
    });
    throw signInRefused();
  }
  // Only the account's own counts are forgiven, never the address's.
  await throttle.recordSignInSuccess(attempt);
  const sessionToken = newToken();
  const csrfToken = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(sessionToken),
    userId: row.id,
    csrfToken,
    expiresAt: new Date(Date.now() + sessionLifetimeMs),
  });
  await recordAuditEvent({
    db,
    actor: { name: row.email, door: options.door, userId: row.id },
    action: 'sign-in',
    entityType: 'user',
    entityId: row.id,
  });
  return { sessionToken, csrfToken, user: await toSignedInUser({ db, row, scopes: ['read', 'write'] }) };
}

/** The user and form token of a live session, or undefined (unknown, expired, or user disabled). */
export async function resolveSession(options: {
  db: Executor;
  sessionToken: string;
}): Promise<{ user: SignedInUser; csrfToken: string; tokenHash: string } | undefined> {
  const { db } = options;
  const tokenHash = hashToken(options.sessionToken);
  const [found] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!found) return undefined;
  if (found.session.expiresAt.getTime() <= Date.now() || found.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return undefined;
  }
  return { user: await toSignedInUser({ db, row: found.user, scopes: ['read', 'write'] }), csrfToken: found.session.csrfToken, tokenHash };
}

/** Ends a session. */
export async function signOut(options: { db: Executor; sessionToken: string; user: SignedInUser; door: Door }): Promise<void> {
  await options.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(options.sessionToken)));
  await recordAuditEvent({
    db: options.db,
    actor: { name: options.user.email, door: options.door, userId: options.user.id },
    action: 'sign-out',
    entityType: 'user',
    entityId: options.user.id,
  });
}

/** Removes expired sessions; cheap enough to run at start-up. */
export async function deleteExpiredSessions(options: { db: Executor }): Promise<void> {
  await options.db.execute(sql`DELETE FROM sessions WHERE expires_at <= now()`);
}
