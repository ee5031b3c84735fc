import * as Plot from '@observablehq/plot';
import { compareCents, formatUsd, sumCents, toCents, type CentsValue } from '../../shared/money.ts';
import { buildSwatchLegend, CHART_WIDTH, composeChartSvg, emptyChartSvg } from './chart-svg.ts';
import { ChartFigure } from './figure.tsx';
import { CATEGORY_COLORS, formatCompactDollars, formatCompactUsd, OTHER_COLOR, plural } from './format.ts';
import { createChartDocument } from './svg-dom.ts';

/** One stacked segment: the obligations of one series (a pillar, an agency) in one fiscal year. */
export interface FundingPoint {
  fiscalYear: number;
  key: string;
  label: string;
  /** Integer cents (a decimal string or a bigint keeps it exact at any size). */
  cents: CentsValue;
}

export interface FundingOverTimeProps {
  id: string;
  title: string;
  summary?: string;
  series: FundingPoint[];
}

interface SeriesInfo {
  key: string;
  label: string;
  totalCents: bigint;
}

const OTHER_KEY = '\u0000other';

/** Sums duplicate (year, key) points and lists series in order of first appearance. */
function tabulate(points: FundingPoint[]) {
  const series = new Map<string, SeriesInfo>();
  const cells = new Map<number, Map<string, bigint>>();
  for (const point of points) {
    const info = series.get(point.key) ?? { key: point.key, label: point.label, totalCents: 0n };
    info.totalCents += toCents(point.cents);
    series.set(point.key, info);
    const year = cells.get(point.fiscalYear) ?? new Map<string, bigint>();
    year.set(point.key, (year.get(point.key) ?? 0n) + toCents(point.cents));
    cells.set(point.fiscalYear, year);
  }
  const years = [...cells.keys()].sort((left, right) => left - right);
  const yearTotals = years.map((year) => sumCents(cells.get(year)?.values() ?? []));
  return { series: [...series.values()], cells, years, yearTotals };
}

type Table = ReturnType<typeof tabulate>;

/**
 * Keeps one color per series; beyond the palette, the smallest series are merged into "Other"
 * (the data table still lists every series separately).
 */
function displaySeries(series: SeriesInfo[]): { shown: SeriesInfo[]; groupOf: (key: string) => string } {
  if (series.length <= CATEGORY_COLORS.length) return { shown: series, groupOf: (key) => key };
  const kept = new Set(
    [...series]
      .sort((left, right) => compareCents(right.totalCents, left.totalCents) || left.key.localeCompare(right.key))
      .slice(0, CATEGORY_COLORS.length - 1)
      .map((info) => info.key),
  );
  const others = series.filter((info) => !kept.has(info.key));
  const other = { key: OTHER_KEY, label: `Other (${others.length})`, totalCents: sumCents(others.map((info) => info.totalCents)) };
  return { shown: [...series.filter((info) => kept.has(info.key)), other], groupOf: (key) => (kept.has(key) ? key : OTHER_KEY) };
}

/** "Highest: FY2005 with $122.1M; total $862M over 14 years (FY2001–FY2014)." */
export function summarizeFundingOverTime(points: FundingPoint[]): string {
  const { years, yearTotals } = tabulate(points);
  if (!years.length) return 'No data to chart.';
  let best = 0;
  yearTotals.forEach((total, index) => {
    if (total > (yearTotals[best] ?? 0n)) best = index;
  });
  const total = sumCents(yearTotals);
  const span = years.length > 1 ? ` (FY${years[0]}–FY${years[years.length - 1]})` : ` (FY${years[0]})`;
  return `Highest: FY${years[best]} with ${formatCompactUsd(yearTotals[best] ?? 0n)}; total ${formatCompactUsd(total)} over ${plural(years.length, 'year')}${span}.`;
}

