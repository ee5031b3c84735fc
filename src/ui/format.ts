import { formatUsd, type CentsValue } from '../shared/money.ts';

const integerFormat = new Intl.NumberFormat('en-US');

/** Whole dollars from integer cents, exactly ("$82,000,000"); cents shown only when there are any. */
export function money(cents: CentsValue): string {
  return formatUsd(BigInt(cents), { wholeDollars: true });
}

/** A count with thousands separators ("2,396"). */
export function count(value: number): string {
  return integerFormat.format(value);
}

/** "1 program" / "2 programs". */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : pluralForm}`;
}

/**
 * The change from a previous value, in words and with a sign, so it does not rely on color:
 * "up 12.5% from FY2004", "down 3.0% from FY2004", "unchanged from FY2004".
 */
export function change(current: number | CentsValue, previous: number | CentsValue, previousLabel: string): string {
  if (Number(previous) === 0) return Number(current) === 0 ? `unchanged from ${previousLabel}` : `none in ${previousLabel}`;
  const percent = percentChange(current, previous);
  if (Math.abs(percent) < 0.05) return `unchanged from ${previousLabel}`;
  return `${percent > 0 ? 'up' : 'down'} ${Math.abs(percent).toFixed(1)}% from ${previousLabel}`;
}

/** Percent change; amounts in cents are compared exactly, and only the percent is rounded. */
function percentChange(current: number | CentsValue, previous: number | CentsValue): number {
  if (typeof current === 'number' && typeof previous === 'number') return ((current - previous) / previous) * 100;
  const [now, before] = [BigInt(current), BigInt(previous)];
  return Number(((now - before) * 1_000_000n) / before) / 10_000;
}

/** A date-time as "2024-03-01 14:05 UTC": unambiguous and the same on every server. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
