import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFigure } from './testing/chart-assertions.ts';
import { renderChartToString } from './figure.tsx';
import { FundingOverTimeChart } from './funding-over-time.tsx';
import { HorizontalBarChart } from './horizontal-bar.tsx';
import { WorldMap } from './world-map.tsx';

/** 2^53 − 1 cents, twice: the exact sum, 18,014,398,509,481,982 cents, is not a double. */
const largestSafe = '9007199254740991';
const exactSum = '$180,143,985,094,819.82';

const cellsOf = (html: string) => Array.from(parseFigure(html).querySelectorAll('details td')).map((cell) => cell.textContent);

test('bar chart tables add amounts past 2^53 cents exactly', () => {
  const html = renderChartToString(
    <HorizontalBarChart
      id="b"
      title="Bars"
      rows={[
        { key: 'a', label: 'A', cents: largestSafe },
        { key: 'a', label: 'A', cents: largestSafe },
      ]}
    />,
  );
  assert.deepEqual(cellsOf(html), [exactSum]);
});

test('funding over time adds amounts past 2^53 cents exactly', () => {
  const html = renderChartToString(
    <FundingOverTimeChart
      id="f"
      title="Years"
      series={[
        { fiscalYear: 2041, key: 'a', label: 'A', cents: largestSafe },
        { fiscalYear: 2041, key: 'a', label: 'A', cents: 9007199254740991n },
      ]}
    />,
  );
  assert.ok(
    cellsOf(html).every((text) => text === exactSum),
    cellsOf(html).join(' | '),
  );
});

test('the world map adds amounts past 2^53 cents exactly', () => {
  const html = renderChartToString(
    <WorldMap id="m" title="Map" values={[{ countryCode: 'NPL', numericCode: '524', name: 'Nepal', cents: '18014398509481982' }]} />,
  );
  assert.deepEqual(cellsOf(html), [exactSum]);
  assert.match(html, /Nepal: \$180,143,985,094,819\.82/);
});
