import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';

/** Query keys that may repeat (checkboxes): their values are joined with commas, the API's form. */
const repeatableKeys = new Set(['status']);

/** A zod issue in words a reader of the address understands ("'abc' is not a whole number"). */
function describeIssue(issue: z.core.$ZodIssue, given: unknown): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return `'${String(given)}' is not a whole number`;
  if (issue.code === 'too_small' || issue.code === 'too_big')
    return `'${String(given)}' ${issue.message
      .replace(/^Too (small|big): expected number to be /, 'must be ')
      .replace('>=', 'at least ')
      .replace('<=', 'at most ')}`;
  return issue.message;
}

/**
 * Validates a page's query string with a zod schema. A bad value throws VALIDATION_FAILED naming
 * each parameter and what is wrong, which the page shows as a 400 page; nothing crashes.
 */
export function parseQuery<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const values: Record<string, unknown> = {};
  const problems: { field: string; message: string }[] = [];
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (value === '') continue; // an empty form field means "any"
    if (Array.isArray(value)) {
      if (repeatableKeys.has(key)) values[key] = value.filter((item) => item !== '').join(',');
      else problems.push({ field: key, message: 'give one value only' });
    } else {
      values[key] = value;
    }
  }
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.join('.') || 'query';
      problems.push({ field, message: describeIssue(issue, values[String(issue.path[0])]) });
    }
  }
  if (problems.length || !result.success) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `The address has ${problems.length === 1 ? 'a value' : 'values'} we cannot use.`,
      details: problems,
    });
  }
  return result.data;
}
