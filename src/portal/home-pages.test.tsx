import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money } from '../ui/format.ts';
import { formatCompactUsd } from '../ui/charts/index.ts';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';
import { createTestUser, signInAs } from '../testing/web-session.ts';

const coordinationPages = ['/assessment', '/coordination/overlap', '/recommendations', '/strategic-plans'];

/** The links of the header's main navigation, in order. */
function mainNavigation(html: string): string[] {
  const nav = /<nav aria-label="Main"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
}

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

  test('the Assessment, the overlap report, recommendations and strategic plans are in the header and on the home page', async () => {
    const home = await context.app.inject('/');
    for (const page of coordinationPages) {
      assert.ok(mainNavigation(home.body).includes(page), `${page} in the main navigation`);
      assert.match(home.body, new RegExp(`<h3 class="usa-card__heading"><a href="${page}">`), `${page} on the home page`);
    }
    assert.ok(!mainNavigation(home.body).includes('/clearance'), 'the public has no clearance queue');
    assert.doesNotMatch(home.body, /href="\/clearance"/);
    for (const page of coordinationPages) {
      const response = await context.app.inject(page);
      assert.equal(response.statusCode, 200, `${page} answers`);
      assert.ok(mainNavigation(response.body).includes(page), `${page} keeps the navigation`);
    }
  });

  test('signed-in agency staff reach their clearance queue from the header and the home page', async () => {
    const user = await createTestUser(context.db, { role: 'agency_editor' });
    const session = await signInAs(context.app, user.email);
    const home = await context.app.inject({ url: '/', headers: { cookie: session.cookie } });
    assert.ok(mainNavigation(home.body).includes('/clearance'), 'the clearance queue in the main navigation');
    assert.match(home.body, /<h3 class="usa-card__heading"><a href="\/clearance">Clearance queue<\/a>/);
  });

  test('the trend chart summary states the stats service figures: each program once per year, coverage stated', async () => {
    const response = await context.app.inject('/');
    const byYear = (await context.app.inject('/api/stats/by/fiscal-year')).json() as {
      totalCents: string;
      rows: { key: string; obligatedCents: string; programs: number; programsWithoutAmount: number; amountKnown: boolean }[];
    };
    const desc = /<desc id="trend-by-pillar-desc">([^<]*)<\/desc>/.exec(response.body)?.[1] ?? '';
    const known = byYear.rows.filter((row) => row.amountKnown);
    const highest = known.reduce((best, row) => (BigInt(row.obligatedCents) > BigInt(best.obligatedCents) ? row : best));
    assert.ok(
      desc.startsWith(
        `Highest: FY${highest.key} with ${formatCompactUsd(highest.obligatedCents)}; total ${formatCompactUsd(byYear.totalCents)}`,
      ),
      desc,
    );
    for (const row of byYear.rows.filter((year) => year.amountKnown && year.programsWithoutAmount > 0))
      assert.ok(desc.includes(`${row.programsWithoutAmount} of ${row.programs} in FY${row.key}`), `coverage of FY${row.key}`);
  });
});
