/** Formats integer cents as US dollars, exactly: 8200000000n → "$82,000,000.00". */
export function formatUsd(cents: bigint | number, options: { wholeDollars?: boolean } = {}): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const dollars = (absolute / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const centsPart = (absolute % 100n).toString().padStart(2, '0');
  const text = options.wholeDollars && centsPart === '00' ? `$${dollars}` : `$${dollars}.${centsPart}`;
  return negative ? `-${text}` : text;
}

/** Cents as a JSON-safe number of dollars (exact for any amount below 2^53 cents). */
export function centsToUsd(cents: bigint | number): number {
  return Number(BigInt(cents)) / 100;
}

/**
 * The U.S. fiscal year a date falls in: FY N runs from 1 October N-1 to 30 September N.
 */
export function fiscalYearOf(date: Date): number {
  return date.getUTCMonth() >= 9 ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
}
