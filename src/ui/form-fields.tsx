import type { ComponentChildren } from 'preact';
import { currentRequestContext } from '../http/request-storage.ts';
import type { ErrorDetail } from '../shared/errors.ts';

/** A form's messages by field name; a message for a field is shown beside it. */
export type FieldErrors = Partial<Record<string, string>>;

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

/** Field messages from an error's details (`field` names the form field). */
export function fieldErrorsOf(details: ErrorDetail[] | undefined, rename: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of details ?? []) {
    const field = detail.field ? (rename[detail.field] ?? detail.field) : undefined;
    if (field && !errors[field]) errors[field] = detail.message;
  }
  return errors;
}

/** The session's form token: every form that changes something carries it (see request-context.ts). */
export function CsrfField() {
  const token = currentRequestContext()?.session?.csrfToken;
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

/** A USWDS form group: label, hint, the inline error message, and the control. */
export function FormGroup(props: { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={props.error ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
      <label class={props.error ? 'usa-label usa-label--error' : 'usa-label'} for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <span class="usa-hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="usa-error-message" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

/** What a control needs to point at its hint and error message. */
export function describedBy(id: string, options: { hint?: string; error?: string }) {
  const ids = [options.hint ? `${id}-hint` : '', options.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': options.error ? ('true' as const) : undefined };
}

type InputProps = {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number';
  value?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
};

/** A text-like input in its form group. */
export function TextField(props: InputProps) {
  const { id, error, hint } = props;
  return (
    <FormGroup id={id} label={props.label} hint={hint} error={error}>
      <input
        class={error ? 'usa-input usa-input--error' : 'usa-input'}
        id={id}
        name={props.name}
        // preact types each input type apart; the union is one of them at run time.
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        {...describedBy(id, { hint, error })}
      />
    </FormGroup>
  );
}

/** A select in its form group; `value` is the selected option. */
export function SelectField(props: Omit<InputProps, 'type' | 'autocomplete'> & { options: { value: string; label: string }[] }) {
  const { id, error, hint } = props;
  return (
    <FormGroup id={id} label={props.label} hint={hint} error={error}>
      <select
        class={error ? 'usa-select usa-input--error' : 'usa-select'}
        id={id}
        name={props.name}
        required={props.required}
        {...describedBy(id, { hint, error })}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === (props.value ?? '')}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

/** The summary above a refused form: a heading, and each problem linked to its field. */
export function ErrorSummary(props: { errors: FieldErrors; labels: Record<string, string>; message?: string }) {
  const entries = Object.entries(props.errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0 && !props.message) return null;
  return (
    <div class="usa-alert usa-alert--error" role="alert">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{props.message ?? 'Please correct the form'}</h2>
        {entries.length ? (
          <ul class="usa-alert__text">
            {entries.map(([field, message]) => (
              <li key={field}>
                <a href={`#${field}`}>{`${props.labels[field] ?? field}: ${message}`}</a>
              </li>
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
