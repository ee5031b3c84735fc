import type { z } from 'zod';
import { programInputSchema, type ProgramInput } from './program.schemas.ts';
import type { ErrorDetail } from '../shared/errors.ts';
import { addFieldError, fieldErrorsOf, fieldId, hasFieldErrors, type FieldErrors } from '../ui/form-fields.tsx';
import { normalizeName } from '../shared/names.ts';
import { MAX_STORED_CENTS } from '../shared/money.ts';
import { termFields, type ObligationRow, type PlaceRow, type ProgramFormValues } from './program-form-values.ts';

const groupFields = new Set(['form', 'partners', 'places', 'obligations', ...termFields]);

/**
 * Adds a problem of the form key `field` ("obligations.0.amount", or a group: "places"). A field
 * of a row keeps its first problem; a group collects every distinct one.
 */
export function addProblem(errors: FieldErrors, field: string, message: string): void {
  addFieldError(errors, fieldId(field), message, groupFields.has(field));
}

const groupIds = new Set([...groupFields].map((field) => fieldId(field)));

/**
 * Parses dollars as typed ("1,234.56", "$1234.5", "1234") into integer cents exactly, with string
 * and BigInt arithmetic: no floating point ever touches the amount. Thousands separators must be
 * well placed; more than two digits after the point is an error, not a rounding.
 */
export function parseDollars(typed: string): { cents: string } | { error: string } {
  const cleaned = typed.trim().replace(/^\$\s*/, '');
  if (cleaned.startsWith('-')) return { error: 'must not be negative' };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { error: `“${typed.trim()}” is not an amount in dollars such as 1,234.56` };
  const fraction = match[2] ?? '';
  if (fraction.length > 2)
    return { error: `“${typed.trim()}” has more than two digits after the decimal point; amounts are in dollars and cents` };
  const whole = match[1]!.replace(/,/g, '');
  const cents = whole.length > 20 ? MAX_STORED_CENTS + 1n : BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (cents > MAX_STORED_CENTS) return { error: 'is too large' };
  return { cents: cents.toString() };
}

function parseFiscalYear(typed: string): number | undefined {
  const match = /^(?:FY\s*)?(\d{4})$/i.exec(typed.trim());
  return match ? Number(match[1]) : undefined;
}

function obligationOf(row: ObligationRow, index: number, errors: FieldErrors): ProgramInput['obligations'][number] {
  const key = `obligations.${index}`;
  const fiscalYear = parseFiscalYear(row.fiscalYear);
  if (fiscalYear === undefined)
    addProblem(
      errors,
      `${key}.fiscalYear`,
      row.fiscalYear.trim() ? `“${row.fiscalYear.trim()}” is not a fiscal year such as 2004` : 'enter the fiscal year',
    );
  const note = row.note.trim() || null;
  if (!row.amount.trim()) {
    if (!note) addProblem(errors, `${key}.amount`, 'enter the amount, or leave it empty and say in the note why it is not known');
    return { fiscalYear: fiscalYear ?? -1 - index, amountCents: null, amountNote: note };
  }
  const amount = parseDollars(row.amount);
  if ('error' in amount) addProblem(errors, `${key}.amount`, amount.error);
  return { fiscalYear: fiscalYear ?? -1 - index, amountCents: 'cents' in amount ? amount.cents : 0, amountNote: note };
}

function placeOf(row: PlaceRow, index: number, errors: FieldErrors): Record<string, unknown> {
  const key = `places.${index}`;
  if (row.country && row.region) addProblem(errors, `${key}.country`, 'choose a country or a region, not both');
  if (!row.country && !row.region) addProblem(errors, `${key}.country`, 'choose a country or a region');
  const share = row.share.trim();
  if (share && !(/^\d{1,3}$/.test(share) && Number(share) <= 100))
    addProblem(errors, `${key}.share`, `“${share}” is not a whole percentage from 0 to 100`);
  return {
    ...(row.country ? { countryCode: row.country } : {}),
    ...(row.region ? { regionCode: row.region } : {}),
    sharePercent: share ? Number(share) : null,
  };
}

