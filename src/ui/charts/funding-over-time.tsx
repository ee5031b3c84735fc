import * as Plot from '@observablehq/plot';
import { compareCents, formatUsd, sumCents, toCents, type CentsValue } from '../../shared/money.ts';
import { buildSwatchLegend, CHART_WIDTH, composeChartSvg, emptyChartSvg } from './chart-svg.ts';
import { ChartFigure } from './figure.tsx';
import { CATEGORY_COLORS, formatCompactDollars, formatCompactUsd, MUTED_TEXT_COLOR, OTHER_COLOR, plural } from './format.ts';
import { createChartDocument } from './svg-dom.ts';

/** One stacked segment: the obligations of one series (a pillar, an agency) in one fiscal year. */
export interface FundingPoint {
  fiscalYear: number;
  key: string;
  label: string;
  /**
   * Integer cents (a decimal string or a bigint keeps it exact at any size); null when no amount
   * of the segment is known: nothing is drawn for it, and it is never read as $0.
   */
  cents: CentsValue | null;
}

/**
 * A fiscal year's figures with each program counted once: the chart's totals and how many of
 * its programs have no known amount. Given when the series are tags (pillars), whose stacks
 * count a program once per tag, so the summary and the Total column say what the tables say.
 */
export interface YearTotal {
  fiscalYear: number;
  cents: CentsValue;
  programs: number;
  programsWithoutAmount: number;
}

export interface FundingOverTimeProps {
  id: string;
  title: string;
  summary?: string;
  series: FundingPoint[];
  totals?: YearTotal[];
}

interface SeriesInfo {
  key: string;
  label: string;
  totalCents: bigint | null;
}

type Coverage = { programs: number; withoutAmount: number };

const OTHER_KEY = '\u0000other';

const addKnown = (left: bigint | null | undefined, right: bigint | null): bigint | null =>
  left === undefined || left === null ? right : right === null ? left : left + right;

/** Sums duplicate (year, key) points and lists series in order of first appearance. */
function tabulate(points: FundingPoint[], totals?: YearTotal[]) {
  const series = new Map<string, SeriesInfo>();
  const cells = new Map<number, Map<string, bigint | null>>();
  for (const point of points) {
    const cents = point.cents === null ? null : toCents(point.cents);
    const info = series.get(point.key) ?? { key: point.key, label: point.label, totalCents: null };
    info.totalCents = addKnown(info.totalCents, cents);
    series.set(point.key, info);
    const year = cells.get(point.fiscalYear) ?? new Map<string, bigint | null>();
    year.set(point.key, addKnown(year.get(point.key), cents));
    cells.set(point.fiscalYear, year);
  }
  const given = new Map((totals ?? []).map((total) => [total.fiscalYear, total]));
  const years = [...new Set([...cells.keys(), ...given.keys()])].sort((left, right) => left - right);
  const yearTotals = years.map((year): bigint | null => {
    const total = given.get(year);
    if (total) return total.programs > total.programsWithoutAmount ? toCents(total.cents) : null;
    return [...(cells.get(year)?.values() ?? [])].reduce<bigint | null>((sum, cents) => addKnown(sum, cents), null);
  });
  const coverage = new Map<number, Coverage>(
    [...given.values()].map((total) => [total.fiscalYear, { programs: total.programs, withoutAmount: total.programsWithoutAmount }]),
  );
  return { series: [...series.values()], cells, years, yearTotals, coverage, countedOnce: totals !== undefined };
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
      .sort((left, right) => compareCents(right.totalCents ?? 0n, left.totalCents ?? 0n) || left.key.localeCompare(right.key))
      .slice(0, CATEGORY_COLORS.length - 1)
      .map((info) => info.key),
  );
  const others = series.filter((info) => !kept.has(info.key));
  const other = { key: OTHER_KEY, label: `Other (${others.length})`, totalCents: sumCents(others.map((info) => info.totalCents ?? 0n)) };
  return { shown: [...series.filter((info) => kept.has(info.key)), other], groupOf: (key) => (kept.has(key) ? key : OTHER_KEY) };
}

