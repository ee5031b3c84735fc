import type { ComponentChildren } from 'preact';
import type { FieldErrors } from './program-form-draft.ts';
import type { Choice } from './program-form-options.ts';

/** The element id of a form key: "obligations.0.amount" → "field-obligations-0-amount". */
export function idOf(field: string): string {
  return `field-${field.replace(/\./g, '-')}`;
}

type FieldProps = { name: string; label: string; errors: FieldErrors; hint?: string; required?: boolean; class?: string };

/** The described-by ids of a control: its hint and its error message, when present. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A USWDS form group: label, hint, error message (USWDS error pattern) and the control. */
function Group(props: FieldProps & { children: ComponentChildren }) {
  const id = idOf(props.name);
  const error = props.errors.get(props.name);
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label class={`usa-label${error ? ' usa-label--error' : ''}`} for={id}>
        {props.label}
        {props.required ? (
          <abbr title="required" class="usa-hint usa-hint--required">
            {' *'}
          </abbr>
        ) : null}
      </label>
      {props.hint ? (
        <div class="usa-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

function controlProps(props: FieldProps) {
  const id = idOf(props.name);
  const error = props.errors.get(props.name);
  return {
    id,
    name: props.name,
    'aria-describedby': describedBy(id, props.hint, error),
    'aria-invalid': error ? ('true' as const) : undefined,
    required: props.required,
  };
}

/** A text input (or date, with `type`). */
export function TextField(
  props: FieldProps & { value: string; type?: 'text' | 'date'; list?: string; inputMode?: 'decimal' | 'numeric'; maxLength?: number },
) {
  const error = props.errors.get(props.name);
  return (
    <Group {...props}>
      <input
        class={`usa-input${error ? ' usa-input--error' : ''}`}
        type={props.type ?? 'text'}
        value={props.value}
        list={props.list}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        autocomplete="off"
        {...controlProps(props)}
      />
    </Group>
  );
}

/** A multi-line text input. */
export function TextArea(props: FieldProps & { value: string }) {
  const error = props.errors.get(props.name);
  return (
    <Group {...props}>
      <textarea class={`usa-textarea${error ? ' usa-input--error' : ''}`} {...controlProps(props)}>
        {props.value}
      </textarea>
    </Group>
  );
}

/** A select; `empty` adds a first option with no value. A value not among the choices is kept, marked unknown. */
export function SelectField(props: FieldProps & { value: string; choices: Choice[]; empty?: string }) {
  const error = props.errors.get(props.name);
  const unknown = props.value && !props.choices.some((choice) => choice.value === props.value);
  return (
    <Group {...props}>
      <select class={`usa-select${error ? ' usa-input--error' : ''}`} {...controlProps(props)}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {unknown ? <option value={props.value} selected>{`${props.value} (not a choice)`}</option> : null}
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value} selected={choice.value === props.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** A fieldset with a legend and the group's error, for checkbox and radio groups and repeating rows. */
export function FieldGroup(props: { name: string; legend: string; errors: FieldErrors; hint?: string; children: ComponentChildren }) {
  const id = idOf(props.name);
  const error = props.errors.get(props.name);
  return (
    <fieldset
      class={`usa-fieldset usa-form-group${error ? ' usa-form-group--error' : ''}`}
      id={id}
      aria-describedby={describedBy(id, props.hint, error)}
    >
      <legend class="usa-legend usa-legend--large">{props.legend}</legend>
      {props.hint ? (
        <div class="usa-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {props.children}
    </fieldset>
  );
}

/** Checkboxes for the codes of a vocabulary; each box's hint is the term's description. */
export function CheckboxGroup(props: { name: string; legend: string; errors: FieldErrors; choices: Choice[]; checked: string[] }) {
  const unknown = props.checked.filter((code) => !props.choices.some((choice) => choice.value === code));
  const choices: Choice[] = [...props.choices, ...unknown.map((code) => ({ value: code, label: `${code} (not a known term)` }))];
  return (
    <FieldGroup name={props.name} legend={props.legend} errors={props.errors}>
      <div>
        {choices.map((choice) => {
          const id = idOf(`${props.name}.${choice.value.replace(/[^\w-]/g, '_')}`);
          return (
            <div class="usa-checkbox" key={choice.value}>
              <input
                class="usa-checkbox__input"
                type="checkbox"
                id={id}
                name={props.name}
                value={choice.value}
                checked={props.checked.includes(choice.value)}
              />
              <label class="usa-checkbox__label" for={id}>
                {choice.label}
                {choice.hint ? <span class="usa-checkbox__label-description">{choice.hint}</span> : null}
              </label>
            </div>
          );
        })}
      </div>
    </FieldGroup>
  );
}

/** Radio buttons, each with a description. */
export function RadioGroup(props: { name: string; legend: string; errors: FieldErrors; choices: Choice[]; value: string }) {
  return (
    <FieldGroup name={props.name} legend={props.legend} errors={props.errors}>
      {props.choices.map((choice) => {
        const id = idOf(`${props.name}.${choice.value}`);
        return (
          <div class="usa-radio" key={choice.value}>
            <input
              class="usa-radio__input usa-radio__input--tile"
              type="radio"
              id={id}
              name={props.name}
              value={choice.value}
              checked={props.value === choice.value}
            />
            <label class="usa-radio__label" for={id}>
              {choice.label}
              {choice.hint ? <span class="usa-radio__label-description">{choice.hint}</span> : null}
            </label>
          </div>
        );
      })}
    </FieldGroup>
  );
}
