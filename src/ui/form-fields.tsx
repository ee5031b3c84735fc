import type { ComponentChildren } from 'preact';
import { currentRequestContext } from '../http/request-storage.ts';

/**
 * A form's messages by the element id of their field (`fieldId`); a message is shown beside its
 * field and linked from the error summary. Build them with `addFieldError` and `fieldErrorsOf`.
 */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * The element id of a form field name: "obligations.0.amount" → "field-obligations-0-amount".
 * Where several forms stand on one page, each names its fields with its own prefix ("respond-text").
 */
export function fieldId(name: string, prefix = 'field'): string {
  return `${prefix}-${name.replace(/\./g, '-')}`;
}

/** The first value of a form field as text ('' when missing); form bodies may repeat a name. */
export function formValue(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : '';
}

/** Every value of a repeated form field (checkboxes). */
export function formValues(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
}

/**
 * Adds a problem of a field. A field keeps its first problem (a year that does not parse is not
 * also "must be 1990 or later"); with `together` (a group of rows) every distinct one is listed.
 */
export function addFieldError(errors: FieldErrors, id: string, message: string, together = false): void {
  const existing = errors[id];
  if (existing === undefined) errors[id] = message;
  else if (together && !existing.split('; ').includes(message)) errors[id] = `${existing}; ${message}`;
}

/**
 * The field messages of a refused input — an AppError's details, or a schema's issues as
 * `{ field, message }` — keyed by element id (`idOf` the detail's field, `fieldId` unless said).
 * A detail naming no field goes under `formId` when given (the caller says it otherwise).
 */
export function fieldErrorsOf(
  details: { field?: string; message: string }[] | undefined,
  options: { idOf?: (field: string) => string; formId?: string; together?: (id: string) => boolean; into?: FieldErrors } = {},
): FieldErrors {
  const errors = options.into ?? {};
  const idOf = options.idOf ?? ((field: string) => fieldId(field));
  for (const detail of details ?? []) {
    const id = detail.field ? idOf(detail.field) : options.formId;
    if (id) addFieldError(errors, id, detail.message, options.together?.(id));
  }
  return errors;
}

/** The agencies of a select, a first empty choice (`empty`: "None", "Choose the agency"); a sub-agency names its parent. */
export function agencyChoices(
  agencies: { id: string; name: string; parentName?: string | null }[],
  empty: string,
): { value: string; label: string }[] {
  return [
    { value: '', label: empty },
    ...agencies.map((agency) => ({ value: agency.id, label: agency.parentName ? `${agency.name} (${agency.parentName})` : agency.name })),
  ];
}

/** Whether a form has any problem. */
export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The session's form token: every form that changes something carries it (see request-context.ts). */
export function CsrfField() {
  const token = currentRequestContext()?.session?.csrfToken;
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

/** What a control needs to point at its hint and error message. */
export function describedBy(id: string, options: { hint?: string; error?: string }) {
  const ids = [options.hint ? `${id}-hint` : '', options.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': options.error ? ('true' as const) : undefined };
}

function HintAndError(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {props.hint ? (
        <div class="usa-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <span class="usa-error-message" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
    </>
  );
}

/** A USWDS form group: label (with a visible mark when `markRequired`), hint, the inline error message, and the control. */
export function FormGroup(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  markRequired?: boolean;
  class?: string;
  children: ComponentChildren;
}) {
  const { id, error } = props;
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label class={error ? 'usa-label usa-label--error' : 'usa-label'} for={id}>
        {props.label}
        {props.markRequired ? (
          <abbr title="required" class="usa-hint usa-hint--required">
            {' *'}
          </abbr>
        ) : null}
      </label>
      <HintAndError id={id} hint={props.hint} error={error} />
      {props.children}
    </div>
  );
}

/**
 * What every field takes: its form name, label, and its problem — `error`, or looked up in
 * `errors` by its element id (`id`, `fieldId(name)` unless given).
 */
type FieldProps = {
  name: string;
  label: string;
  id?: string;
  error?: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  /** Shows the required mark beside the label (the program form marks its required fields). */
  markRequired?: boolean;
  /** Classes added to the form group (grid columns). */
  class?: string;
};

function fieldParts(props: FieldProps) {
  const id = props.id ?? fieldId(props.name);
  const error = props.error ?? props.errors?.[id];
  const group = { id, label: props.label, hint: props.hint, error, markRequired: props.markRequired, class: props.class };
  // The order of the attributes as they are written: id and name first, the state of the control last.
  const naming = { id, name: props.name };
  const state = { required: props.required, ...describedBy(id, { hint: props.hint, error }) };
  return { error, group, naming, state };
}

/** A text-like input in its form group. */
export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'number' | 'date';
    value?: string;
    autocomplete?: string;
    list?: string;
    inputMode?: 'decimal' | 'numeric';
    maxLength?: number;
  },
) {
  const { error, group, naming, state } = fieldParts(props);
  return (
    <FormGroup {...group}>
      <input
        class={error ? 'usa-input usa-input--error' : 'usa-input'}
        {...naming}
        // preact types each input type apart; the union is one of them at run time.
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        list={props.list}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        autocomplete={props.autocomplete}
        {...state}
      />
    </FormGroup>
  );
}

