/**
 * Exact reading of decimal money figures ("1234.56", "-500", "1,234.5", "1e3" refused) into
 * integer minor units (cents) as bigint. No floating point: the digits are handled as text.
 */
export type DecimalAmount =
  | { kind: 'amount'; minor: bigint; /** Set when digits beyond cents were rounded (half away from zero). */ roundedFrom?: string }
  | { kind: 'empty' }
  | { kind: 'invalid'; text: string };

const figure = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/** 15 integer digits keep every amount far inside bigint and within 2^63 cents. */
const maxIntegerDigits = 15;

/** Parses one amount cell into cents; see DecimalAmount. */
export function parseDecimalAmount(raw: string): DecimalAmount {
  const text = raw.trim().replace(/^\$/, '');
  if (text === '') return { kind: 'empty' };
  const match = figure.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) return { kind: 'invalid', text: raw.trim() };
  const integer = (match[2] ?? '0').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (integer.length > maxIntegerDigits) return { kind: 'invalid', text: raw.trim() };
  const fraction = match[3] ?? '';
  let minor = BigInt(integer) * 100n + BigInt((fraction.slice(0, 2) || '0').padEnd(2, '0'));
  const extra = fraction.slice(2);
  const rounded = extra !== '' && /[1-9]/.test(extra);
  if (rounded && extra[0]! >= '5') minor += 1n;
  if (match[1] === '-') minor = -minor;
  return rounded ? { kind: 'amount', minor, roundedFrom: raw.trim() } : { kind: 'amount', minor };
}
