import type { Agency } from '../reference/reference.schemas.ts';
import { describedBy, FormGroup } from '../ui/form-fields.tsx';

/** The element id of a form field name: "goals.0.activities.1.title" → "field-goals-0-activities-1-title". */
export function fieldId(name: string): string {
  return `field-${name.replace(/\./g, '-')}`;
}

/** A multi-line text input in its USWDS form group (the account form fields have none). */
export function TextAreaField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  required?: boolean;
  rows?: number;
}) {
  const { id, hint, error } = props;
  return (
    <FormGroup id={id} label={props.label} hint={hint} error={error}>
      <textarea
        class={error ? 'usa-textarea usa-input--error' : 'usa-textarea'}
        id={id}
        name={props.name}
        rows={props.rows}
        required={props.required}
        {...describedBy(id, { hint, error })}
      >
        {props.value}
      </textarea>
    </FormGroup>
  );
}

/** The agencies of a select, a first empty choice asking for one; a sub-agency names its parent. */
export function agencyChoices(agencies: Agency[]): { value: string; label: string }[] {
  return [
    { value: '', label: 'Choose the agency' },
    ...agencies.map((agency) => ({ value: agency.id, label: agency.parentName ? `${agency.name} (${agency.parentName})` : agency.name })),
  ];
}
