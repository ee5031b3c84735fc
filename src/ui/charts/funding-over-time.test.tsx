import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessibleFigure, assertInert, HOSTILE_LABEL } from './testing/chart-assertions.ts';
import { renderChartToString } from './figure.tsx';
import { formatCompactUsd } from './format.ts';
import { FundingOverTimeChart, fundingOverTimeSvg, summarizeFundingOverTime, type FundingPoint } from './funding-over-time.tsx';

const pillars = [
  ['prevention', 'Prevention'],
  ['protection', 'Protection'],
  ['prosecution', 'Prosecution'],
] as const;

const series: FundingPoint[] = [2003, 2004, 2005].flatMap((fiscalYear, yearIndex) =>
  pillars.map(([key, label], index) => ({ fiscalYear, key, label, cents: (yearIndex + 1) * (index + 1) * 1_000_000_00 })),
);

test('funding chart: figure, accessible SVG, legend and one table row per fiscal year', () => {
  const html = renderChartToString(<FundingOverTimeChart id="funding-by-pillar" title="Obligations by pillar" series={series} />);
  const document = assertAccessibleFigure(html, { title: 'Obligations by pillar' });
  const rows = Array.from(document.querySelectorAll('details table tbody tr'));
  assert.deepEqual(
    rows.map((row) => row.querySelector('th')?.textContent),
    ['FY2003', 'FY2004', 'FY2005'],
  );
  // FY2005: 3 + 6 + 9 million.
  assert.deepEqual(
    Array.from(rows[2]?.querySelectorAll('td') ?? []).map((cell) => cell.textContent),
    ['$3,000,000', '$6,000,000', '$9,000,000', '$18,000,000'],
  );
  assert.equal(document.querySelector('tfoot td:last-child')?.textContent, '$36,000,000');
  const svg = document.querySelector('svg');
  assert.equal(svg?.querySelectorAll('rect title').length, 9, 'one titled segment per (year, pillar)');
  const legend = Array.from(svg?.querySelectorAll('g[aria-hidden="true"] > text') ?? []).map((text) => text.textContent);
  assert.deepEqual(legend.slice(0, 3), ['Prevention', 'Protection', 'Prosecution']);
  assert.ok(
    Array.from(svg?.querySelectorAll('text') ?? []).some((text) => text.textContent === '$15M'),
    'y axis in dollars',
  );
});

test('funding chart: generated summary names the highest year and the total', () => {
  assert.equal(summarizeFundingOverTime(series), 'Highest: FY2005 with $18M; total $36M over 3 years (FY2003–FY2005).');
  const html = renderChartToString(<FundingOverTimeChart id="f" title="T" summary="Given summary." series={series} />);
  assert.match(html, /<desc id="f-desc">Given summary\.<\/desc>/);
});

test('funding chart: same data gives byte-identical SVG, ids derive from props.id', () => {
  const first = fundingOverTimeSvg({ id: 'trend', title: 'Trend', series });
  const second = fundingOverTimeSvg({ id: 'trend', title: 'Trend', series: [...series] });
  assert.equal(first, second);
  assert.equal(
    renderChartToString(<FundingOverTimeChart id="trend" title="Trend" series={series} />),
    renderChartToString(<FundingOverTimeChart id="trend" title="Trend" series={series} />),
  );
  const ids = [...first.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(ids, ['trend-title', 'trend-desc']);
  assert.match(fundingOverTimeSvg({ id: '2 bad id"', title: 'T', series }), /id="chart-2-bad-id-title"/);
});

test('funding chart: hostile labels and titles come out as inert text', () => {
  const hostile = series.map((point) => (point.key === 'protection' ? { ...point, label: HOSTILE_LABEL } : point));
  const svg = fundingOverTimeSvg({ id: 'x', title: HOSTILE_LABEL, series: hostile });
  assertInert(svg);
  assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK("x")'));
  const html = renderChartToString(<FundingOverTimeChart id="x" title={HOSTILE_LABEL} series={hostile} />);
  assert.doesNotMatch(html, /<script/i);
  const document = assertAccessibleFigure(html, { title: HOSTILE_LABEL });
  assert.ok(Array.from(document.querySelectorAll('th')).some((header) => header.textContent === HOSTILE_LABEL));
});

test('funding chart: more series than colors fold into "Other" in the chart, not in the table', () => {
  const many: FundingPoint[] = Array.from({ length: 10 }, (_, index) => ({
    fiscalYear: 2010,
    key: `agency-${index}`,
    label: `Agency ${index}`,
    cents: (index + 1) * 100_00,
  }));
  const html = renderChartToString(<FundingOverTimeChart id="many" title="Agencies" series={many} />);
  assert.match(html, />Other \(4\)</, 'six largest keep a color, four fold into Other');
  assert.doesNotMatch(html, /<text[^>]*>Agency 0</);
  const headers = assertAccessibleFigure(html, { title: 'Agencies' }).querySelectorAll('thead th');
  assert.equal(headers.length, 12, 'fiscal year, ten agencies, total');
});

test('funding chart: duplicate points are summed, gaps between years stay on the axis', () => {
  const points: FundingPoint[] = [
    { fiscalYear: 2001, key: 'a', label: 'A', cents: 100 },
    { fiscalYear: 2001, key: 'a', label: 'A', cents: 50 },
    { fiscalYear: 2004, key: 'a', label: 'A', cents: 10 },
  ];
  const svg = fundingOverTimeSvg({ id: 'gap', title: 'Gap', series: points });
  assert.match(svg, /FY2001 · A: \$1\.50/);
  assert.ok(['2001', '2002', '2003', '2004'].every((year) => svg.includes(`>${year}</text>`)));
  assert.doesNotMatch(svg, /<text[^>]*>A<\/text>/, 'one series: no legend');
});

test('funding chart: no data renders a clear "No data" figure', () => {
  const html = renderChartToString(<FundingOverTimeChart id="none" title="Nothing yet" series={[]} />);
  const document = assertAccessibleFigure(html, { title: 'Nothing yet' });
  assert.match(document.querySelector('svg')?.textContent ?? '', /No data/);
  assert.equal(document.querySelector('.chart-empty')?.textContent, 'No data for this chart.');
  assert.equal(document.querySelector('table'), null);
});

test('compact dollars read like axis labels', () => {
  assert.deepEqual(
    [0, 50, 95_000_00, 999_999_99, 20_000_000_00, 122_100_000_00, 862_000_000_00, 1_234_000_000_00, -5_000_000_00].map(formatCompactUsd),
    ['$0', '$0.5', '$95K', '$1M', '$20M', '$122.1M', '$862M', '$1.2B', '-$5M'],
  );
});
