import type { OverlapCheckResult } from '../coordination/coordination.schemas.ts';
import { programStatuses } from './program.schemas.ts';
import { Layout, type Crumb } from '../ui/layout.tsx';
import { segment } from '../ui/urls.ts';
import { ConflictAlert, type Conflict } from './program-conflict.page.tsx';
import { ErrorSummary, fieldId, SelectField, TextArea, TextField, type FieldErrors } from '../ui/form-fields.tsx';
import { CheckboxGroup, RadioGroup } from './program-form-fields.tsx';
import type { FormOptions } from './program-form-options.ts';
import { ObligationRows, PartnerRows, PlaceRows } from './program-form-rows.tsx';
import { termFields, type ProgramFormValues, type TermField } from './program-form-values.ts';
import { OverlapMatches } from './program-overlap.tsx';
import { statusNames } from './program.page.tsx';

/** Everything the program form shows: the typed values, their problems, and what the last action found. */
export type ProgramFormModel = {
  /** Absent for a new program. */
  program?: { id: number; title: string; version: number };
  values: ProgramFormValues;
  errors: FieldErrors;
  emptyRows: number;
  options: FormOptions;
  csrfToken: string;
  conflict?: Conflict;
  overlap?: OverlapCheckResult;
};

const groupLabels: Record<string, string> = {
  form: 'Form',
  title: 'Title',
  description: 'Description',
  fundingAgencyId: 'Funding agency',
  status: 'Status',
  visibility: 'Who may see it',
  startDate: 'Start date',
  endDate: 'End date',
  partners: 'Implementing partners',
  places: 'Places',
  obligations: 'Obligations by fiscal year',
  assistanceTypes: 'Assistance types',
  pillars: 'Pillars',
  traffickingForms: 'Forms of trafficking',
  targetGroups: 'Target groups',
};
const groupOrder = Object.keys(groupLabels);
const rowLabels: Record<string, [string, Record<string, string>]> = {
  partners: ['Partner', { name: 'organization', role: 'role' }],
  places: ['Place', { country: 'country', region: 'or region', share: 'share %' }],
  obligations: ['Obligation', { fiscalYear: 'fiscal year', amount: 'amount (US$)', note: 'note' }],
};

/** The label of a form key, as the field's own label says it ("Obligation 2: amount (US$)"). */
export function fieldLabel(field: string): string {
  const [group = '', index, column = ''] = field.split('.');
  const row = rowLabels[group];
  if (row && index !== undefined) return `${row[0]} ${Number(index) + 1}: ${row[1][column] ?? column}`;
  return groupLabels[group] ?? group;
}

/** Every field of the form in the order it reads, rows included: the order of the error summary. */
function fieldOrder(values: ProgramFormValues): string[] {
  return groupOrder.flatMap((group) => {
    const row = rowLabels[group];
    const count = row ? values[group as keyof typeof rowLabels & ('partners' | 'places' | 'obligations')].length : 0;
    const columns = row ? Object.keys(row[1]) : [];
    return [group, ...Array.from({ length: count }, (_, index) => columns.map((column) => `${group}.${index}.${column}`)).flat()];
  });
}

/** The USWDS error summary: every problem, in form order, each linking to its field (the form's own problems unlinked). */
function ProgramErrorSummary(props: { values: ProgramFormValues; errors: FieldErrors }) {
  const order = fieldOrder(props.values);
  const labels = Object.fromEntries(order.filter((field) => field !== 'form').map((field) => [fieldId(field), fieldLabel(field)]));
  return (
    <ErrorSummary
      errors={props.errors}
      labels={labels}
      order={order.map((field) => fieldId(field))}
      note="Nothing was saved. Everything you typed is still in the form."
    />
  );
}

const visibilityChoices = [
  { value: 'public', label: 'Public', hint: 'Anyone can see it: portal pages, downloads, statistics and the API.' },
  {
    value: 'restricted',
    label: 'Restricted (pre-decisional)',
    hint: 'Only your agency, the coordinators of the SPOG secretariat and administrators can see it; the public cannot find it anywhere. Use it for proposals not yet awarded.',
  },
];

const termLegends: Record<TermField, string> = {
  assistanceTypes: 'Assistance types',
  pillars: 'Pillars',
  traffickingForms: 'Forms of trafficking',
  targetGroups: 'Target groups',
};

