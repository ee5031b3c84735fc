import type { ProgramHistoryEntry } from './program.schemas.ts';
import { dateTime, money } from '../ui/format.ts';

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

/** Keys of a history state that are not fields of the program: what the save itself recorded. */
const saveNoteKeys = new Set(['overlapConfirmation']);

/** Empty text, an empty list and a missing value all mean "nothing recorded": not a change between them. */
function normalized(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

function changedKeys(before: unknown, after: unknown): string[] {
  const left = (before ?? {}) as Record<string, unknown>;
  const right = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return keys
    .filter((key) => key !== 'id' && !saveNoteKeys.has(key))
    .filter((key) => JSON.stringify(normalized(left[key])) !== JSON.stringify(normalized(right[key])))
    .filter((key) => key !== 'obligatedCents' && key !== 'hasUnknownAmount'); // follow from obligations
}

/** The fields whose values differ between two states of a record, in readable words. */
export function changedFields(before: unknown, after: unknown): string[] {
  return changedKeys(before, after).map((key) => fieldNames[key] ?? key);
}

type Named = { name?: unknown; role?: unknown; sharePercent?: unknown };
type Obligation = { fiscalYear?: unknown; amountCents?: unknown; amountNote?: unknown };

const longText = 200;

/** A field's value in words, as the program page shows it; "none" when nothing is recorded. */
export function describeValue(key: string, value: unknown): string {
  const empty = key === 'startDate' || key === 'endDate' ? 'not known' : 'none';
  if (normalized(value) === null) return empty;
  if (key === 'fundingAgency') return String((value as Named).name ?? '');
  if (key === 'partners')
    return (value as Named[]).map((partner) => `${String(partner.name)}${partner.role === 'sub' ? ' (sub-recipient)' : ''}`).join('; ');
  if (key === 'places')
    return (value as Named[])
      .map((place) => `${String(place.name)}${typeof place.sharePercent === 'number' ? ` (${place.sharePercent}%)` : ''}`)
      .join('; ');
  if (key === 'obligations')
    return (value as Obligation[])
      .map((row) => `FY${String(row.fiscalYear)} ${row.amountCents === null ? 'amount not known' : money(String(row.amountCents))}`)
      .join('; ');
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return 'changed (see the API for the whole record)';
  const text = String(value);
  return text.length > longText ? `${text.slice(0, longText)}…` : text;
}

function describe(entry: ProgramHistoryEntry): string {
  if (entry.action === 'create') return 'Created';
  if (entry.action === 'delete') return 'Deleted';
  const fields = changedFields(entry.before, entry.after);
  return fields.length ? `Changed ${fields.join(', ')}` : 'Saved with no change to any field';
}

/** Old → new for each changed field of an update. */
function Changes(props: { entry: ProgramHistoryEntry }) {
  const { entry } = props;
  if (entry.action !== 'update') return null;
  const keys = changedKeys(entry.before, entry.after);
  if (keys.length === 0) return null;
  const left = (entry.before ?? {}) as Record<string, unknown>;
  const right = (entry.after ?? {}) as Record<string, unknown>;
  return (
    <ul class="ctip-history-changes">
      {keys.map((key) => (
        <li key={key}>
          {`${fieldNames[key] ?? key}: `}
          <del>{describeValue(key, left[key])}</del>
          <span aria-hidden="true">{' → '}</span>
          <span class="usa-sr-only">{' changed to '}</span>
          <ins>{describeValue(key, right[key])}</ins>
        </li>
      ))}
    </ul>
  );
}

/** "Saved despite overlap with #12, #40": the confirmation a save recorded, if any. */
export function overlapNote(after: unknown): string | undefined {
  const confirmation = (after as { overlapConfirmation?: { programIds?: unknown } } | null)?.overlapConfirmation;
  const ids = Array.isArray(confirmation?.programIds) ? confirmation.programIds.filter((id) => typeof id === 'number') : [];
  return ids.length ? `Saved despite overlap with ${ids.map((id) => `#${id}`).join(', ')}` : undefined;
}

/** The change history, oldest first: version, what changed (old → new), who, when and through which door. */
export function ProgramHistory(props: { history: ProgramHistoryEntry[] }) {
  return (
    <ol class="usa-list">
      {props.history.map((entry) => {
        const note = overlapNote(entry.after);
        return (
          <li key={entry.version}>
            <strong>{`Version ${entry.version}: ${describe(entry)}`}</strong>
            {` by ${entry.actor} through ${doorNames[entry.door] ?? entry.door}, `}
            <time dateTime={entry.changedAt}>{dateTime(entry.changedAt)}</time>
            {note ? <p class="ctip-history-note">{`${note}.`}</p> : null}
            <Changes entry={entry} />
          </li>
        );
      })}
    </ol>
  );
}
