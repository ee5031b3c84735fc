import { CsrfField, ErrorSummary, FieldGroup, fieldId, SelectField, TextArea, TextField, type FieldErrors } from '../ui/form-fields.tsx';
import { Layout } from '../ui/layout.tsx';
import { PlanConflictAlert, type PlanConflict } from './strategic-plan-conflict.page.tsx';
import { planFieldLabel, planFieldOrder, type ActivityRow, type GoalRow, type PlanFormValues } from './strategic-plan-form.ts';

/**
 * Everything the plan form shows: the typed values, their problems, the empty rows and the
 * agencies the writer may choose; for an edit, the plan and the version the form carries, and
 * after a refused stale save, the conflict.
 */
export type PlanFormModel = {
  values: PlanFormValues;
  errors: FieldErrors;
  message?: string;
  emptyRows: number;
  agencies: { value: string; label: string }[];
  plan?: { id: number; title: string; version: string };
  conflict?: PlanConflict;
};

/** The rows typed so far plus `empty` blank ones: repeating rows that need no script. */
function withEmptyRows<Row>(rows: Row[], empty: number, blank: () => Row): Row[] {
  return [...rows, ...Array.from({ length: empty }, blank)];
}

/** A text input named by its form field name; its label is the one the error summary uses. */
function Field(props: { name: string; value: string; errors: FieldErrors; hint?: string; required?: boolean }) {
  return <TextField {...props} label={planFieldLabel(props.name)} />;
}

function ActivityFields(props: { name: string; row: ActivityRow; errors: FieldErrors }) {
  const { name, row, errors } = props;
  return (
    <div class="grid-row grid-gap">
      <div class="tablet:grid-col-5">
        <Field name={`${name}.title`} value={row.title} errors={errors} />
      </div>
      <div class="tablet:grid-col-4">
        <Field name={`${name}.description`} value={row.description} errors={errors} />
      </div>
      <div class="tablet:grid-col-3">
        <Field name={`${name}.programIds`} value={row.programIds} errors={errors} />
      </div>
    </div>
  );
}

function GoalFields(props: { index: number; goal: GoalRow; emptyRows: number; errors: FieldErrors }) {
  const { index, goal, errors } = props;
  const name = `goals.${index}`;
  const description = `${name}.description`;
  return (
    <fieldset class="usa-fieldset margin-top-3 border-top-1px border-base-lighter">
      <legend class="usa-legend usa-legend--large">{`Goal ${index + 1}`}</legend>
      <Field name={`${name}.title`} value={goal.title} errors={errors} />
      <TextArea name={description} label={planFieldLabel(description)} value={goal.description} errors={errors} rows={2} />
      {withEmptyRows(goal.activities, props.emptyRows, () => ({ title: '', description: '', programIds: '' })).map((row, activityIndex) => (
        <ActivityFields key={activityIndex} name={`${name}.activities.${activityIndex}`} row={row} errors={errors} />
      ))}
    </fieldset>
  );
}

function GoalRows(props: { model: PlanFormModel }) {
  const { values, errors, emptyRows } = props.model;
  const id = fieldId('goals');
  return (
    <FieldGroup
      id={id}
      legend="Goals and activities"
      error={errors[id]}
      hint="At least one goal, each with a title. Under each goal, the activities that serve it: what will be done, optional details, and the numbers of the programs that carry it out (shown on each program’s page, such as 1234), separated by commas. Rows left empty are ignored; “Add more rows” gives more."
    >
      {withEmptyRows(values.goals, emptyRows, () => ({ title: '', description: '', activities: [] })).map((goal, index) => (
        <GoalFields key={index} index={index} goal={goal} emptyRows={emptyRows} errors={errors} />
      ))}
    </FieldGroup>
  );
}

/**
 * The form to record an agency's strategic plan (`model.plan` absent) or to edit one, for the
 * agencies the policy lets the writer write; works without JavaScript. An edit posts to
 * `/strategic-plans/{id}/edit` with the version it was opened on.
 */
export function StrategicPlanFormPage(props: { model: PlanFormModel }) {
  const { model } = props;
  const { values, errors, plan } = model;
  const labels = Object.fromEntries(planFieldOrder(values).map((name) => [fieldId(name), planFieldLabel(name)]));
  const heading = plan ? 'Edit strategic plan' : 'New strategic plan';
  const breadcrumbs = [
    { href: '/', label: 'Home' },
    { href: '/strategic-plans', label: 'Agency strategic plans' },
    ...(plan ? [{ href: `/strategic-plans/${plan.id}`, label: plan.title }] : []),
  ];
  return (
    <Layout title={plan ? `${heading}: ${plan.title}` : heading} breadcrumbs={breadcrumbs}>
      <h1>{heading}</h1>
      {model.conflict ? <PlanConflictAlert conflict={model.conflict} /> : null}
      <ErrorSummary errors={errors} labels={labels} message={model.message} />
      <form
        method="post"
        action={plan ? `/strategic-plans/${plan.id}/edit` : '/strategic-plans'}
        class="usa-form usa-form--large maxw-full"
        novalidate
      >
        <CsrfField />
        <input type="hidden" name="emptyRows" value={String(model.emptyRows)} />
        {plan ? <input type="hidden" name="version" value={plan.version} /> : null}
        <SelectField
          name="agencyId"
          label={planFieldLabel('agencyId')}
          hint="Only the agencies whose plans you may write are listed."
          value={values.agencyId}
          options={model.agencies}
          errors={errors}
          required
        />
        <Field name="title" value={values.title} errors={errors} required />
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-6">
            <Field
              name="fiscalYearFrom"
              value={values.fiscalYearFrom}
              errors={errors}
              hint="The first fiscal year of the plan, such as 2005."
              required
            />
          </div>
          <div class="tablet:grid-col-6">
            <Field
              name="fiscalYearTo"
              value={values.fiscalYearTo}
              errors={errors}
              hint="The last fiscal year; the same year for a one-year plan."
              required
            />
          </div>
        </div>
        <GoalRows model={model} />
        <ul class="usa-button-group margin-top-4">
          <li class="usa-button-group__item">
            <button class="usa-button" type="submit" name="action" value="save">
              Save plan
            </button>
          </li>
          <li class="usa-button-group__item">
            <button class="usa-button usa-button--outline" type="submit" name="action" value="add-rows">
              Add more rows
            </button>
          </li>
        </ul>
        <p>
          <a href={plan ? `/strategic-plans/${plan.id}` : '/strategic-plans'}>Cancel and leave without saving</a>
        </p>
      </form>
    </Layout>
  );
}
