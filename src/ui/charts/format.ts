/**
 * Number formats and colors shared by the charts. Exact amounts (tables, tooltips) use
 * `formatUsd`; axes and summaries use the short form here ("$20M", "$122.1M").
 */

import { toCents, type CentsValue } from '../../shared/money.ts';

const units: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Short dollars for axes and summaries: 2_000_000_000 cents → "$20M", 12_210_000_000 → "$122.1M". */
export function formatCompactUsd(cents: CentsValue): string {
  // Rounded for display ("$122.1M"), so a float is close enough here; tables show exact amounts.
  return formatCompactDollars((typeof cents === 'number' ? cents : Number(toCents(cents))) / 100);
}

/** Same as `formatCompactUsd`, for a value already in dollars (axis ticks are in dollars). */
export function formatCompactDollars(dollars: number): string {
  const sign = dollars < 0 ? '-' : '';
  const absolute = Math.abs(dollars);
  for (const [size, suffix] of units) {
    // 999,960 would round to "$1000K"; promote it to "$1M" instead.
    if (absolute >= size * 0.99995) return `${sign}$${trimNumber(absolute / size)}${suffix}`;
  }
  // Under $1K: whole dollars, or cents when there are any ("$0.5", "$12.25").
  return `${sign}$${Number(absolute.toFixed(2))}`;
}

function trimNumber(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

const integerFormat = new Intl.NumberFormat('en-US');

/** "14 years", "1 country". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${integerFormat.format(count)} ${count === 1 ? singular : pluralForm}`;
}

/** Text color on white: #1b1b1b, contrast 17:1. Muted text #565c65 (USWDS base-dark), 6.6:1. */
export const TEXT_COLOR = '#1b1b1b';
export const MUTED_TEXT_COLOR = '#565c65';

/**
 * Categorical palette: Okabe & Ito's color-blind-safe set without its yellow (too light on
 * white). Adjacent stacked segments are also separated by a white stroke.
 */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000'];
/** Color of the "Other" group when there are more series than colors. */
export const OTHER_COLOR = '#a9aeb1';

/** Single-series bars: USWDS primary blue, 7.2:1 on white. */
export const BAR_COLOR = '#005ea2';

/** Sequential scale for the map (ColorBrewer YlGnBu, color-blind safe), light to dark. */
export const SEQUENTIAL_COLORS = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'];
/** Countries without data. */
export const NO_DATA_COLOR = '#e6e6e6';

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const FONT_SIZE = 13;

/** A rough text width in px at FONT_SIZE, to lay out legends and margins without a browser. */
export function estimateTextWidth(text: string, fontSize = FONT_SIZE): number {
  return Math.ceil(Array.from(text).length * fontSize * 0.6);
}
