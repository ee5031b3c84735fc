import type { ComponentChildren } from 'preact';
import { canProposeForClearance } from '../policy/policy.ts';
import { CsrfField, ErrorSummary, fieldId, TextArea, TextField } from '../ui/form-fields.tsx';
import type { FormState } from '../ui/form-state.ts';
import type { ProgramDetail } from '../programs/program.schemas.ts';
import { currentRequestContext } from '../http/request-storage.ts';
import { segment } from '../ui/urls.ts';
import { clearanceDecisions, clearanceResponseKinds } from './clearance.schemas.ts';

/** The forms of the clearance pages; each posts to its own address and works without JavaScript. */
export type ClearanceFormName = 'respond' | 'reply' | 'decide' | 'circulate';

/**
 * A refused form, shown again: which of the page's forms, what was typed, and the problems keyed
 * by element id (`respond-text`: each form's fields carry its name, several stand on one page).
 */
export type ClearanceFormState = FormState & { form: ClearanceFormName };

export const responseKindLabels: Record<(typeof clearanceResponseKinds)[number], string> = {
  concurrence: 'Concurrence',
  comment: 'Comment',
  objection: 'Objection',
};
const decisionLabels: Record<(typeof clearanceDecisions)[number], string> = {
  clear: 'Clear: the program becomes active',
  return: 'Return: the program goes back to proposed',
};

/** Labels of every field by element id, for the error summary. */
export const fieldLabels: Record<string, string> = {
  'respond-kind': 'Your agency’s position',
  'respond-text': 'Response',
  'reply-text': 'Reply',
  'decide-decision': 'Decision',
  'decide-reasons': 'Reasons',
  'circulate-programId': 'Program',
  'circulate-dueDate': 'Responses due by',
};

/** The state of this form, if it is the one refused. */
function stateOf(form: ClearanceFormName, state: ClearanceFormState | undefined) {
  const mine = state?.form === form ? state : undefined;
  return { value: (field: string) => mine?.values[field] ?? '', error: (field: string) => mine?.errors[fieldId(field, form)] };
}

function ReasonsField(props: { form: ClearanceFormName; name: string; hint?: string; value: string; error?: string }) {
  const id = fieldId(props.name, props.form);
  return (
    <TextArea
      id={id}
      name={props.name}
      label={fieldLabels[id]!}
      hint={props.hint}
      value={props.value}
      error={props.error}
      rows={5}
      maxLength={10_000}
      required
    />
  );
}

