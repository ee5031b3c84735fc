import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { assertAllowed, canReadAuditTrail } from '../policy/policy.ts';
import type { Actor, Viewer } from '../shared/actor.ts';

/** Appends one event to the audit trail (everything but programs, which keep program_history). */
export async function recordAuditEvent(options: {
  db: Executor;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}): Promise<void> {
  await options.db.insert(schema.auditEvents).values({
    actor: options.actor.name,
    actorUserId: options.actor.userId ?? null,
    door: options.actor.door,
    action: options.action,
    entityType: options.entityType,
    entityId: options.entityId === null ? null : String(options.entityId),
    before: options.before ?? null,
    after: options.after ?? null,
  });
}

export type AuditEntry = {
  eventId: string;
  occurredAt: string;
  actor: string;
  door: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/**
 * The whole trail (program changes and other events), newest first, optionally narrowed; for
 * those the policy lets read it (UNAUTHORIZED or FORBIDDEN otherwise, whatever the door).
 */
export async function listAuditTrail(options: {
  db: Executor;
  viewer: Viewer;
  entityType?: string;
  entityId?: string;
  since?: Date;
  limit?: number;
}): Promise<AuditEntry[]> {
  assertAllowed(options.viewer, canReadAuditTrail(options.viewer), 'read the audit trail');
  const conditions = [sql`TRUE`];
  if (options.entityType) conditions.push(sql`entity_type = ${options.entityType}`);
  if (options.entityId) conditions.push(sql`entity_id = ${options.entityId}`);
  if (options.since) conditions.push(sql`occurred_at >= ${options.since.toISOString()}`);
  const rows = await selectRows(
    options.db,
    sql`SELECT event_id, occurred_at, actor, door, action, entity_type, entity_id, before, after FROM audit_trail
        WHERE ${sql.join(conditions, sql` AND `)} ORDER BY occurred_at DESC, event_id DESC LIMIT ${options.limit ?? 1000}`,
  );
  return rows.map((row) => ({
    eventId: String(row.event_id),
    occurredAt: new Date(String(row.occurred_at)).toISOString(),
    actor: String(row.actor),
    door: String(row.door),
    action: String(row.action),
    entityType: String(row.entity_type),
    entityId: row.entity_id === null ? null : String(row.entity_id),
    before: row.before,
    after: row.after,
  }));
}

/**
 * Who last changed one record, and when: what a stale form tells the person who may edit that
 * record (not the trail, which the policy keeps for operators).
 */
export async function findLastChange(options: {
  db: Executor;
  entityType: string;
  entityId: string;
}): Promise<{ actor: string; occurredAt: string } | undefined> {
  const result = await options.db.execute(
    sql`SELECT actor, occurred_at FROM audit_trail WHERE entity_type = ${options.entityType} AND entity_id = ${options.entityId}
        ORDER BY occurred_at DESC, event_id DESC LIMIT 1`,
  );
  const [row] = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return row ? { actor: String(row.actor), occurredAt: new Date(String(row.occurred_at)).toISOString() } : undefined;
}
