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
