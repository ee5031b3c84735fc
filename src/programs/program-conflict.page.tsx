import type { ProgramDetail, ProgramHistoryEntry, ProgramInput } from './program.schemas.ts';
import { formatUsd, type CentsValue } from '../shared/money.ts';
import { ScrollTable } from '../ui/components/table.tsx';
import { dateTime } from '../ui/format.ts';
import type { Choice, FormOptions } from './program-form-options.ts';
import type { ProgramFormValues } from './program-form-values.ts';
import { statusNames } from './program.page.tsx';

/** One field whose value differs between what the writer typed and the record as it is now. */
export type Difference = { label: string; yours: string; current: string };

/** What the conflict alert says: the versions, who changed the record last, and the differences. */
export type Conflict = { openedVersion: number; currentVersion: number; lastChange?: ProgramHistoryEntry; differences: Difference[] };

type Side = Record<string, string>;

const labels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  agency: 'Funding agency',
  status: 'Status',
  visibility: 'Who may see it',
  startDate: 'Start date',
  endDate: 'End date',
  partners: 'Implementing partners',
  places: 'Places',
  obligations: 'Obligations',
  assistanceTypes: 'Assistance types',
  pillars: 'Pillars',
  traffickingForms: 'Forms of trafficking',
  targetGroups: 'Target groups',
};

const none = '(none)';
const nameIn = (choices: Choice[], code: string) => choices.find((choice) => choice.value === code)?.label ?? code;
/** Lists compare without regard to order: the record does not keep the order rows were typed in. */
const joined = (items: string[]) => (items.length ? [...items].sort().join('; ') : none);
const amount = (cents: CentsValue | null, note: string | null | undefined) =>
  cents === null ? `not known${note ? ` (${note})` : ''}` : formatUsd(cents);

type Common = Pick<
  ProgramInput,
  'title' | 'status' | 'visibility' | 'assistanceTypes' | 'pillars' | 'traffickingForms' | 'targetGroups'
> & {
  description?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  obligations: { fiscalYear: number; amountCents: CentsValue | null; amountNote?: string | null }[];
};

function commonSide(program: Common, options: FormOptions): Side {
  return {
    title: program.title.trim(),
    description: program.description?.trim() || none,
    status: statusNames[program.status],
    visibility: program.visibility === 'restricted' ? 'Restricted (pre-decisional)' : 'Public',
    startDate: program.startDate ?? none,
    endDate: program.endDate ?? none,
    obligations: joined(
      program.obligations.map((obligation) => `FY${obligation.fiscalYear}: ${amount(obligation.amountCents, obligation.amountNote)}`),
    ),
    assistanceTypes: joined(program.assistanceTypes.map((code) => nameIn(options.terms.assistanceTypes, code))),
    pillars: joined(program.pillars.map((code) => nameIn(options.terms.pillars, code))),
    traffickingForms: joined(program.traffickingForms.map((code) => nameIn(options.terms.traffickingForms, code))),
    targetGroups: joined(program.targetGroups.map((code) => nameIn(options.terms.targetGroups, code))),
  };
}

function placeText(
  place: { countryCode?: string | null; regionCode?: string | null; sharePercent?: number | null },
  options: FormOptions,
): string {
  const name = place.countryCode ? nameIn(options.countries, place.countryCode) : nameIn(options.regions, place.regionCode ?? '');
  return place.sharePercent === null || place.sharePercent === undefined ? name : `${name} (${place.sharePercent}%)`;
}

const roleText = (role: string) => (role === 'prime' ? 'prime' : 'sub-partner');

/**
 * The fields that differ between the writer's form and the current record, each in words. The
 * writer's partners are named by the record's names when they resolve to the same organization,
 * so a different spelling of the same partner is not a difference.
 */
export function differencesFrom(options: {
  input: ProgramInput;
  values: ProgramFormValues;
  current: ProgramDetail;
  formOptions: FormOptions;
}): Difference[] {
  const { input, values, current, formOptions } = options;
  const currentNames = new Map(current.partners.map((partner) => [partner.organizationId, partner.name]));
  const yours: Side = {
    ...commonSide(input, formOptions),
    agency: formOptions.agencies.find((agency) => agency.value === input.fundingAgencyId)?.label ?? input.fundingAgencyId,
    partners: joined(
      input.partners.map(
        (partner, index) =>
          `${currentNames.get(partner.organizationId) ?? values.partners[index]?.name.trim() ?? ''} (${roleText(partner.role)})`,
      ),
    ),
    places: joined(input.places.map((place) => placeText(place, formOptions))),
  };
  const theirs: Side = {
    ...commonSide(current, formOptions),
    agency: formOptions.agencies.find((agency) => agency.value === current.fundingAgency.id)?.label ?? current.fundingAgency.name,
    partners: joined(current.partners.map((partner) => `${partner.name} (${roleText(partner.role)})`)),
    places: joined(current.places.map((place) => placeText(place, formOptions))),
  };
  return Object.keys(labels)
    .filter((key) => yours[key] !== theirs[key])
    .map((key) => ({ label: labels[key]!, yours: yours[key]!, current: theirs[key]! }));
}

/** The alert of a refused save: nothing was overwritten; what differs; how to save deliberately. */
export function ConflictAlert(props: { conflict: Conflict }) {
  const { conflict } = props;
  const change = conflict.lastChange;
  return (
    <div class="usa-alert usa-alert--error" id="conflict">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{`Someone else changed this program since you opened it (version ${conflict.openedVersion} → ${conflict.currentVersion})`}</h2>
        <p class="usa-alert__text">
          {'Your changes were not saved, and nothing was overwritten. '}
          {change ? `The last change was made by ${change.actor} on ${dateTime(change.changedAt)}. ` : ''}
          Compare your values with the current ones below. The form still holds what you typed: correct it if needed, then save again to
          replace the current values on purpose.
        </p>
        {conflict.differences.length ? (
          <ScrollTable label="Fields that differ">
            <table class="usa-table usa-table--borderless">
              <caption>Fields where your values differ from the current record (version {conflict.currentVersion})</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">What you typed</th>
                  <th scope="col">Current value</th>
                </tr>
              </thead>
              <tbody>
                {conflict.differences.map((difference) => (
                  <tr key={difference.label}>
                    <th scope="row">{difference.label}</th>
                    <td>{difference.yours}</td>
                    <td>{difference.current}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p class="usa-alert__text">Your values are the same as the current ones; saving again changes nothing but the version.</p>
        )}
      </div>
    </div>
  );
}
