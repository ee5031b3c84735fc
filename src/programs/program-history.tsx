import type { ProgramHistoryEntry } from './program.schemas.ts';
import { dateTime } from '../ui/format.ts';

const fieldNames: Record<string, string> = {
  title: 'title',
  description: 'description',
  fundingAgency: 'funding agency',
  status: 'status',
  visibility: 'visibility',
  startDate: 'start date',
  endDate: 'end date',
  partners: 'partners',
  places: 'places',
  obligations: 'obligations',
  obligatedCents: 'total obligated',
  hasUnknownAmount: 'unknown amounts',
  assistanceTypes: 'assistance types',
  pillars: 'pillars',
  traffickingForms: 'forms of trafficking',
  targetGroups: 'target groups',
  source: 'source',
  sourceKey: 'source key',
  sourceRecord: 'source record',
};

const doorNames: Record<string, string> = {
  api: 'the API',
  web: 'the web',
  cli: 'the command line',
  import: 'an import',
  system: 'the system',
};

/** The fields whose values differ between two states of a record, in readable words. */
export function changedFields(before: unknown, after: unknown): string[] {
  const left = (before ?? {}) as Record<string, unknown>;
  const right = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return keys
    .filter((key) => key !== 'id' && JSON.stringify(left[key]) !== JSON.stringify(right[key]))
    .filter((key) => key !== 'obligatedCents' && key !== 'hasUnknownAmount') // follow from obligations
    .map((key) => fieldNames[key] ?? key);
}

function describe(entry: ProgramHistoryEntry): string {
  if (entry.action === 'create') return 'Created';
  if (entry.action === 'delete') return 'Deleted';
  const fields = changedFields(entry.before, entry.after);
  return fields.length ? `Changed ${fields.join(', ')}` : 'Saved with no change to any field';
}

/** The change history, oldest first: version, what changed, who, when and through which door. */
export function ProgramHistory(props: { history: ProgramHistoryEntry[] }) {
  return (
    <ol class="usa-list">
      {props.history.map((entry) => (
        <li key={entry.version}>
          <strong>{`Version ${entry.version}: ${describe(entry)}`}</strong>
          {` by ${entry.actor} through ${doorNames[entry.door] ?? entry.door}, `}
          <time dateTime={entry.changedAt}>{dateTime(entry.changedAt)}</time>
        </li>
      ))}
    </ol>
  );
}