/**
 * Turns the typed form into the body of a create or update (programInputSchema's shape) and
 * collects every problem with a field: amounts, years and shares that do not parse, partner names
 * that name no organization (`organizationIds` maps normalized names to ids), then every zod issue.
 */
export function draftFromValues(
  values: ProgramFormValues,
  organizationIds: Map<string, number>,
): { input: ProgramInput | undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!values.fundingAgencyId) addProblem(errors, 'fundingAgencyId', 'choose the funding agency');
  if (!values.status) addProblem(errors, 'status', 'choose a status');
  if (!values.visibility) addProblem(errors, 'visibility', 'choose who may see the program');
  const partners = values.partners.map((row, index) => {
    const organizationId = organizationIds.get(normalizeName(row.name));
    if (organizationId === undefined)
      addProblem(errors, `partners.${index}.name`, `no organization named “${row.name.trim()}”; ask an administrator to add it`);
    return { organizationId: organizationId ?? 0, role: row.role };
  });
  const draft = {
    title: values.title,
    description: values.description.trim() ? values.description : null,
    fundingAgencyId: values.fundingAgencyId,
    status: values.status,
    visibility: values.visibility,
    startDate: values.startDate || null,
    endDate: values.endDate || null,
    partners,
    places: values.places.map((row, index) => placeOf(row, index, errors)),
    obligations: values.obligations.map((row, index) => obligationOf(row, index, errors)),
    ...Object.fromEntries(termFields.map((field) => [field, values[field]])),
  };
  const result = programInputSchema.safeParse(draft);
  if (!result.success) for (const issue of result.error.issues) addProblem(errors, fieldOfPath(issue.path), messageOf(issue));
  return { input: result.success && !hasFieldErrors(errors) ? result.data : undefined, errors };
}

/** The form column of each input property of a repeating group. */
const columnOfProperty: Record<string, string> = {
  organizationId: 'name',
  role: 'role',
  countryCode: 'country',
  regionCode: 'region',
  sharePercent: 'share',
  fiscalYear: 'fiscalYear',
  amountCents: 'amount',
  amountNote: 'note',
};
const firstColumn: Record<string, string> = { partners: 'name', places: 'country', obligations: 'fiscalYear' };

/** The form key of a zod issue path: ['obligations', 1, 'amountCents'] → "obligations.1.amount". */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  const [group, index, property] = path;
  if (typeof group !== 'string') return 'form';
  if (group in firstColumn && typeof index === 'number') {
    const column = typeof property === 'string' ? (columnOfProperty[property] ?? firstColumn[group]!) : firstColumn[group]!;
    return `${group}.${index}.${column}`;
  }
  return group;
}

/** Zod's own wording ("Too big: expected number to be <=100") in the form's words; messages the schema sets are kept. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (!/^(Too |Invalid )/.test(issue.message)) return issue.message.replace(/\bstartDate\b/, 'the start date');
  if (issue.code === 'invalid_value') return 'choose one of the listed values';
  if (issue.code === 'too_big')
    return issue.origin === 'array'
      ? `has too many entries (at most ${String(issue.maximum)})`
      : issue.origin === 'string'
        ? `is too long (at most ${String(issue.maximum)} characters)`
        : `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'too_small') return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
  return issue.message;
}

/** AppError details (unknown codes, place shares over 100 %) as field errors of the form. */
export function errorsOfDetails(details: ErrorDetail[] | undefined, errors: FieldErrors = {}): FieldErrors {
  const pathOf = (field: string) => field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return fieldErrorsOf(details, {
    idOf: (field) => fieldId(fieldOfPath(pathOf(field))),
    formId: fieldId('form'),
    together: (id) => groupIds.has(id),
    into: errors,
  });
}
