import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';

describePortal('partner pages', (context) => {
  test('a partner page shows its programs, places and spellings', async () => {
    const organizations = (await context.app.inject('/api/organizations?q=International%20Organization%20for%20Migration')).json();
    const iom = organizations.items[0];
    const response = await context.app.inject(`/partners/${iom.id}`);
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, [iom.name]);
    const total = (await context.app.inject(`/api/programs?partner=${iom.id}&limit=1`)).json().total;
    assert.match(response.body, new RegExp(`<span class="ctip-figure-value">${total}</span>`));
    assert.match(response.body, /<figure id="partner-top-country-chart"/);
    assert.match(response.body, /<a href="\/countries\/AFG">Afghanistan/);
  });

  test('unknown or malformed partner numbers are 404 pages', async () => {
    for (const url of ['/partners/987654', '/partners/abc', '/partners/99999999999']) {
      const response = await context.app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.body, /<h1>Page not found<\/h1>/);
    }
  });
});
