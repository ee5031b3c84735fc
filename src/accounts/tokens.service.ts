import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import type { Actor, SignedInUser } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { recordAuditEvent } from './audit.service.ts';
import { hashToken } from './sessions.service.ts';
import { toSignedInUser } from './users.service.ts';

const { apiTokens, users } = schema;

export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export type ApiTokenSummary = {
  id: number;
  userId: number;
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
  lastUsedAt: string | null;
};

function present(row: typeof apiTokens.$inferSelect): ApiTokenSummary {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    scopes: row.scopes as TokenScope[],
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revoked: row.revokedAt !== null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Creates an API token for a user. The secret is returned once and only its hash is kept; the
 * `ctip_` prefix lets secret scanners recognise a leaked token.
 */
export async function createApiToken(options: {
  db: Executor;
  userEmail: string;
  name: string;
  scopes: TokenScope[];
  expiresInDays: number;
  actor: Actor;
}): Promise<{ token: string; summary: ApiTokenSummary }> {
  const { db, actor } = options;
  if (!Number.isInteger(options.expiresInDays) || options.expiresInDays < 1 || options.expiresInDays > 366) {
    throw new AppError({ code: 'VALIDATION_FAILED', message: 'A token expires after 1 to 366 days' });
  }
  if (options.scopes.length === 0 || options.scopes.some((scope) => !tokenScopes.includes(scope))) {
    throw new AppError({ code: 'VALIDATION_FAILED', message: `Scopes must be among ${tokenScopes.join(', ')}` });
  }
  const [user] = await db.select().from(users).where(eq(users.email, options.userEmail.toLowerCase()));
  if (!user || user.disabledAt) throw new AppError({ code: 'NOT_FOUND', message: `No active user ${options.userEmail}` });
  const token = `ctip_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId: user.id,
      name: options.name,
      tokenHash: hashToken(token),
      scopes: options.scopes,
      expiresAt: new Date(Date.now() + options.expiresInDays * 86_400_000),
    })
    .returning();
  const summary = present(row!);
  await recordAuditEvent({ db, actor, action: 'create', entityType: 'api-token', entityId: summary.id, after: summary });
  return { token, summary };
}

export async function listApiTokens(options: { db: Executor; userId?: number }): Promise<ApiTokenSummary[]> {
  const rows = await options.db
    .select()
    .from(apiTokens)
    .where(options.userId ? eq(apiTokens.userId, options.userId) : undefined)
    .orderBy(asc(apiTokens.id));
  return rows.map(present);
}

/** One token's summary (never its secret); NOT_FOUND otherwise. */
export async function getApiToken(options: { db: Executor; id: number }): Promise<ApiTokenSummary> {
  const [row] = await options.db.select().from(apiTokens).where(eq(apiTokens.id, options.id));
  if (!row) throw new AppError({ code: 'NOT_FOUND', message: `No API token #${options.id}` });
  return present(row);
}

/** Revokes a token at once. */
export async function revokeApiToken(options: { db: Executor; id: number; actor: Actor }): Promise<ApiTokenSummary> {
  const [row] = await options.db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(eq(apiTokens.id, options.id))
    .returning();
  if (!row) throw new AppError({ code: 'NOT_FOUND', message: `No API token #${options.id}` });
  const summary = present(row);
  await recordAuditEvent({
    db: options.db,
    actor: options.actor,
    action: 'revoke',
    entityType: 'api-token',
    entityId: row.id,
    after: summary,
  });
  return summary;
}

/** The user behind a live token, with the token's scopes; undefined when unknown, expired or revoked. */
export async function resolveApiToken(options: { db: Executor; token: string }): Promise<SignedInUser | undefined> {
  const { db } = options;
  const [found] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(options.token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  if (!found || found.token.expiresAt.getTime() <= Date.now()) return undefined;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiTokens.id, found.token.id));
  return toSignedInUser({ db, row: found.user, scopes: found.token.scopes as TokenScope[] });
}
