import type { FieldErrors } from '../ui/form-fields.tsx';
import { AppError, isAppError } from '../shared/errors.ts';
import { fieldId } from './form-controls.tsx';

/** A form as typed: every value a string, so a refused form shows exactly what was written. */
export type FormState = { values: Record<string, string>; errors: FieldErrors; message?: string };

/** A fiscal year as typed ("2005", "FY2005"), or what is wrong with it; the schema checks the range. */
export function fiscalYearOf(typed: string): { year: number } | { error: string } {
  const text = typed.trim();
  if (!text) return { error: 'enter the fiscal year, such as 2005' };
  const match = /^(?:FY\s*)?(\d{4})$/i.exec(text);
  return match ? { year: Number(match[1]) } : { error: `“${text}” is not a fiscal year such as 2005` };
}

/**
 * The field messages of a refused input (VALIDATION_FAILED from the shared schema or a service),
 * keyed by element id and in the order of `fieldOrder` (the form's field names), so the error
 * summary reads like the form; undefined for any other error. The first message of a field wins,
 * and `earlier` (the form's own checks) come before the schema's.
 */
export function validationErrors(
  error: unknown,
  fieldOrder: string[],
  earlier: Record<string, string> = {},
): { errors: FieldErrors; message?: string } | undefined {
  if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') return undefined;
  const byName = new Map(Object.entries(earlier));
  for (const detail of error.details ?? []) if (detail.field && !byName.has(detail.field)) byName.set(detail.field, detail.message);
  const rank = (name: string) => (fieldOrder.includes(name) ? fieldOrder.indexOf(name) : fieldOrder.length);
  const names = [...byName.keys()].sort((left, right) => rank(left) - rank(right));
  const errors: FieldErrors = Object.fromEntries(names.map((name) => [fieldId(name), byName.get(name)!]));
  // A refusal no field explains (it should not happen) is still shown, in the summary's heading.
  return { errors, message: names.length ? undefined : error.message };
}

export type Refusal = { errors: FieldErrors; message?: string };

/**
 * Runs a form's write, or only the shared schema's check (`check`, which throws like the service
 * would) when the form's own checks (`local`: messages by field name) failed already, so every
 * problem is named at once and nothing is written. A validation refusal becomes field messages;
 * any other error (sign-in, forbidden, not found) is thrown on.
 */
export async function attemptWrite<T>(options: {
  local: Record<string, string>;
  check: () => unknown;
  write: () => Promise<T>;
  fieldOrder: string[];
}): Promise<{ saved: T } | { refused: Refusal }> {
  const refuse = (error: unknown, local?: Record<string, string>) => {
    const refused = validationErrors(error, options.fieldOrder, local);
    if (!refused) throw error;
    return { refused };
  };
  if (Object.keys(options.local).length) {
    try {
      options.check();
    } catch (error) {
      return refuse(error, options.local);
    }
    return refuse(new AppError({ code: 'VALIDATION_FAILED', message: 'The form is not valid', details: [] }), options.local);
  }
  try {
    return { saved: await options.write() };
  } catch (error) {
    return refuse(error);
  }
}
