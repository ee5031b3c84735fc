import { compareCents, formatUsd, sumCents, toCents, type CentsValue } from '../../shared/money.ts';
import { buildSwatchLegend, composeChartSvg, emptyChartSvg } from './chart-svg.ts';
import { ChartFigure } from './figure.tsx';
import { formatCompactUsd, NO_DATA_COLOR, plural } from './format.ts';
import { quantizeScale } from './map-scale.ts';
import { createChartDocument, safeHref, svgElement } from './svg-dom.ts';
import { type CountryShape, normalizeName, worldGeometry } from './world-geometry.ts';

/** Obligations for one country. */
export interface MapValue {
  /** ISO 3166-1 alpha-3 ("NPL"; "XKX" for Kosovo). */
  countryCode: string;
  /** ISO 3166-1 numeric ("524"), which keys the outlines; null when the country has none. */
  numericCode: string | null;
  name: string;
  /** Integer cents (a decimal string or a bigint keeps it exact at any size). */
  cents: CentsValue;
  href?: string;
}

export interface WorldMapProps {
  id: string;
  title: string;
  summary?: string;
  values: MapValue[];
}

/** Codes without an ISO numeric code, matched to Natural Earth's outline by name. */
const NAME_BY_CODE: Record<string, string> = { XKX: 'Kosovo' };

/** The outline a value is drawn on: by numeric code, then by name (Kosovo has no code). */
function findShape(value: MapValue): CountryShape | undefined {
  const world = worldGeometry();
  const numeric = value.numericCode?.trim();
  const byCode = numeric && /^\d{1,3}$/.test(numeric) ? world.byNumericCode.get(numeric.padStart(3, '0')) : undefined;
  return byCode ?? world.byName.get(normalizeName(NAME_BY_CODE[value.countryCode.toUpperCase()] ?? value.name));
}

/** Splits values into those drawn (summed per outline) and those with no outline at this scale. */
export function placeValues(values: MapValue[]) {
  const drawn = new Map<CountryShape, { names: string[]; cents: bigint; href?: string }>();
  const notShown: MapValue[] = [];
  for (const value of values) {
    const shape = findShape(value);
    if (!shape) {
      notShown.push(value);
      continue;
    }
    const entry = drawn.get(shape) ?? { names: [], cents: 0n, href: safeHref(value.href) };
    entry.names.push(value.name);
    entry.cents += toCents(value.cents);
    drawn.set(shape, entry);
  }
  notShown.sort((left, right) => compareCents(right.cents, left.cents) || left.name.localeCompare(right.name, 'en'));
  return { drawn, notShown };
}

function sortValues(values: MapValue[]): MapValue[] {
  return [...values].sort(
    (left, right) =>
      compareCents(right.cents, left.cents) || left.name.localeCompare(right.name, 'en') || (left.countryCode < right.countryCode ? -1 : 1),
  );
}

/** "Obligations in 86 countries totaling $82M; highest: Nepal with $5.1M. 3 are too small to show." */
export function summarizeMap(values: MapValue[]): string {
  const sorted = sortValues(values);
  const top = sorted[0];
  if (!top) return 'No data to chart.';
  const total = sumCents(sorted.map((value) => value.cents));
  const { notShown } = placeValues(values);
  const hidden = notShown.length ? ` ${plural(notShown.length, 'country', 'countries')} not shown on the map.` : '';
  return `Obligations in ${plural(sorted.length, 'country', 'countries')} totaling ${formatCompactUsd(total)}; highest: ${top.name} with ${formatCompactUsd(top.cents)}.${hidden}`;
}

/** The bare, standalone SVG of the choropleth (deterministic: same data, same bytes). */
export function worldMapSvg(props: WorldMapProps): string {
  const summary = props.summary ?? summarizeMap(props.values);
  if (!props.values.length) return emptyChartSvg({ id: props.id, title: props.title, summary });
  const world = worldGeometry();
  const { drawn } = placeValues(props.values);
  const scale = quantizeScale([...drawn.values()].map((entry) => Number(entry.cents)));
  const document = createChartDocument();
  const body = svgElement(document, 'g', { stroke: '#ffffff', 'stroke-width': 0.5, 'stroke-linejoin': 'round' });
  let interactive = false;
  for (const shape of world.shapes) {
    const entry = drawn.get(shape);
    const label = entry ? `${entry.names.join(' / ')}: ${formatUsd(entry.cents, { wholeDollars: true })}` : `${shape.name}: no data`;
    const path = svgElement(document, 'path', {
      d: shape.d,
      fill: entry ? scale.colorOf(Number(entry.cents)) : NO_DATA_COLOR,
      'data-code': shape.numericCode,
    });
    path.append(svgElement(document, 'title', {}, label));
    if (entry?.href) {
      interactive = true;
      const link = svgElement(document, 'a', { href: entry.href, 'aria-label': label });
      link.append(path);
      body.append(link);
    } else {
      body.append(path);
    }
  }
  const legend = buildSwatchLegend(document, scale.legend);
  return composeChartSvg({ document, id: props.id, title: props.title, summary, height: world.height, body, legend, interactive });
}

function MapTable(props: { title: string; values: MapValue[] }) {
  return (
    <table class="chart-table">
      <caption>{`${props.title}: obligations per country`}</caption>
      <thead>
        <tr>
          <th scope="col">Country</th>
          <th scope="col" class="number">
            Obligations
          </th>
        </tr>
      </thead>
      <tbody>
        {props.values.map((value) => {
          const href = safeHref(value.href);
          return (
            <tr>
              <th scope="row">{href ? <a href={href}>{value.name}</a> : value.name}</th>
              <td class="number">{formatUsd(value.cents, { wholeDollars: true })}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A world choropleth of obligations per country, with legend, notes and data table. */
export function WorldMap(props: WorldMapProps) {
  const { notShown } = placeValues(props.values);
  const notes = notShown.length ? (
    <p class="chart-note">
      {'Not shown on the map (too small at this scale, or no outline): '}
      {notShown.map((value) => `${value.name} (${formatUsd(value.cents, { wholeDollars: true })})`).join('; ')}.
    </p>
  ) : null;
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      svg={worldMapSvg(props)}
      empty={props.values.length === 0}
      notes={notes}
      table={<MapTable title={props.title} values={sortValues(props.values)} />}
    />
  );
}