function AboutFields(props: { model: ProgramFormModel }) {
  const { values, errors, options } = props.model;
  const statusChoices = programStatuses.map((status) => ({ value: status, label: statusNames[status] }));
  return (
    <>
      <TextField name="title" label="Title" value={values.title} errors={errors} required markRequired maxLength={500} autocomplete="off" />
      <TextArea
        name="description"
        label="Description"
        value={values.description}
        errors={errors}
        hint="What the program does, for whom and where."
      />
      <SelectField
        name="fundingAgencyId"
        label="Funding agency"
        value={values.fundingAgencyId}
        options={options.agencies}
        empty="Choose the agency"
        errors={errors}
        required
        markRequired
        hint="Only the agencies whose programs you may change are listed."
      />
      <SelectField name="status" label="Status" value={values.status} options={statusChoices} errors={errors} required markRequired />
      <RadioGroup name="visibility" legend="Who may see it" value={values.visibility} choices={visibilityChoices} errors={errors} />
      <div class="grid-row grid-gap">
        <TextField
          class="tablet:grid-col-6"
          type="date"
          autocomplete="off"
          name="startDate"
          label="Start date"
          value={values.startDate}
          errors={errors}
          hint="Year-month-day, such as 2004-10-01."
        />
        <TextField
          class="tablet:grid-col-6"
          type="date"
          autocomplete="off"
          name="endDate"
          label="End date"
          value={values.endDate}
          errors={errors}
          hint="Year-month-day; not before the start date."
        />
      </div>
    </>
  );
}

function Buttons(props: { cancelHref: string }) {
  return (
    <div class="margin-top-4">
      <ul class="usa-button-group">
        <li class="usa-button-group__item">
          <button class="usa-button" type="submit" name="action" value="save">
            Save program
          </button>
        </li>
        <li class="usa-button-group__item">
          <button class="usa-button usa-button--outline" type="submit" name="action" value="check">
            Check for similar programs
          </button>
        </li>
        <li class="usa-button-group__item">
          <button class="usa-button usa-button--outline" type="submit" name="action" value="add-rows">
            Add more rows
          </button>
        </li>
      </ul>
      <p class="usa-hint">
        Before saving, “Check for similar programs” shows what other agencies already fund for the same partner, place and purpose; nothing
        is saved by the check.
      </p>
      <p>
        <a href={props.cancelHref}>Cancel and leave without saving</a>
      </p>
    </div>
  );
}

/** The page to create or edit a program; works without JavaScript. */
export function ProgramFormPage(props: { model: ProgramFormModel }) {
  const { model } = props;
  const { program, values, errors, options, emptyRows } = model;
  const title = program ? `Edit program ${program.id}` : 'New program';
  const action = program ? `/programs/${segment(program.id)}/edit` : '/programs/new';
  const breadcrumbs: Crumb[] = [
    { href: '/', label: 'Home' },
    { href: '/programs', label: 'Programs' },
  ];
  if (program) breadcrumbs.push({ href: `/programs/${segment(program.id)}`, label: program.title });
  return (
    <Layout title={title} current="/programs" breadcrumbs={breadcrumbs}>
      <h1>{program ? `Edit “${program.title}”` : 'New program'}</h1>
      {model.conflict ? <ConflictAlert conflict={model.conflict} /> : null}
      <ProgramErrorSummary values={values} errors={errors} />
      {model.overlap ? <OverlapMatches result={model.overlap} /> : null}
      <p class="usa-hint">Fields marked * are required. Amounts are obligations in U.S. dollars.</p>
      <form method="post" action={action} class="ctip-program-form" novalidate>
        <input type="hidden" name="_csrf" value={model.csrfToken} />
        {program ? <input type="hidden" name="version" value={String(program.version)} /> : null}
        <input type="hidden" name="emptyRows" value={String(emptyRows)} />
        <AboutFields model={model} />
        <PartnerRows rows={values.partners} empty={emptyRows} errors={errors} options={options} />
        <PlaceRows rows={values.places} empty={emptyRows} errors={errors} options={options} />
        <ObligationRows rows={values.obligations} empty={emptyRows} errors={errors} />
        {termFields.map((field) => (
          <CheckboxGroup
            key={field}
            name={field}
            legend={termLegends[field]}
            choices={options.terms[field]}
            checked={values[field]}
            errors={errors}
          />
        ))}
        <Buttons cancelHref={program ? `/programs/${segment(program.id)}` : '/programs'} />
      </form>
    </Layout>
  );
}
