import * as Plot from '@observablehq/plot';
import { compareCents, formatUsd, sumCents, toCents, type CentsValue } from '../../shared/money.ts';
import { CHART_WIDTH, composeChartSvg, emptyChartSvg } from './chart-svg.ts';
import { ChartFigure } from './figure.tsx';
import { BAR_COLOR, estimateTextWidth, formatCompactDollars, formatCompactUsd, plural, TEXT_COLOR } from './format.ts';
import { createChartDocument, safeHref } from './svg-dom.ts';

/** One bar: a region, country, partner or assistance type and its obligations. */
export interface BarRow {
  key: string;
  label: string;
  /**
   * Integer cents (a decimal string or a bigint keeps it exact at any size); null when no
   * amount of the row is known: drawn as a gap marked "not known", never as a $0 bar.
   */
  cents: CentsValue | null;
  href?: string;
}

type SortedRow = Omit<BarRow, 'cents'> & { cents: bigint | null };

const NOT_KNOWN = 'not known';

const addKnown = (left: bigint | null, right: bigint | null): bigint | null =>
  left === null ? right : right === null ? left : left + right;

export interface HorizontalBarChartProps {
  id: string;
  title: string;
  summary?: string;
  rows: BarRow[];
  /** How many of the largest rows to draw (default 15); the data table lists all of them. */
  limit?: number;
}

const DEFAULT_LIMIT = 15;
const MAX_LABEL_CHARACTERS = 32;

/** Merges rows that share a key and sorts them largest first (ties by label, then key). */
function sortRows(rows: BarRow[]): SortedRow[] {
  const byKey = new Map<string, SortedRow>();
  for (const row of rows) {
    const seen = byKey.get(row.key);
    const cents = row.cents === null ? null : toCents(row.cents);
    byKey.set(row.key, seen ? { ...seen, cents: addKnown(seen.cents, cents) } : { ...row, cents });
  }
  // Rows whose amount is not known go last: they have no size to rank by.
  return [...byKey.values()].sort(
    (left, right) =>
      (left.cents === null ? 1 : 0) - (right.cents === null ? 1 : 0) ||
      compareCents(right.cents ?? 0n, left.cents ?? 0n) ||
      left.label.localeCompare(right.label, 'en') ||
      (left.key < right.key ? -1 : 1),
  );
}

function shorten(label: string): string {
  const characters = Array.from(label);
  return characters.length > MAX_LABEL_CHARACTERS
    ? `${characters
        .slice(0, MAX_LABEL_CHARACTERS - 1)
        .join('')
        .trimEnd()}…`
    : label;
}

function unknownSentence(count: number): string {
  return count ? ` The amount of ${plural(count, 'entry', 'entries')} is not known.` : '';
}

/**
 * "Largest: Nepal with $12.3M (27% of $45.6M across 20 entries); the largest 15 are shown."
 * Entries whose amount is not known are named as such, never counted as $0.
 */
export function summarizeBars(rows: BarRow[], limit = DEFAULT_LIMIT): string {
  const sorted = sortRows(rows);
  const known = sorted.filter((row): row is SortedRow & { cents: bigint } => row.cents !== null);
  const unknown = sorted.length - known.length;
  const top = known[0];
  if (!sorted.length) return 'No data to chart.';
  if (!top) return `No amount is known for any of the ${plural(sorted.length, 'entry', 'entries')}.`;
  const total = sumCents(known.map((row) => row.cents));
  const share =
    total > 0n
      ? ` (${Math.round(Number((top.cents * 10_000n) / total) / 100)}% of ${formatCompactUsd(total)}`
      : ` (of ${formatCompactUsd(total)}`;
  const shown = sorted.length > limit ? `; the largest ${limit} are shown` : '';
  return `Largest: ${top.label} with ${formatCompactUsd(top.cents)}${share} across ${plural(known.length, 'entry', 'entries')}${unknown ? ' with a known amount' : ''})${shown}.${unknownSentence(unknown)}`;
}

/** The bare, standalone SVG of the top-N bars (deterministic: same data, same bytes). */
export function horizontalBarSvg(props: HorizontalBarChartProps): string {
  const limit = Math.max(1, Math.floor(props.limit ?? DEFAULT_LIMIT));
  const summary = props.summary ?? summarizeBars(props.rows, limit);
  const rows = sortRows(props.rows).slice(0, limit);
  if (!rows.length) return emptyChartSvg({ id: props.id, title: props.title, summary });

  const data = rows.map((row) => ({
    key: row.key,
    // No bar at all for an amount not known (a gap), with "not known" written where it would start.
    dollars: row.cents === null ? 0 : Number(row.cents) / 100,
    short: row.cents === null ? NOT_KNOWN : formatCompactUsd(row.cents),
    text: `${row.label}: ${row.cents === null ? 'amount not known' : formatUsd(row.cents, { wholeDollars: true })}`,
    href: safeHref(row.href),
  }));
  const drawn = data.filter((_, index) => rows[index]!.cents !== null);
  const labelOf = new Map(rows.map((row) => [row.key, shorten(row.label)]));
  const marginLeft = Math.min(240, 12 + Math.max(...[...labelOf.values()].map((label) => estimateTextWidth(label))));
  const height = 40 + rows.length * 26;
  const interactive = data.some((row) => row.href !== undefined);

  const document = createChartDocument();
  const plot = Plot.plot({
    document,
    width: CHART_WIDTH,
    height,
    marginLeft,
    marginRight: 64,
    marginTop: 8,
    style: null,
    x: { label: null, tickFormat: formatCompactDollars, grid: true, ticks: 4 },
    y: {
      type: 'band',
      domain: rows.map((row) => row.key),
      label: null,
      tickFormat: (key: string) => labelOf.get(key) ?? key,
      padding: 0.25,
    },
    marks: [
      Plot.barX(drawn, { y: 'key', x: 'dollars', fill: BAR_COLOR, title: 'text', href: 'href' }),
      Plot.text(data, { y: 'key', x: 'dollars', text: 'short', textAnchor: 'start', dx: 4, fill: TEXT_COLOR }),
      Plot.ruleX([0]),
    ],
  } as Plot.PlotOptions & { document: unknown }) as unknown as Element;
  labelLinks(plot);
  return composeChartSvg({ document, id: props.id, title: props.title, summary, height, body: plot, interactive });
}

/** Gives each link Plot made around a bar the name of its bar (from the bar's `<title>`). */
export function labelLinks(root: Element): void {
  for (const link of Array.from(root.querySelectorAll('a'))) {
    const title = link.querySelector('title')?.textContent;
    if (title) link.setAttribute('aria-label', title);
  }
}

function BarTable(props: { title: string; rows: BarRow[] }) {
  return (
    <table class="chart-table">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" class="number">
            Obligations
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => {
          const href = safeHref(row.href);
          return (
            <tr>
              <th scope="row">{href ? <a href={href}>{row.label}</a> : row.label}</th>
              <td class="number">{row.cents === null ? 'Not known' : formatUsd(row.cents, { wholeDollars: true })}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The largest rows as horizontal bars (optionally linked), with the full list as a data table. */
export function HorizontalBarChart(props: HorizontalBarChartProps) {
  const rows = sortRows(props.rows);
  const unknown = rows.filter((row) => row.cents === null).length;
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      svg={horizontalBarSvg(props)}
      empty={rows.length === 0}
      notes={
        unknown ? (
          <p class="chart-note">{`Amount not known for ${plural(unknown, 'entry', 'entries')}: no bar is drawn for them, and they are not $0.`}</p>
        ) : undefined
      }
      table={<BarTable title={props.title} rows={rows} />}
    />
  );
}
