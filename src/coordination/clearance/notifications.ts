import { desc, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { assertAllowed, clearanceAgenciesSql } from '../../accounts/policy.ts';
import type { Viewer } from '../../shared/actor.ts';
import type { Notification } from './clearance.schemas.ts';

const { notifications } = schema;

export type Audience = 'proposer' | 'reviewer';

/** Addresses one message to each agency; runs in the caller's transaction. */
export async function notifyAgencies(db: Executor, options: { agencyIds: string[]; audience: Audience; reviewId: number; message: string }): Promise<void> {
  if (options.agencyIds.length === 0) return;
  await db.insert(notifications).values(
    options.agencyIds.map((agencyId) => ({ agencyId, audience: options.audience, reviewId: options.reviewId, message: options.message })),
  );
}

/**
 * The notifications of the viewer's agency, newest first. Proposer messages reach the
 * proposing agency's tree (who may see its programs); reviewer messages reach a member agency
 * and everyone under it (who review for it). Roles without an agency have none.
 */
export async function listNotifications(options: { db: Executor; viewer: Viewer; limit?: number }): Promise<Notification[]> {
  const { viewer } = options;
  assertAllowed(viewer, viewer.kind !== 'public', 'read notifications');
  const lineage = clearanceAgenciesSql(viewer);
  if (!lineage || viewer.kind !== 'user') return [];
  const tree = sql.join(viewer.user.agencyIds.map((id) => sql`${id}`), sql`, `);
  const rows = await options.db
    .select()
    .from(notifications)
    .where(
      sql`(${notifications.audience} = 'proposer' AND ${notifications.agencyId} IN (${tree}))
        OR (${notifications.audience} = 'reviewer' AND ${notifications.agencyId} IN ${lineage})`,
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit ?? 100);
  return rows.map((row) => ({
    id: row.id,
    agencyId: row.agencyId,
    reviewId: row.reviewId,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
}
