import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money } from '../ui/format.ts';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';

describePortal('about page', (context) => {
  test('explains sources, licenses, definitions and the differences with figures computed now', async () => {
    const response = await context.app.inject('/about');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['About the data']);
    assert.match(response.body, /Kelley/);
    assert.match(response.body, /MIT license/);
    for (const id of ['fiscal-year', 'obligation', 'regional-programs', 'unknown-amounts', 'differences'])
      assert.match(response.body, new RegExp(`id="${id}"`));
    const fy2004 = (await context.app.inject('/api/stats/summary?fy=2004')).json();
    assert.ok(response.body.includes(money(fy2004.international.obligatedCents)), 'FY2004 international total from the data');
    assert.match(response.body, new RegExp(`\\(${fy2004.unknownAmountPrograms} programs? in FY2004\\)`));
    assert.match(response.body, /about 251 international programs, \$82 million/);
  });
});
