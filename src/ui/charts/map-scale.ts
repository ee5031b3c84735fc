import { formatCompactUsd, NO_DATA_COLOR, SEQUENTIAL_COLORS } from './format.ts';
import type { LegendItem } from './chart-svg.ts';

/**
 * A quantized color scale for the choropleth: up to five classes with breaks at quantiles of the
 * values (funding is heavily skewed, so equal-width classes would paint nearly every country in
 * the lightest color), rounded to two significant digits so the legend reads "$1.2M".
 */
export interface ColorScale {
  colorOf(cents: number): string;
  legend: LegendItem[];
}

function roundToTwoDigits(cents: number): number {
  if (cents <= 0) return cents;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(cents)) - 1);
  return Math.round(cents / magnitude) * magnitude;
}

/** Builds the scale for these amounts (in cents); the same amounts always give the same scale. */
export function quantizeScale(amounts: number[]): ColorScale {
  const sorted = [...amounts].sort((left, right) => left - right);
  const classes = Math.min(SEQUENTIAL_COLORS.length, new Set(sorted).size);
  const breaks: number[] = [];
  for (let index = 1; index < classes; index++) {
    const value = roundToTwoDigits(sorted[Math.floor((index * sorted.length) / classes)] ?? 0);
    if (value > (breaks[breaks.length - 1] ?? Number.NEGATIVE_INFINITY) && value > (sorted[0] ?? 0)) breaks.push(value);
  }
  const count = breaks.length + 1;
  // Spread the classes over the whole ramp so two classes are light and dark, not two lights.
  const colors = Array.from({ length: count }, (_, index) =>
    count === 1
      ? (SEQUENTIAL_COLORS[2] ?? NO_DATA_COLOR)
      : (SEQUENTIAL_COLORS[Math.round((index * (SEQUENTIAL_COLORS.length - 1)) / (count - 1))] ?? NO_DATA_COLOR),
  );
  const classOf = (cents: number) => breaks.filter((limit) => cents >= limit).length;

  const legend: LegendItem[] = colors.map((color, index) => {
    const low = breaks[index - 1];
    const high = breaks[index];
    let label: string;
    if (low === undefined && high === undefined) {
      const [lowest, highest] = [formatCompactUsd(sorted[0] ?? 0), formatCompactUsd(sorted[sorted.length - 1] ?? 0)];
      label = lowest === highest ? lowest : `${lowest}–${highest}`;
    } else if (low === undefined) label = `Under ${formatCompactUsd(high ?? 0)}`;
    else if (high === undefined) label = `${formatCompactUsd(low)} or more`;
    else label = `${formatCompactUsd(low)}–${formatCompactUsd(high)}`;
    return { label, color };
  });
  legend.push({ label: 'No data', color: NO_DATA_COLOR });
  return { colorOf: (cents) => colors[classOf(cents)] ?? NO_DATA_COLOR, legend };
}