function Radios(props: { form: ClearanceFormName; name: string; choices: Record<string, string>; value: string; error?: string }) {
  const id = fieldId(props.name, props.form);
  const errorId = `${id}-error`;
  return (
    <fieldset
      class={props.error ? 'usa-fieldset usa-form-group usa-form-group--error' : 'usa-fieldset usa-form-group'}
      aria-describedby={props.error ? errorId : undefined}
    >
      <legend class="usa-legend">{fieldLabels[id]}</legend>
      {props.error ? (
        <span class="usa-error-message" id={errorId}>
          {props.error}
        </span>
      ) : null}
      {Object.entries(props.choices).map(([value, label], index) => (
        <div class="usa-radio" key={value}>
          {/* The first radio carries the field's id, so the error summary's link lands on the group. */}
          <input
            class="usa-radio__input"
            type="radio"
            id={index === 0 ? id : `${id}-${value}`}
            name={props.name}
            value={value}
            checked={props.value === value}
            required
          />
          <label class="usa-radio__label" for={index === 0 ? id : `${id}-${value}`}>
            {label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function FormErrors(props: { form: ClearanceFormName; state?: ClearanceFormState }) {
  if (props.state?.form !== props.form) return null;
  return <ErrorSummary errors={props.state.errors} labels={fieldLabels} message="Nothing was recorded: please correct the form" />;
}

/** One form of the clearance page: its heading, the refused form's problems, the fields and the button. */
function ClearanceForm(props: {
  form: ClearanceFormName;
  action: string;
  heading: string;
  button: string;
  state?: ClearanceFormState;
  children: ComponentChildren;
}) {
  return (
    <form class="usa-form usa-form--large" method="post" action={props.action} novalidate>
      <CsrfField />
      <h3>{props.heading}</h3>
      <FormErrors form={props.form} state={props.state} />
      {props.children}
      <button class="usa-button" type="submit">
        {props.button}
      </button>
    </form>
  );
}

/** A member agency's concurrence, comment or objection. */
export function RespondForm(props: { clearanceId: number; agencyName: string; state?: ClearanceFormState }) {
  const { value, error } = stateOf('respond', props.state);
  return (
    <ClearanceForm
      form="respond"
      action={`/clearance/${segment(props.clearanceId)}/responses`}
      heading={`Respond for ${props.agencyName}`}
      button="Record the response"
      state={props.state}
    >
      <Radios form="respond" name="kind" choices={responseKindLabels} value={value('kind')} error={error('kind')} />
      <ReasonsField
        form="respond"
        name="text"
        hint="Your agency’s reasons; a later response replaces this one as your agency’s position."
        value={value('text')}
        error={error('text')}
      />
    </ClearanceForm>
  );
}

/** The proposer's answer to the members. */
export function ReplyForm(props: { clearanceId: number; state?: ClearanceFormState }) {
  const { value, error } = stateOf('reply', props.state);
  return (
    <ClearanceForm
      form="reply"
      action={`/clearance/${segment(props.clearanceId)}/replies`}
      heading="Reply as the proposer"
      button="Send the reply"
      state={props.state}
    >
      <ReasonsField
        form="reply"
        name="text"
        hint="Every member agency is notified of your reply."
        value={value('text')}
        error={error('text')}
      />
    </ClearanceForm>
  );
}

/** The coordinator's decision with its reasons. */
export function DecideForm(props: { clearanceId: number; state?: ClearanceFormState }) {
  const { value, error } = stateOf('decide', props.state);
  return (
    <ClearanceForm
      form="decide"
      action={`/clearance/${segment(props.clearanceId)}/decision`}
      heading="Decide"
      button="Record the decision"
      state={props.state}
    >
      <Radios form="decide" name="decision" choices={decisionLabels} value={value('decision')} error={error('decision')} />
      <ReasonsField
        form="decide"
        name="reasons"
        hint="The proposer and every member agency are told the decision and its reasons."
        value={value('reasons')}
        error={error('reasons')}
      />
    </ClearanceForm>
  );
}

/** Circulating a proposal: the program and an optional due date (two weeks when left empty). */
export function CirculateForm(props: { programId: number; state?: ClearanceFormState }) {
  const { value, error } = stateOf('circulate', props.state);
  return (
    <form class="usa-form" method="post" action="/clearance" novalidate>
      <CsrfField />
      <FormErrors form="circulate" state={props.state} />
      <input type="hidden" name="programId" value={String(props.programId)} />
      <TextField
        id={fieldId('dueDate', 'circulate')}
        name="dueDate"
        label={fieldLabels['circulate-dueDate']!}
        hint="Year-month-day, such as 2030-01-31. Leave it empty for two weeks from today."
        value={value('dueDate')}
        error={error('dueDate') ?? error('programId')}
      />
      <button class="usa-button" type="submit">
        Circulate for clearance
      </button>
    </form>
  );
}

/**
 * The "Circulate for clearance" section of a program page: only for a proposed, restricted
 * program, and only for who may propose it (asked of the policy for the request's viewer).
 */
export function CirculateForClearance(props: { program: Pick<ProgramDetail, 'id' | 'status' | 'visibility' | 'fundingAgency'> }) {
  const { program } = props;
  const viewer = currentRequestContext()?.viewer;
  if (
    !viewer ||
    program.status !== 'proposed' ||
    program.visibility !== 'restricted' ||
    !canProposeForClearance(viewer, program.fundingAgency.id)
  )
    return null;
  return (
    <section aria-labelledby="clearance">
      <h2 id="clearance">Interagency clearance</h2>
      <p>
        Before it is awarded, circulate this proposal to the SPOG member agencies. They see it while it is under review and respond; the
        coordinators then clear or return it.
      </p>
      <CirculateForm programId={program.id} />
    </section>
  );
}
