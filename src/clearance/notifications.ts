import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import {
  assertAllowed,
  canMarkNotificationsRead,
  canReadNotifications,
  clearanceAgenciesSql,
  notificationsAddressedToSql,
} from '../policy/policy.ts';
import type { Viewer } from '../shared/actor.ts';
import type { Notification } from './clearance.schemas.ts';

const { notifications, notificationReads } = schema;

export type Audience = 'proposer' | 'reviewer';

/** Addresses one message to each agency; runs in the caller's transaction. */
export async function notifyAgencies(
  db: Executor,
  options: { agencyIds: string[]; audience: Audience; reviewId: number; message: string },
): Promise<void> {
  if (options.agencyIds.length === 0) return;
  await db
    .insert(notifications)
    .values(
      options.agencyIds.map((agencyId) => ({ agencyId, audience: options.audience, reviewId: options.reviewId, message: options.message })),
    );
}

/** Which notifications reach the viewer (the policy's answer on this table's columns), or null for roles without an agency. */
const addressedToViewerSql = (viewer: Viewer): SQL | null =>
  notificationsAddressedToSql(viewer, { audience: notifications.audience, agencyId: notifications.agencyId });

/** The notifications of the viewer's agency, newest first, each with when this person read it; roles without an agency have none. */
export async function listNotifications(options: { db: Executor; viewer: Viewer; limit?: number }): Promise<Notification[]> {
  const { viewer } = options;
  assertAllowed(viewer, canReadNotifications(viewer), 'read notifications');
  const addressed = addressedToViewerSql(viewer);
  if (!addressed || viewer.kind !== 'user') return [];
  const rows = await options.db
    .select({ notification: notifications, readAt: notificationReads.readAt })
    .from(notifications)
    .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, viewer.user.id)))
    .where(addressed)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit ?? 100);
  return rows.map(({ notification, readAt }) => ({
    id: notification.id,
    agencyId: notification.agencyId,
    reviewId: notification.reviewId,
    message: notification.message,
    createdAt: notification.createdAt.toISOString(),
    readAt: readAt?.toISOString() ?? null,
  }));
}

/**
 * Marks the viewer's unread notifications as read for this person only (those of `ids`, or all
 * of them) and returns how many it marked: colleagues of the same agency keep their own state. A
 * notification already read keeps its first `readAt`; ids the viewer may not see are passed over
 * as if they did not exist.
 */
export async function markNotificationsRead(options: { db: Executor; viewer: Viewer; ids?: number[] }): Promise<number> {
  const { viewer, ids } = options;
  assertAllowed(viewer, canMarkNotificationsRead(viewer), 'mark notifications as read');
  const addressed = addressedToViewerSql(viewer);
  if (!addressed || viewer.kind !== 'user' || (ids && ids.length === 0)) return 0;
  const chosen = ids ? sql`AND ${inArray(notifications.id, ids)}` : sql``;
  const marked = await selectRows(
    options.db,
    sql`INSERT INTO notification_reads (notification_id, user_id)
    SELECT ${notifications.id}, ${viewer.user.id} FROM ${notifications} WHERE ${addressed} ${chosen}
    ON CONFLICT DO NOTHING RETURNING notification_id`,
  );
  return marked.length;
}
