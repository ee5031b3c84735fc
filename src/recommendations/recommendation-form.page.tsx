import { CsrfField, ErrorSummary, fieldId, Notice, SelectField, TextArea, TextField } from '../ui/form-fields.tsx';
import type { FormState } from '../ui/form-state.ts';
import { Layout } from '../ui/layout.tsx';
import { recommendationStatuses, recommendationStatusLabels, type Recommendation } from './recommendations.schemas.ts';
import { ResponseList } from './recommendations.page.tsx';

/** The new-recommendation form's fields, in form order, with their labels. */
export const recommendationFields = { fiscalYear: 'Fiscal year', ownerAgencyId: 'Owner agency', text: 'Recommendation' };
/** The response form's fields, in form order, with their labels. */
export const responseFields = { text: 'What was done', resultingStatus: 'Status after this response' };

const labelsById = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([name, label]) => [fieldId(name), label]));

const crumbs = [
  { href: '/', label: 'Home' },
  { href: '/recommendations', label: 'Recommendations' },
];

/** The form to record a recommendation of a fiscal year's Assessment (coordinators, administrators). */
export function NewRecommendationPage(props: { form: FormState; agencies: { value: string; label: string }[] }) {
  const { values, errors } = props.form;
  return (
    <Layout title="New recommendation" breadcrumbs={crumbs}>
      <h1>New recommendation</h1>
      <ErrorSummary errors={errors} labels={labelsById(recommendationFields)} message={props.form.message} />
      <form method="post" action="/recommendations" class="usa-form usa-form--large" novalidate>
        <CsrfField />
        <TextField
          id={fieldId('fiscalYear')}
          name="fiscalYear"
          label={recommendationFields.fiscalYear}
          hint="The fiscal year of the Assessment that makes the recommendation, such as 2005."
          value={values.fiscalYear}
          error={errors[fieldId('fiscalYear')]}
          required
        />
        <SelectField
          id={fieldId('ownerAgencyId')}
          name="ownerAgencyId"
          label={recommendationFields.ownerAgencyId}
          hint="The agency responsible for acting on it."
          value={values.ownerAgencyId}
          options={props.agencies}
          error={errors[fieldId('ownerAgencyId')]}
          required
        />
        <TextArea
          id={fieldId('text')}
          name="text"
          label={recommendationFields.text}
          value={values.text ?? ''}
          error={errors[fieldId('text')]}
          rows={6}
          required
        />
        <button class="usa-button" type="submit">
          Save recommendation
        </button>
        <p>
          <a href="/recommendations">Cancel and leave without saving</a>
        </p>
      </form>
    </Layout>
  );
}

const statusChoices = recommendationStatuses.map((status) => ({ value: status, label: recommendationStatusLabels[status] }));

function ResponseForm(props: { item: Recommendation; form: FormState }) {
  const { values, errors } = props.form;
  return (
    <section aria-labelledby="record-response">
      <h2 id="record-response">Record a response</h2>
      <p>Responses are appended and never edited: to correct one, record another.</p>
      <ErrorSummary errors={errors} labels={labelsById(responseFields)} message={props.form.message} />
      <form method="post" action={`/recommendations/${props.item.id}/responses`} class="usa-form usa-form--large" novalidate>
        <CsrfField />
        <TextArea
          id={fieldId('text')}
          name="text"
          label={responseFields.text}
          value={values.text ?? ''}
          error={errors[fieldId('text')]}
          rows={4}
          required
        />
        <SelectField
          id={fieldId('resultingStatus')}
          name="resultingStatus"
          label={responseFields.resultingStatus}
          value={values.resultingStatus ?? props.item.status}
          options={statusChoices}
          error={errors[fieldId('resultingStatus')]}
          required
        />
        <button class="usa-button" type="submit">
          Record the response
        </button>
      </form>
    </section>
  );
}

const notices: Record<string, string> = { created: 'The recommendation was recorded', responded: 'The response was recorded' };

/**
 * One recommendation with its responses; for those the policy lets respond (`response` given),
 * the form to record a response below them.
 */
export function RecommendationPage(props: { item: Recommendation; response?: FormState; done?: string }) {
  const { item } = props;
  const notice = props.done ? notices[props.done] : undefined;
  return (
    <Layout title={`Recommendation ${item.id}`} breadcrumbs={crumbs}>
      <h1>{`Recommendation ${item.id}`}</h1>
      {notice ? <Notice heading={notice} /> : null}
      <p class="usa-intro">{`FY${item.fiscalYear} Assessment · owned by ${item.ownerAgency.name} · ${recommendationStatusLabels[item.status]}`}</p>
      <p>{item.text}</p>
      <h2>Responses</h2>
      <ResponseList item={item} />
      {props.response ? <ResponseForm item={item} form={props.response} /> : null}
      <p>
        Also as data: <a href={`/api/recommendations/${item.id}`}>JSON</a>. <a href="/recommendations">All recommendations</a>.
      </p>
    </Layout>
  );
}
