import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';

describePortal('region pages', (context) => {
  test('the region index lists regions by kind with the chart by continent', async () => {
    const response = await context.app.inject('/regions');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['Regions']);
    assert.match(response.body, /<figure id="by-region"/);
    assert.match(response.body, /<a href="\/regions\/142">Asia<\/a>/);
  });

  test('a region page counts programs in the region and its countries', async () => {
    const response = await context.app.inject('/regions/002');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['Africa']);
    const total = (await context.app.inject('/api/programs?region=002&limit=1')).json().total;
    assert.match(response.body, new RegExp(`<span class="ctip-figure-value">${total}</span>`));
    assert.match(response.body, /<a href="\/countries\/KEN">Kenya<\/a>/);
    assert.match(response.body, /<figure id="region-top-country-chart"/);
  });

  test('an unknown region is a 404 page', async () => {
    const response = await context.app.inject('/regions/nowhere');
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /No region has the code &#39;nowhere&#39;|No region has the code 'nowhere'/);
  });
});
