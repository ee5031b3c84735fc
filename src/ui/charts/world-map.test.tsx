import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessibleFigure, assertInert, HOSTILE_LABEL } from './testing/chart-assertions.ts';
import { renderChartToString } from './figure.tsx';
import { NO_DATA_COLOR, SEQUENTIAL_COLORS } from './format.ts';
import { quantizeScale } from './map-scale.ts';
import { summarizeMap, WorldMap, worldMapSvg, type MapValue } from './world-map.tsx';

const values: MapValue[] = [
  { countryCode: 'NPL', numericCode: '524', name: 'Nepal', cents: 123_456_700, href: '/countries/NPL' },
  { countryCode: 'IND', numericCode: '356', name: 'India', cents: 900_000_000 },
  { countryCode: 'BRA', numericCode: '76', name: 'Brazil', cents: 30_000_000 },
  { countryCode: 'XKX', numericCode: null, name: 'Kosovo', cents: 50_000_000 },
  { countryCode: 'SGP', numericCode: '702', name: 'Singapore', cents: 1_000_000 },
];

function pathByCode(document: Document, code: string): Element | null {
  return document.querySelector(`svg path[data-code="${code}"]`);
}

function pathByTitle(document: Document, title: RegExp): Element | undefined {
  return Array.from(document.querySelectorAll('svg path')).find((path) => title.test(path.querySelector('title')?.textContent ?? ''));
}

test('map: Nepal is drawn with its amount, linked, others gray', () => {
  const html = renderChartToString(<WorldMap id="world" title="Obligations per country" values={values} />);
  const document = assertAccessibleFigure(html, { title: 'Obligations per country', role: 'group' });
  const nepal = pathByCode(document, '524');
  assert.equal(nepal?.querySelector('title')?.textContent, 'Nepal: $1,234,567');
  assert.ok(SEQUENTIAL_COLORS.includes(nepal?.getAttribute('fill') ?? ''));
  assert.equal(nepal?.parentElement?.localName, 'a');
  assert.equal(nepal?.parentElement?.getAttribute('href'), '/countries/NPL');
  const india = pathByCode(document, '356');
  assert.notEqual(india?.parentElement?.localName, 'a', 'no href, no link');
  const brazil = pathByCode(document, '076');
  assert.equal(brazil?.querySelector('title')?.textContent, 'Brazil: $300,000', 'numeric codes are zero-padded');
  const france = pathByCode(document, '250');
  assert.equal(france?.getAttribute('fill'), NO_DATA_COLOR);
  assert.equal(france?.querySelector('title')?.textContent, 'France: no data');
  const colored = Array.from(document.querySelectorAll('svg path')).filter((path) => path.getAttribute('fill') !== NO_DATA_COLOR);
  assert.equal(colored.length, 4, 'Nepal, India, Brazil, Kosovo');
});

test('map: Kosovo (no numeric code) is matched by name', () => {
  const html = renderChartToString(<WorldMap id="world" title="Map" values={values} />);
  const kosovo = pathByTitle(assertAccessibleFigure(html, { title: 'Map', role: 'group' }), /^Kosovo: \$500,000$/);
  assert.ok(kosovo, 'Kosovo has a path');
  assert.notEqual(kosovo.getAttribute('fill'), NO_DATA_COLOR);
  assert.equal(kosovo.getAttribute('data-code'), null);
});

test('map: a country without a shape is listed in a "not shown" note and the table', () => {
  const html = renderChartToString(<WorldMap id="world" title="Map" values={values} />);
  const document = assertAccessibleFigure(html, { title: 'Map', role: 'group' });
  assert.match(document.querySelector('.chart-note')?.textContent ?? '', /Not shown on the map.*Singapore \(\$10,000\)/);
  assert.equal(pathByTitle(document, /Singapore/), undefined);
  const tableRows = Array.from(document.querySelectorAll('details tbody tr'));
  assert.equal(tableRows.length, values.length);
  assert.deepEqual(
    tableRows.map((row) => row.querySelector('th')?.textContent),
    ['India', 'Nepal', 'Kosovo', 'Brazil', 'Singapore'],
  );
  assert.equal(summarizeMap(values), 'Obligations in 5 countries totaling $11M; highest: India with $9M. 1 country not shown on the map.');
});

test('map: legend shows the classes and "No data"; without links it is an image', () => {
  const plain = values.map(({ href: _href, ...value }) => value);
  const svg = worldMapSvg({ id: 'plain', title: 'Map', values: plain });
  assert.match(svg, /role="img"/);
  assert.match(svg, />No data</);
  assert.match(svg, />Under \$/);
  assert.match(svg, / or more</);
});

test('map: deterministic output', () => {
  const first = worldMapSvg({ id: 'world', title: 'Map', values });
  assert.equal(first, worldMapSvg({ id: 'world', title: 'Map', values: [...values] }));
  const ids = [...first.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(ids, ['world-title', 'world-desc']);
});

test('map: hostile names are inert', () => {
  const hostile: MapValue[] = [{ countryCode: 'NPL', numericCode: '524', name: HOSTILE_LABEL, cents: 100, href: 'javascript:alert(1)' }];
  const svg = worldMapSvg({ id: 'h', title: HOSTILE_LABEL, values: hostile });
  assertInert(svg);
  assert.ok(svg.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK("x"): $1</title>'));
  const html = renderChartToString(<WorldMap id="h" title="Hostile" values={hostile} />);
  assertInert(html);
});

test('map: no values renders a clear "No data" figure', () => {
  const html = renderChartToString(<WorldMap id="none" title="Empty map" values={[]} />);
  const document = assertAccessibleFigure(html, { title: 'Empty map' });
  assert.match(document.querySelector('svg')?.textContent ?? '', /No data/);
  assert.equal(document.querySelectorAll('svg path').length, 0);
});

test('map scale: quantile classes, rounded breaks, every amount gets a color', () => {
  const amounts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((dollars) => dollars * 1_000_000_00);
  const scale = quantizeScale(amounts);
  assert.deepEqual(
    scale.legend.map((item) => item.label),
    ['Under $3M', '$3M–$5M', '$5M–$7M', '$7M–$9M', '$9M or more', 'No data'],
  );
  assert.equal(scale.colorOf(1_000_000_00), SEQUENTIAL_COLORS[0]);
  assert.equal(scale.colorOf(10_000_000_00), SEQUENTIAL_COLORS[4]);
  const single = quantizeScale([5_00, 5_00]);
  assert.deepEqual(
    single.legend.map((item) => item.label),
    ['$5', 'No data'],
  );
});
