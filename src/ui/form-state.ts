import { AppError, isAppError } from '../shared/errors.ts';
import { fieldErrorsOf, hasFieldErrors, type FieldErrors } from './form-fields.tsx';

/**
 * A form as typed, to show again when it is refused: every value a string, so it shows exactly
 * what was written; the problems by element id; `message` for a refusal no field explains.
 */
export type FormState = { values: Record<string, string>; errors: FieldErrors; message?: string };

/** Why a form was refused: the problems by element id, or a message when no field explains it. */
export type Refusal = { errors: FieldErrors; message?: string };

/** A fiscal year as typed ("2005", "FY2005"), or what is wrong with it; the schema checks the range. */
export function fiscalYearOf(typed: string): { year: number } | { error: string } {
  const text = typed.trim();
  if (!text) return { error: 'enter the fiscal year, such as 2005' };
  const match = /^(?:FY\s*)?(\d{4})$/i.exec(text);
  return match ? { year: Number(match[1]) } : { error: `“${text}” is not a fiscal year such as 2005` };
}

/**
 * The refusal of a VALIDATION_FAILED input (from the shared schema or a service), its details
 * keyed by element id (`fieldId` of the form field name); undefined for any other error. The
 * first message of a field wins, and `earlier` (the form's own checks, by field name) come first.
 */
export function refusalOf(error: unknown, earlier: Record<string, string> = {}): Refusal | undefined {
  if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') return undefined;
  const local = Object.entries(earlier).map(([field, message]) => ({ field, message }));
  const errors = fieldErrorsOf([...local, ...(error.details ?? [])]);
  // A refusal no field explains (it should not happen) is still shown, in the summary's heading.
  return { errors, message: hasFieldErrors(errors) ? undefined : error.message };
}

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
}): Promise<{ saved: T } | { refused: Refusal }> {
  const refuse = (error: unknown, local?: Record<string, string>) => {
    const refused = refusalOf(error, local);
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
