import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money } from '../ui/format.ts';
import { assertPageBasics, describePortal, restrictedTitle } from '../testing/portal-fixture.ts';

/** The restricted fixture program: FY2014, Nepal, its own partner, $777,777, status proposed. */
const restrictedAmount = money(777_777_00);

describePortal('restricted programs on public pages', (context) => {
  const assertInvisible = (html: string, url: string) => {
    assert.ok(!html.includes(restrictedTitle), `${url} shows the restricted title`);
    // The search echoes its own words, and a partner's own page names the partner (organizations are public).
    if (!url.includes('zanzibarian') && !url.startsWith('/partners/'))
      assert.ok(!html.includes('Zanzibarian'), `${url} names the restricted program's partner`);
    assert.ok(!html.includes(restrictedAmount), `${url} shows the restricted amount`);
  };

  test('a restricted program appears on no page: search, facets, country, partner, totals', async () => {
    const { app, fixture } = context;
    for (const url of [
      '/',
      '/programs',
      '/programs?limit=500',
      '/programs?q=zanzibarian',
      '/programs?country=NPL',
      '/programs?status=proposed',
      `/programs?partner=${fixture.secretPartnerId}`,
      '/countries',
      '/countries/NPL',
      '/regions/034',
      '/agencies/state-tip',
      '/about',
    ]) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 200, url);
      assertPageBasics(response.body, assert);
      assertInvisible(response.body, url);
    }
    const search = (await app.inject('/programs')).body;
    assert.doesNotMatch(search, /<option value="NPL"/, 'no Nepal in the country facet');
    assert.doesNotMatch(search, /value="proposed"/, 'no proposed status in the status facet');
    assert.doesNotMatch(search, /Secret Partner/, 'no secret partner in the partner facet');
    assert.doesNotMatch(search, /<option value="partnership"/, 'no pillar only the restricted program has');
    assert.match((await app.inject('/programs?q=zanzibarian')).body, /No program matches these filters/);
    const nepal = (await app.inject('/countries/NPL')).body;
    assert.match(nepal, /<span class="ctip-figure-value">0<\/span><span>programs naming the country/);
    // A partner named only by restricted programs is itself hidden: the same 404 as a missing one.
    const partner = await app.inject(`/partners/${fixture.secretPartnerId}`);
    assert.equal(partner.statusCode, 404);
    assertInvisible(partner.body, 'partner page');
  });

  test('the home page total is the public total of the API', async () => {
    const summary = (await context.app.inject('/api/stats/summary?fy=2014')).json();
    const home = (await context.app.inject('/')).body;
    assert.ok(home.includes(money(summary.obligatedCents)));
  });

  test('the restricted program page is a 404 page, as if it did not exist', async () => {
    const response = await context.app.inject(`/programs/${context.fixture.restrictedId}`);
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assertInvisible(response.body, 'detail');
  });

  test('every page type answers HTML with one h1, and unknown records are HTML 404 pages', async () => {
    for (const url of ['/countries/QQQ', '/regions/qqq', '/agencies/qqq', '/partners/987654', '/programs/987654']) {
      const response = await context.app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assertPageBasics(response.body, assert);
    }
  });
});
