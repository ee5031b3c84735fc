import { FieldGroup, fieldId, type FieldErrors } from '../ui/form-fields.tsx';
import type { Choice } from './program-form-options.ts';

/** Checkboxes for the codes of a vocabulary; each box's hint is the term's description. */
export function CheckboxGroup(props: { name: string; legend: string; errors: FieldErrors; choices: Choice[]; checked: string[] }) {
  const unknown = props.checked.filter((code) => !props.choices.some((choice) => choice.value === code));
  const choices: Choice[] = [...props.choices, ...unknown.map((code) => ({ value: code, label: `${code} (not a known term)` }))];
  const id = fieldId(props.name);
  return (
    <FieldGroup id={id} legend={props.legend} error={props.errors[id]}>
      <div>
        {choices.map((choice) => {
          const id = fieldId(`${props.name}.${choice.value.replace(/[^\w-]/g, '_')}`);
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
  const groupId = fieldId(props.name);
  return (
    <FieldGroup id={groupId} legend={props.legend} error={props.errors[groupId]}>
      {props.choices.map((choice) => {
        const id = fieldId(`${props.name}.${choice.value}`);
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
