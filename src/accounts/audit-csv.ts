import { encodeCsvField, protectFormula } from '../exports/program-csv.format.ts';
import type { AuditQuery } from './accounts.schemas.ts';
import type { AuditEntry } from './audit.service.ts';

const columns = ['event_id', 'occurred_at', 'actor', 'door', 'action', 'entity_type', 'entity_id', 'before', 'after'] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Actor names and recorded values come from users: keep spreadsheets from running them.
  return encodeCsvField(protectFormula(text));
}

/** The audit trail as RFC 4180 CSV (UTF-8 with a byte-order mark, CRLF), formula-safe; the auditors' export. */
export function auditTrailCsv(entries: AuditEntry[]): string {
  const lines = [columns.join(',')];
  for (const entry of entries) {
    lines.push(
      [entry.eventId, entry.occurredAt, entry.actor, entry.door, entry.action, entry.entityType, entry.entityId, entry.before, entry.after]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The audit service's options for the filters of the API and the CLI. */
export function auditFilters(query: AuditQuery): { entityType?: string; entityId?: string; since?: Date; limit: number } {
  return {
    ...(query.entity ? { entityType: query.entity } : {}),
    ...(query.id ? { entityId: query.id } : {}),
    ...(query.since ? { since: new Date(`${query.since}T00:00:00Z`) } : {}),
    limit: query.limit,
  };
}