/** What the chart cannot show: years with no known amount, and years where some amounts are not known. */
export function describeCoverage(table: Pick<Table, 'years' | 'yearTotals' | 'coverage'>): string {
  const none = table.years.filter((_, index) => table.yearTotals[index] === null);
  const partial = table.years.flatMap((year, index) => {
    const coverage = table.coverage.get(year);
    return table.yearTotals[index] !== null && coverage && coverage.withoutAmount > 0
      ? [`${coverage.withoutAmount} of ${coverage.programs} in FY${year}`]
      : [];
  });
  const parts = [
    none.length ? `No amount is known for ${none.map((year) => `FY${year}`).join(', ')} (no bar drawn; not $0).` : '',
    partial.length ? `Programs without a known amount, not in the bars: ${partial.join(', ')}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * "Highest: FY2005 with $122.1M; total $852.5M over 14 years (FY2001–FY2014)." With `totals`
 * a program counts once per year however many series it is in; years or programs whose amount
 * is not known are named.
 */
export function summarizeFundingOverTime(points: FundingPoint[], totals?: YearTotal[]): string {
  const table = tabulate(points, totals);
  const { years, yearTotals } = table;
  if (!years.length) return 'No data to chart.';
  const coverage = describeCoverage(table);
  let best = -1;
  yearTotals.forEach((total, index) => {
    if (total !== null && (best < 0 || total > (yearTotals[best] ?? 0n))) best = index;
  });
  const span = years.length > 1 ? ` (FY${years[0]}–FY${years[years.length - 1]})` : ` (FY${years[0]})`;
  if (best < 0) return `No amount is known in ${plural(years.length, 'year')}${span}.`;
  const total = sumCents(yearTotals.map((cents) => cents ?? 0n));
  const summary = `Highest: FY${years[best]} with ${formatCompactUsd(yearTotals[best] ?? 0n)}; total ${formatCompactUsd(total)} over ${plural(years.length, 'year')}${span}.`;
  return coverage ? `${summary} ${coverage}` : summary;
}

/** The bare, standalone SVG of the stacked bars (deterministic: same data, same bytes). */
export function fundingOverTimeSvg(props: FundingOverTimeProps): string {
  const summary = props.summary ?? summarizeFundingOverTime(props.series, props.totals);
  const table = tabulate(props.series, props.totals);
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
    for (const [key, cents] of table.cells.get(year) ?? [])
      if (cents !== null) sums.set(groupOf(key), (sums.get(groupOf(key)) ?? 0n) + cents);
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
      // A year with no known amount is a gap marked "not known", not a $0 bar.
      Plot.text(
        table.years.filter((_, index) => table.yearTotals[index] === null),
        { x: (year: number) => year, y: 0, text: () => 'not known', rotate: -90, textAnchor: 'start', dx: -4, fill: MUTED_TEXT_COLOR },
      ),
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
  const { series, cells, years, yearTotals, coverage, countedOnce } = props.table;
  const money = (cents: bigint | null | undefined) =>
    cents === undefined ? '–' : cents === null ? 'Not known' : formatUsd(cents, { wholeDollars: true });
  const hasCoverage = coverage.size > 0;
  const knownTotal = yearTotals.some((cents) => cents !== null) ? sumCents(yearTotals.map((cents) => cents ?? 0n)) : null;
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
            {countedOnce ? 'Total (each program once)' : 'Total'}
          </th>
          {hasCoverage ? (
            <th scope="col" class="number">
              Programs without a known amount
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {years.map((year, index) => {
          const covered = coverage.get(year);
          return (
            <tr>
              <th scope="row">{`FY${year}`}</th>
              {series.map((info) => (
                <td class="number">{money(cells.get(year)?.get(info.key))}</td>
              ))}
              <td class="number">{money(yearTotals[index])}</td>
              {hasCoverage ? <td class="number">{covered ? `${covered.withoutAmount} of ${covered.programs}` : '–'}</td> : null}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All years</th>
          {series.map((info) => (
            <td class="number">{money(info.totalCents)}</td>
          ))}
          <td class="number">{money(knownTotal)}</td>
          {hasCoverage ? <td class="number" /> : null}
        </tr>
      </tfoot>
    </table>
  );
}

/** Obligations per fiscal year, stacked by series (pillar or agency), with legend, coverage and data table. */
export function FundingOverTimeChart(props: FundingOverTimeProps) {
  const table = tabulate(props.series, props.totals);
  const coverage = describeCoverage(table);
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      svg={fundingOverTimeSvg(props)}
      empty={table.years.length === 0}
      notes={coverage ? <p class="chart-note">{coverage}</p> : undefined}
      table={<FundingTable title={props.title} table={table} />}
    />
  );
}
