import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessibleFigure, assertInert, HOSTILE_LABEL } from './testing/chart-assertions.ts';
import { renderChartToString } from './figure.tsx';
import { HorizontalBarChart, horizontalBarSvg, summarizeBars, type BarRow } from './horizontal-bar.tsx';
import { safeHref } from './svg-dom.ts';

const rows: BarRow[] = Array.from({ length: 20 }, (_, index) => ({
  key: `C${index}`,
  label: `Country ${index}`,
  cents: (index + 1) * 1_000_000_00,
  href: `/countries/C${index}?fy=2005&sort=amount`,
}));

test('bar chart: top 15 bars by default, every row in the table, largest first', () => {
  const html = renderChartToString(<HorizontalBarChart id="top-countries" title="Top countries" rows={rows} />);
  const document = assertAccessibleFigure(html, { title: 'Top countries', role: 'group' });
  const svg = document.querySelector('svg');
  assert.equal(svg?.querySelectorAll('rect title').length, 15);
  assert.equal(svg?.querySelector('rect title')?.textContent, 'Country 19: $20,000,000');
  const tableRows = Array.from(document.querySelectorAll('details tbody tr'));
  assert.equal(tableRows.length, 20);
  assert.equal(tableRows[0]?.querySelector('th')?.textContent, 'Country 19');
  assert.equal(tableRows[0]?.querySelector('td')?.textContent, '$20,000,000');
  assert.equal(summarizeBars(rows), 'Largest: Country 19 with $20M (10% of $210M across 20 entries); the largest 15 are shown.');
});

test('bar chart: limit, and links on bars carry the bar name', () => {
  const svg = horizontalBarSvg({ id: 'b', title: 'Top', rows, limit: 3 });
  const links = [...svg.matchAll(/<a ([^>]*)>/g)].map((match) => match[1] ?? '');
  assert.equal(links.length, 3);
  assert.match(links[0] ?? '', /aria-label="Country 19: \$20,000,000"/);
  assert.match(links[0] ?? '', /href="\/countries\/C19\?fy=2005&amp;sort=amount"/);
  assertInert(svg);
});

test('bar chart: without links the SVG is a plain image', () => {
  const plain = rows.slice(0, 4).map(({ href: _href, ...row }) => row);
  const html = renderChartToString(<HorizontalBarChart id="plain" title="Plain" rows={plain} />);
  assertAccessibleFigure(html, { title: 'Plain', role: 'img' });
  assert.doesNotMatch(html, /<a /);
});

test('bar chart: hostile labels are inert and unsafe links are dropped', () => {
  const hostile: BarRow[] = [
    { key: 'x', label: HOSTILE_LABEL, cents: 500, href: 'javascript:alert(1)' },
    { key: 'y', label: 'Partner', cents: 400, href: '//evil.example/' },
  ];
  const svg = horizontalBarSvg({ id: 'h', title: HOSTILE_LABEL, rows: hostile });
  assertInert(svg);
  assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK("x")'));
  const html = renderChartToString(<HorizontalBarChart id="h" title="Hostile" rows={hostile} />);
  assertInert(html);
  const document = assertAccessibleFigure(html, { title: 'Hostile' });
  assert.equal(document.querySelector('tbody th')?.textContent, HOSTILE_LABEL);
  assert.equal(document.querySelectorAll('a').length, 0);
});

test('bar chart: safeHref keeps site paths and http(s) only', () => {
  assert.equal(safeHref('/programs?q=a&b=c'), '/programs?q=a&b=c');
  assert.equal(safeHref('?page=2'), '?page=2');
  assert.equal(safeHref('https://www.state.gov/'), 'https://www.state.gov/');
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:x', 'data:text/html,x', '//evil.example', '/a b', 'vbscript:x', '']) {
    assert.equal(safeHref(bad), undefined, bad);
  }
});

test('bar chart: deterministic, long labels shortened on the axis but whole in the table', () => {
  const long: BarRow[] = [
    { key: 'l', label: 'International Organization for Migration regional office for Southern Africa', cents: 12_345_00 },
  ];
  const first = horizontalBarSvg({ id: 'long', title: 'Partners', rows: long });
  assert.equal(first, horizontalBarSvg({ id: 'long', title: 'Partners', rows: [...long] }));
  assert.match(first, />International Organization for…</);
  const html = renderChartToString(<HorizontalBarChart id="long" title="Partners" rows={long} />);
  assert.match(html, /<th scope="row">International Organization for Migration regional office for Southern Africa<\/th>/);
});

test('bar chart: no rows renders a clear "No data" figure', () => {
  const html = renderChartToString(<HorizontalBarChart id="none" title="Top partners" rows={[]} />);
  const document = assertAccessibleFigure(html, { title: 'Top partners' });
  assert.match(document.querySelector('svg')?.textContent ?? '', /No data/);
  assert.equal(document.querySelector('table'), null);
});
