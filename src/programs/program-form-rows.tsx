import { FieldGroup, fieldId, SelectField, TextField, type FieldErrors } from '../ui/form-fields.tsx';
import type { FormOptions } from './program-form-options.ts';
import type { ObligationRow, PartnerRow, PlaceRow } from './program-form-values.ts';

/** The rows typed so far plus `empty` blank ones: repeating rows that need no script. */
function withEmptyRows<Row>(rows: Row[], empty: number, blank: Row): Row[] {
  return [...rows, ...Array.from({ length: empty }, () => blank)];
}

const roleChoices = [
  { value: 'prime', label: 'Prime partner' },
  { value: 'sub', label: 'Sub-partner' },
];

type RowsProps<Row> = { rows: Row[]; empty: number; errors: FieldErrors };

/** Implementing partners chosen by name (any known spelling), with their role. */
export function PartnerRows(props: RowsProps<PartnerRow> & { options: FormOptions }) {
  return (
    <FieldGroup
      id={fieldId('partners')}
      legend="Implementing partners"
      error={props.errors[fieldId('partners')]}
      hint="Type an organization’s name; the list suggests the names ctip knows. Any known spelling or acronym is accepted. Leave a row empty to remove it."
    >
      <datalist id="organization-names">
        {props.options.organizationNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {withEmptyRows(props.rows, props.empty, { name: '', role: 'prime' }).map((row, index) => (
        <div class="grid-row grid-gap" key={index}>
          <TextField
            autocomplete="off"
            class="tablet:grid-col-8"
            name={`partners.${index}.name`}
            label={`Partner ${index + 1}: organization`}
            value={row.name}
            list="organization-names"
            errors={props.errors}
            maxLength={500}
          />
          <SelectField
            class="tablet:grid-col-4"
            name={`partners.${index}.role`}
            label={`Partner ${index + 1}: role`}
            value={row.role}
            options={roleChoices}
            errors={props.errors}
          />
        </div>
      ))}
    </FieldGroup>
  );
}

/** Places: a country or a region per row, and the share of the program it receives. */
export function PlaceRows(props: RowsProps<PlaceRow> & { options: FormOptions }) {
  return (
    <FieldGroup
      id={fieldId('places')}
      legend="Places"
      error={props.errors[fieldId('places')]}
      hint="Choose a country, or a region for a regional program, in each row. The share is the percentage of the program spent there, if known; shares must not add up to more than 100."
    >
      {withEmptyRows(props.rows, props.empty, { country: '', region: '', share: '' }).map((row, index) => (
        <div class="grid-row grid-gap" key={index}>
          <SelectField
            class="tablet:grid-col-5"
            name={`places.${index}.country`}
            label={`Place ${index + 1}: country`}
            value={row.country}
            options={props.options.countries}
            empty="No country"
            errors={props.errors}
          />
          <SelectField
            class="tablet:grid-col-5"
            name={`places.${index}.region`}
            label={`Place ${index + 1}: or region`}
            value={row.region}
            options={props.options.regions}
            empty="No region"
            errors={props.errors}
          />
          <TextField
            autocomplete="off"
            class="tablet:grid-col-2"
            name={`places.${index}.share`}
            label={`Place ${index + 1}: share %`}
            value={row.share}
            inputMode="numeric"
            errors={props.errors}
            maxLength={5}
          />
        </div>
      ))}
    </FieldGroup>
  );
}

/** Obligations per fiscal year, in dollars and cents; an empty amount with a note means unknown. */
export function ObligationRows(props: RowsProps<ObligationRow>) {
  return (
    <FieldGroup
      id={fieldId('obligations')}
      legend="Obligations by fiscal year"
      error={props.errors[fieldId('obligations')]}
      hint="Money committed (not spent) in each U.S. fiscal year (FY2004 runs 1 October 2003 to 30 September 2004), in dollars and cents such as 1,234,567.89. If the amount is not known, leave it empty and say why in the note: it is then shown as “not known” and left out of every total."
    >
      {withEmptyRows(props.rows, props.empty, { fiscalYear: '', amount: '', note: '' }).map((row, index) => (
        <div class="grid-row grid-gap" key={index}>
          <TextField
            autocomplete="off"
            class="tablet:grid-col-3"
            name={`obligations.${index}.fiscalYear`}
            label={`Obligation ${index + 1}: fiscal year`}
            value={row.fiscalYear}
            inputMode="numeric"
            errors={props.errors}
            maxLength={10}
          />
          <TextField
            autocomplete="off"
            class="tablet:grid-col-4"
            name={`obligations.${index}.amount`}
            label={`Obligation ${index + 1}: amount (US$)`}
            value={row.amount}
            inputMode="decimal"
            errors={props.errors}
            maxLength={30}
          />
          <TextField
            autocomplete="off"
            class="tablet:grid-col-5"
            name={`obligations.${index}.note`}
            label={`Obligation ${index + 1}: note`}
            value={row.note}
            errors={props.errors}
            maxLength={1000}
          />
        </div>
      ))}
    </FieldGroup>
  );
}