/** The bare, standalone SVG of the stacked bars (deterministic: same data, same bytes). */
export function fundingOverTimeSvg(props: FundingOverTimeProps): string {
  const summary = props.summary ?? summarizeFundingOverTime(props.series);
  const table = tabulate(props.series);
  if (!table.years.length) return emptyChartSvg({ id: props.id, title: props.title, summary });
  const { shown, groupOf } = displaySeries(table.series);
  const colorOf = new Map(
    shown.map((info, index) => [info.key, info.key === OTHER_KEY ? OTHER_COLOR : (CATEGORY_COLORS[index] ?? OTHER_COLOR)]),
  );
  const labelOf = new Map(shown.map((info) => [info.key, info.label]));

  // Every fiscal year between the first and the last gets a slot, so gaps stay visible.
  const first = table.years[0] ?? 0;
  const last = table.years[table.years.length - 1] ?? first;
  const domain = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const step = Math.ceil(domain.length / 16);

  const data: { year: number; group: string; dollars: number; text: string }[] = [];
  for (const year of table.years) {
    const sums = new Map<string, bigint>();
    for (const [key, cents] of table.cells.get(year) ?? []) sums.set(groupOf(key), (sums.get(groupOf(key)) ?? 0n) + cents);
    for (const info of shown) {
      const cents = sums.get(info.key);
      if (cents === undefined) continue;
      data.push({
        year,
        group: info.key,
        dollars: Number(cents) / 100,
        text: `FY${year} · ${info.label}: ${formatUsd(cents, { wholeDollars: true })}`,
      });
    }
  }

  const document = createChartDocument();
  const height = 300;
  const plot = Plot.plot({
    document,
    width: CHART_WIDTH,
    height,
    marginLeft: 60,
    marginTop: 24,
    style: null,
    x: { type: 'band', domain, label: null, tickFormat: (year: number) => ((year - first) % step === 0 ? String(year) : '') },
    y: { label: 'Obligations (USD)', tickFormat: formatCompactDollars, grid: true, ticks: 5 },
    color: { domain: shown.map((info) => info.key), range: shown.map((info) => colorOf.get(info.key) ?? OTHER_COLOR) },
    marks: [
      Plot.barY(data, {
        x: 'year',
        y: 'dollars',
        fill: 'group',
        order: shown.map((info) => info.key),
        stroke: '#ffffff',
        strokeWidth: 0.75,
        title: 'text',
      }),
      Plot.ruleY([0]),
    ],
  } as Plot.PlotOptions & { document: unknown }) as unknown as Element;
  // A single series needs no legend: the title says what the bars are.
  const legend =
    shown.length > 1
      ? buildSwatchLegend(
          document,
          shown.map((info) => ({ label: labelOf.get(info.key) ?? info.key, color: colorOf.get(info.key) ?? OTHER_COLOR })),
        )
      : undefined;
  return composeChartSvg({ document, id: props.id, title: props.title, summary, height, body: plot, legend });
}

function FundingTable(props: { title: string; table: Table }) {
  const { series, cells, years, yearTotals } = props.table;
  const money = (cents: bigint | undefined) => (cents === undefined ? '–' : formatUsd(cents, { wholeDollars: true }));
  return (
    <table class="chart-table">
      <caption>{`${props.title}: obligations by fiscal year`}</caption>
      <thead>
        <tr>
          <th scope="col">Fiscal year</th>
          {series.map((info) => (
            <th scope="col" class="number">
              {info.label}
            </th>
          ))}
          <th scope="col" class="number">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {years.map((year, index) => (
          <tr>
            <th scope="row">{`FY${year}`}</th>
            {series.map((info) => (
              <td class="number">{money(cells.get(year)?.get(info.key))}</td>
            ))}
            <td class="number">{money(yearTotals[index])}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All years</th>
          {series.map((info) => (
            <td class="number">{money(info.totalCents)}</td>
          ))}
          <td class="number">{money(sumCents(yearTotals))}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Obligations per fiscal year, stacked by series (pillar or agency), with legend and data table. */
export function FundingOverTimeChart(props: FundingOverTimeProps) {
  const table = tabulate(props.series);
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      svg={fundingOverTimeSvg(props)}
      empty={table.years.length === 0}
      table={<FundingTable title={props.title} table={table} />}
    />
  );
}
