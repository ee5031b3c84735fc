import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';

describePortal('agency pages', (context) => {
  test('the agency index shows the hierarchy with what each funds directly', async () => {
    const response = await context.app.inject('/agencies');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['Agencies']);
    assert.match(response.body, /<a href="\/agencies\/state">[^<]+<\/a>[^<]*<ul><li><a href="\/agencies\/state-(prm|tip)">/);
    assert.match(response.body, /<a href="\/agencies\/state-tip">[^<]+<\/a> \(TIP Office\): funds directly \d+ programs, \$/);
  });

  test('a department page includes its bureaus and offices', async () => {
    const response = await context.app.inject('/agencies/state');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    const total = (await context.app.inject('/api/programs?agency=state&limit=1')).json().total;
    assert.ok(total > 0);
    assert.match(response.body, new RegExp(`<span class="ctip-figure-value">${total}</span><span>programs funded`));
    assert.match(response.body, /<a href="\/agencies\/state-tip">/);
    assert.match(response.body, /<figure id="agency-top-country-chart"/);
  });

  test('an unknown agency is a 404 page', async () => {
    const response = await context.app.inject('/agencies/nope');
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /<h1>Page not found<\/h1>/);
  });
});