/** A multi-line text input in its form group. */
export function TextArea(props: FieldProps & { value: string; rows?: number; maxLength?: number }) {
  const { error, group, naming, state } = fieldParts(props);
  return (
    <FormGroup {...group}>
      <textarea
        class={error ? 'usa-textarea usa-input--error' : 'usa-textarea'}
        {...naming}
        rows={props.rows}
        maxLength={props.maxLength}
        {...state}
      >
        {props.value}
      </textarea>
    </FormGroup>
  );
}

/**
 * A select in its form group; `value` is the selected option. `empty` adds a first option with no
 * value; a value not among the options (typed into an old form) is kept, marked as not a choice.
 */
export function SelectField(props: FieldProps & { value?: string; options: { value: string; label: string }[]; empty?: string }) {
  const { error, group, naming, state } = fieldParts(props);
  const value = props.value ?? '';
  const unknown = value && !props.options.some((option) => option.value === value);
  return (
    <FormGroup {...group}>
      <select class={error ? 'usa-select usa-input--error' : 'usa-select'} {...naming} {...state}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {unknown ? <option value={value} selected>{`${value} (not a choice)`}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

/** A fieldset with a legend and the group's hint and error: checkbox and radio groups, repeating rows. */
export function FieldGroup(props: { id: string; legend: string; error?: string; hint?: string; children: ComponentChildren }) {
  const { id, error } = props;
  return (
    <fieldset
      class={`usa-fieldset usa-form-group${error ? ' usa-form-group--error' : ''}`}
      id={id}
      aria-describedby={describedBy(id, props)['aria-describedby']}
    >
      <legend class="usa-legend usa-legend--large">{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={error} />
      {props.children}
    </fieldset>
  );
}

/**
 * The summary above a refused form: a heading (`message`, or how many problems there are), an
 * optional note, and each problem linked to its field by element id. A problem whose id has no
 * label (the form as a whole) is listed without a link. They are listed as the form reads:
 * in `order` (element ids), or else in the order of the labels.
 */
export function ErrorSummary(props: {
  errors: FieldErrors;
  labels: Record<string, string>;
  message?: string;
  note?: string;
  order?: string[];
}) {
  const entries = Object.entries(props.errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0 && !props.message) return null;
  const order = props.order ?? Object.keys(props.labels);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  entries.sort(([left], [right]) => rank(left) - rank(right));
  const heading = props.message ?? (entries.length === 1 ? 'There is 1 problem to fix' : `There are ${entries.length} problems to fix`);
  return (
    <div class="usa-alert usa-alert--error" role="alert" id="error-summary">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{heading}</h2>
        {props.note ? <p class="usa-alert__text">{props.note}</p> : null}
        {entries.length ? (
          <ul class="usa-list">
            {entries.map(([id, message]) => (
              <li key={id}>{props.labels[id] === undefined ? message : <a href={`#${id}`}>{`${props.labels[id]}: ${message}`}</a>}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** A success or information message after a change. */
export function Notice(props: { type?: 'success' | 'info'; heading: string; children?: ComponentChildren }) {
  return (
    <div class={`usa-alert usa-alert--${props.type ?? 'success'}`} role="status">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{props.heading}</h2>
        {props.children ? <div class="usa-alert__text">{props.children}</div> : null}
      </div>
    </div>
  );
}
