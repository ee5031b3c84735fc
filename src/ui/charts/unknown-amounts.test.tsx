import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderChartToString } from './figure.tsx';
import {
  FundingOverTimeChart,
  fundingOverTimeSvg,
  summarizeFundingOverTime,
  type FundingPoint,
  type YearTotal,
} from './funding-over-time.tsx';
import { HorizontalBarChart, horizontalBarSvg, summarizeBars, type BarRow } from './horizontal-bar.tsx';

/** Issue 13, items 1 and 4: an amount that is not known is never drawn or read as $0. */

const bars: BarRow[] = [
  { key: 'NPL', label: 'Nepal', cents: 5_000_000_00 },
  { key: 'YUG', label: 'Yugoslavia', cents: null },
];

test('bars: a row with no known amount gets no bar, says "not known", and is last', () => {
  const svg = horizontalBarSvg({ id: 'b', title: 'By country', rows: bars });
  assert.match(svg, />not known</);
  assert.doesNotMatch(svg, /Yugoslavia: \$0/);
  // One bar only: Nepal's.
  assert.equal((svg.match(/<rect/g) ?? []).length, 1);
  const html = renderChartToString(<HorizontalBarChart id="b" title="By country" rows={bars} />);
  assert.match(html, /<th scope="row">Yugoslavia<\/th><td class="number">Not known<\/td>/);
  assert.ok(html.indexOf('Nepal') < html.indexOf('Yugoslavia'));
  assert.match(html, /Amount not known for 1 entry/);
  assert.equal(
    summarizeBars(bars),
    'Largest: Nepal with $5M (100% of $5M across 1 entry with a known amount). The amount of 1 entry is not known.',
  );
  assert.equal(summarizeBars([bars[1]!]), 'No amount is known for any of the 1 entry.');
});

const pillarSeries: FundingPoint[] = [
  // One program of $100 in two pillars in FY2005: drawn twice, counted once.
  { fiscalYear: 2005, key: 'prevention', label: 'Prevention', cents: 100_00 },
  { fiscalYear: 2005, key: 'protection', label: 'Protection', cents: 100_00 },
  { fiscalYear: 2002, key: 'prevention', label: 'Prevention', cents: null },
  { fiscalYear: 2003, key: 'prevention', label: 'Prevention', cents: 10_00 },
];
const totals: YearTotal[] = [
  { fiscalYear: 2002, cents: '0', programs: 7, programsWithoutAmount: 7 },
  { fiscalYear: 2003, cents: '1000', programs: 201, programsWithoutAmount: 187 },
  { fiscalYear: 2005, cents: '10000', programs: 1, programsWithoutAmount: 0 },
];

test('over time: totals count a program once, and coverage is stated', () => {
  assert.equal(
    summarizeFundingOverTime(pillarSeries, totals),
    'Highest: FY2005 with $100; total $110 over 3 years (FY2002–FY2005). No amount is known for FY2002 (no bar drawn; not $0). Programs without a known amount, not in the bars: 187 of 201 in FY2003.',
  );
  // Without totals the stacks are summed: the old, misleading $200 for FY2005.
  assert.match(summarizeFundingOverTime(pillarSeries), /Highest: FY2005 with \$200;/);
  const html = renderChartToString(<FundingOverTimeChart id="t" title="By pillar" series={pillarSeries} totals={totals} />);
  assert.match(html, /Total \(each program once\)/);
  assert.match(
    html,
    /<th scope="row">FY2002<\/th><td class="number">Not known<\/td><td class="number">–<\/td><td class="number">Not known<\/td><td class="number">7 of 7<\/td>/,
  );
  assert.match(
    html,
    /<th scope="row">FY2005<\/th><td class="number">\$100<\/td><td class="number">\$100<\/td><td class="number">\$100<\/td>/,
  );
  assert.match(html, /class="chart-note">No amount is known for FY2002/);
  const svg = fundingOverTimeSvg({ id: 't', title: 'By pillar', series: pillarSeries, totals });
  assert.match(svg, />not known</);
});
