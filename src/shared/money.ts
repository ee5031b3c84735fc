import { z } from 'zod';

/**
 * Integer cents as they travel: a bigint inside, a decimal string in JSON and CSV (exact at any
 * size; a JSON number loses cents above 2^53). Accepted on input: a decimal string or a safe integer.
 */
export type CentsValue = bigint | number | string;

/** The largest amount a `bigint` column holds (PostgreSQL's int8). */
export const MAX_STORED_CENTS = 9_223_372_036_854_775_807n;

const wholeCentsMessage = 'must be whole cents: a decimal string such as "123456" or a whole number';
const unsafeCentsMessage = `must be a whole number of cents no larger than ${Number.MAX_SAFE_INTEGER}; send larger amounts as a decimal string such as "9007199254740993"`;

/** Cents in a JSON response: a decimal string. */
export const centsSchema = z
  .string()
  .regex(/^-?\d+$/)
  .describe('Integer cents as a decimal string (exact at any size)');

/**
 * Cents in a request or an import: a decimal string of digits, or a JSON number that is a safe,
 * non-negative integer (larger numbers have already lost cents by the time they are parsed).
 */
export const centsInputSchema = z
  .union(
    [
      z
        .string()
        .regex(/^\d+$/, 'must be whole cents written as digits, such as "123456"')
        .refine(
          (text) => !/^\d+$/.test(text) || (text.length <= 30 && BigInt(text) <= MAX_STORED_CENTS),
          `must be at most ${MAX_STORED_CENTS} cents`,
        ),
      z.number().int(unsafeCentsMessage).nonnegative('must not be negative'),
    ],
    { error: wholeCentsMessage },
  )
  .describe('Integer cents: a decimal string (exact at any size) or a safe integer');

/** Reads cents given as a bigint, a safe integer or a decimal string. */
export function toCents(cents: CentsValue): bigint {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a safe integer of cents`);
  return BigInt(cents);
}

/** Cents as their decimal string, the form JSON and CSV carry. */
export function centsText(cents: CentsValue): string {
  return toCents(cents).toString();
}

/** Exact sum of amounts in cents. */
export function sumCents(amounts: Iterable<CentsValue | null | undefined>): bigint {
  let total = 0n;
  for (const amount of amounts) if (amount !== null && amount !== undefined) total += toCents(amount);
  return total;
}

/** Orders amounts in cents, exactly (for sort callbacks): negative, zero or positive. */
export function compareCents(left: CentsValue, right: CentsValue): number {
  const a = toCents(left);
  const b = toCents(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Formats integer cents as US dollars, exactly: 8200000000n → "$82,000,000.00". */
export function formatUsd(cents: CentsValue, options: { wholeDollars?: boolean } = {}): string {
  const value = toCents(cents);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const dollars = (absolute / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const centsPart = (absolute % 100n).toString().padStart(2, '0');
  const text = options.wholeDollars && centsPart === '00' ? `$${dollars}` : `$${dollars}.${centsPart}`;
  return negative ? `-${text}` : text;
}

/** Cents as a number of dollars, for display only (exact below 2^53 cents; the `…Cents` field is exact). */
export function centsToUsd(cents: CentsValue): number {
  return Number(toCents(cents)) / 100;
}

/**
 * The U.S. fiscal year a date falls in: FY N runs from 1 October N-1 to 30 September N.
 */
export function fiscalYearOf(date: Date): number {
  return date.getUTCMonth() >= 9 ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
}
