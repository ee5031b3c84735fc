import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrograms } from '../programs/program.service.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { publicViewer } from '../shared/actor.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { allocateCents, getBreakdown, getBreakdownByFiscalYear } from './stats.service.ts';

test('parts always add up to the whole, whatever the weights', () => {
  for (const [total, weights] of [
    [100n, [1, 1, 1]],
    [1n, [1, 1]],
    [999_999_999_99n, [60, 40]],
    [7n, [0, 0, 0]],
    [10n, [33, 33, 34]],
  ] as const) {
    const parts = allocateCents(total, [...weights]);
    assert.equal(
      parts.reduce((sum, part) => sum + part, 0n),
      total,
      `${total} over ${weights.join('/')}`,
    );
  }
});

test('shares are respected and equal split is used when no share is known', () => {
  assert.deepEqual(allocateCents(100n, [60, 40]), [60n, 40n]);
  assert.deepEqual(allocateCents(100n, [0, 0, 0]), [34n, 33n, 33n]);
});

describeEachDatabase('breakdowns by fiscal year', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  test('one pass per year gives the same rows as one breakdown per year', async () => {
    const { db } = database;
    const inputs = [
      buildProgramInput({
        title: 'A',
        pillars: ['prevention', 'protection'],
        obligations: [
          { fiscalYear: 2004, amountCents: 100_00, amountNote: null },
          { fiscalYear: 2005, amountCents: 50_00, amountNote: null },
        ],
      }),
      buildProgramInput({
        title: 'B',
        pillars: ['prosecution'],
        obligations: [{ fiscalYear: 2005, amountCents: 70_00, amountNote: null }],
      }),
      buildProgramInput({ title: 'C', pillars: [], obligations: [{ fiscalYear: 2004, amountCents: null, amountNote: 'Not Listed' }] }),
    ];
    await createPrograms({ db, items: inputs.map((input) => ({ input })), actor: testActor });
    const series = await getBreakdownByFiscalYear({ db, dimension: 'pillar', filters: {}, viewer: publicViewer });
    for (const fiscalYear of [2004, 2005]) {
      const single = await getBreakdown({ db, dimension: 'pillar', filters: { fiscalYear }, viewer: publicViewer });
      const fromSeries = series.rows.filter((row) => row.fiscalYear === fiscalYear).map(({ fiscalYear: _year, ...row }) => row);
      assert.deepEqual(fromSeries, single.rows, `FY${fiscalYear}`);
    }
    assert.equal(series.method, 'tagged');
  });
});

describeEachDatabase('breakdowns with amounts not known', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  test('a row whose every amount is unknown says so, and the total counts programs without an amount', async () => {
    const { db } = database;
    const inputs = [
      buildProgramInput({
        title: 'Known',
        places: [{ countryCode: 'IND' }],
        obligations: [{ fiscalYear: 2002, amountCents: 10_00, amountNote: null }],
      }),
      buildProgramInput({
        title: 'Unknown 1',
        places: [{ countryCode: 'NPL' }],
        obligations: [{ fiscalYear: 2002, amountCents: null, amountNote: 'Not Listed' }],
      }),
      buildProgramInput({
        title: 'Unknown 2',
        places: [{ countryCode: 'NPL' }],
        obligations: [{ fiscalYear: 2002, amountCents: null, amountNote: 'Not Listed' }],
      }),
    ];
    await createPrograms({ db, items: inputs.map((input) => ({ input })), actor: testActor });
    const byCountry = await getBreakdown({ db, dimension: 'country', filters: { fiscalYear: 2002 }, viewer: publicViewer });
    assert.equal(byCountry.programsWithoutAmount, 2);
    const nepal = byCountry.rows.find((row) => row.key === 'NPL')!;
    assert.deepEqual([nepal.programs, nepal.programsWithoutAmount, nepal.amountKnown, nepal.obligatedCents], [2, 2, false, '0']);
    const india = byCountry.rows.find((row) => row.key === 'IND')!;
    assert.deepEqual([india.programs, india.programsWithoutAmount, india.amountKnown], [1, 0, true]);
    const byYear = await getBreakdown({ db, dimension: 'fiscal-year', filters: {}, viewer: publicViewer });
    assert.deepEqual([byYear.rows[0]!.programs, byYear.rows[0]!.programsWithoutAmount, byYear.rows[0]!.amountKnown], [3, 2, true]);
  });
});
