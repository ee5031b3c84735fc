import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money } from '../ui/format.ts';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';

describePortal('home page', (context) => {
  test('renders the headline figures of the latest year, the trend, the map and the entry points', async () => {
    const response = await context.app.inject('/');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['U.S. anti-trafficking programs: who funds what, where']);
    const summary = (await context.app.inject('/api/stats/summary?fy=2014')).json();
    assert.match(response.body, /Fiscal year 2014, the latest in the data/);
    assert.ok(response.body.includes(money(summary.obligatedCents)), 'the obligated total of FY2014');
    assert.match(response.body, /(up|down) [\d.]+% from FY2013|unchanged from FY2013|none in FY2013|nothing recorded in FY2013/);
    assert.match(response.body, /<figure id="trend-by-pillar"/);
    assert.match(response.body, /<figure id="world-latest"/);
    for (const entry of ['/programs', '/countries', '/agencies', '/about']) assert.match(response.body, new RegExp(`<a href="${entry}">`));
    assert.match(response.body, /FY2004 beside the published figures/);
    assert.match(response.body, /<label class="usa-label" for="home-search">/);
  });
});
