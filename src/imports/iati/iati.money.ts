import { exponentOf } from './iati.codes.ts';

/** An amount read exactly: minor units of its currency, and what was bent to get there. */
export type ParsedAmount = { minor: bigint; rounded: boolean } | { error: string };

const plainNumber = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Reads an IATI value (xsd:decimal: "1067912", "-250.5", "1000.00") into integer minor units
 * of the currency, without floating point. More decimals than the currency has are rounded
 * half away from zero and flagged; thousands separators, exponents and words are refused.
 */
export function parseIatiAmount(text: string, currency: string): ParsedAmount {
  const trimmed = text.trim();
  const match = plainNumber.exec(trimmed);
  if (!match)
    return {
      error: trimmed ? `'${trimmed.slice(0, 40)}' is not a decimal number (no thousands separators or exponents)` : 'the value is empty',
    };
  const [, sign, whole, fraction = ''] = match;
  const exponent = exponentOf(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const dropped = fraction.slice(exponent);
  let minor = BigInt(whole!) * 10n ** BigInt(exponent) + BigInt(kept || '0');
  if (dropped && Number(dropped[0]) >= 5) minor += 1n;
  const rounded = /[1-9]/.test(dropped);
  return { minor: sign === '-' ? -minor : minor, rounded };
}
