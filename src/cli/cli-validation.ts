import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';

/** `fiscalYearFrom` → `--fiscal-year-from`: the flag a person typed for a schema key. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** What a flag expects, in words: zod's own text ("Invalid input: expected number, received NaN") never reaches a person. */
export function describeFlagIssue(issue: z.core.$ZodIssue, flag: string): string {
  // Messages ctip's schemas write themselves are already in the user's words; zod's own start so.
  if (!/^(Invalid|Too) /.test(issue.message)) return issue.message;
  const aYear = /year|^--fy$|^--from$|^--to$/.test(flag);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int')
        return aYear ? 'expected a fiscal year such as 2004' : 'expected a whole number';
      return issue.expected === 'boolean' ? 'expected true or false' : `expected a ${issue.expected}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return 'is not a value this flag takes';
  }
}

/**
 * VALIDATION_FAILED (exit code 2) naming each bad flag as typed, the value given and what is
 * expected: "--fiscal-year abc: expected a fiscal year such as 2004". `flags` maps a schema key
 * to its flag when it is not the key in kebab case (`fy` → `--fy`).
 */
export function invalidFlagsError(
  error: z.ZodError,
  options: { given: Record<string, unknown>; flags?: Record<string, string> },
): AppError {
  const problems = error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const flag = options.flags?.[key] ?? flagOf(key);
    const given = options.given[key];
    return `${flag}${given === undefined ? '' : ` ${String(given)}`}: ${describeFlagIssue(issue, flag)}`;
  });
  return new AppError({ code: 'VALIDATION_FAILED', message: problems.join('; ') });
}
