import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money } from '../ui/format.ts';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';

describePortal('country pages', (context) => {
  test('the country index lists countries with totals and links, regional programs apart', async () => {
    const response = await context.app.inject('/countries');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['Countries']);
    assert.match(response.body, /<th scope="row"><a href="\/countries\/AFG">Afghanistan<\/a><\/th>/);
    assert.match(response.body, /<caption>Regional and global programs, all fiscal years<\/caption>/);
    assert.match(response.body, /<figure id="world-all-years"/);
  });

  test('a country page shows direct figures and, apart, the regional programs that include it', async () => {
    const response = await context.app.inject('/countries/afg');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['Afghanistan']);
    const direct = (await context.app.inject('/api/programs?country=AFG&limit=1')).json().total;
    const withRegional = (await context.app.inject('/api/programs?country=AFG&includeRegional=true&limit=1')).json().total;
    assert.match(response.body, new RegExp(`<span class="ctip-figure-value">${direct}</span><span>programs naming the country`));
    assert.match(response.body, /count only programs that name Afghanistan as a place, <strong>without<\/strong> regional or global/);
    assert.match(response.body, new RegExp(`Regional programs that include Afghanistan: ${withRegional - direct} more program`));
    const byYear = (await context.app.inject('/api/stats/by/fiscal-year?country=AFG')).json();
    assert.ok(response.body.includes(money(byYear.totalCents)));
    for (const id of ['country-years', 'country-pillars', 'country-assistance', 'country-top-partner-chart'])
      assert.match(response.body, new RegExp(`<figure id="${id}"`));
    assert.match(response.body, /<a href="\/programs\?country=AFG&amp;sort=-obligated">All \d+ programs?: Afghanistan<\/a>/);
    assert.match(response.body, /<a href="\/regions\/034">Southern Asia<\/a>/);
  });

  test('an unknown or malformed country code is a 404 page with a link home', async () => {
    for (const url of ['/countries/XXX', '/countries/12', '/countries/%3Cscript%3E']) {
      const response = await context.app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assertPageBasics(response.body, assert);
      assert.match(response.body, /<a href="\/">Go to the home page<\/a>/);
      assert.doesNotMatch(response.body, /<script>/);
    }
  });

  test('a country page offers its programs as downloads, the same as the API export', async () => {
    const response = await context.app.inject('/countries/AFG');
    const direct = (await context.app.inject('/api/programs?country=AFG&limit=1')).json().total;
    assert.match(response.body, /<h2 id="country-downloads">Download Afghanistan’s programs<\/h2>/);
    for (const format of ['csv', 'json', 'xml']) {
      const link = new RegExp(
        `<a href="(/api/exports/programs\\.${format}\\?country=AFG)">[^<]* of the ${direct} programs? in Afghanistan</a>`,
      ).exec(response.body);
      assert.ok(link, `a ${format} download`);
      const file = await context.app.inject(link[1]!);
      assert.equal(file.statusCode, 200, format);
    }
    const json = await context.app.inject('/api/exports/programs.json?country=AFG');
    const body = json.json() as unknown;
    const items = Array.isArray(body)
      ? body
      : ((body as { items?: unknown[]; programs?: unknown[] }).items ?? (body as { programs?: unknown[] }).programs ?? []);
    assert.equal(items.length, direct, 'the download holds the country’s programs');
  });

  test('the country index filters by fiscal year, with a form that works without JavaScript', async () => {
    const all = await context.app.inject('/countries');
    assert.match(all.body, /<form class="usa-form ctip-year-filter" action="\/countries" method="get">/);
    assert.match(all.body, /<option value="2003">FY2003<\/option>/);
    const response = await context.app.inject('/countries?fiscalYear=2003&utm_source=newsletter');
    assert.equal(response.statusCode, 200, 'unknown parameters are ignored');
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['Countries, FY2003']);
    assert.match(response.body, /<option value="2003" selected>FY2003<\/option>/);
    assert.match(response.body, /<caption>Countries: programs and obligations, FY2003<\/caption>/);
    const byCountry = (await context.app.inject('/api/stats/by/country?fiscalYear=2003')).json() as {
      rows: { key: string; programs: number }[];
    };
    const listed = [
      ...new Set([...response.body.matchAll(/<th scope="row"><a href="\/countries\/([A-Z]{3})">/g)].map((match) => match[1])),
    ];
    const expected = byCountry.rows.filter((row) => /^[A-Z]{3}$/.test(row.key)).map((row) => row.key);
    assert.deepEqual([...listed].sort(), [...expected].sort());
    assert.ok(
      listed.length > 0 &&
        listed.length < new Set([...all.body.matchAll(/<th scope="row"><a href="\/countries\/(\w+)/g)].map((match) => match[1])).size,
    );
    const bad = await context.app.inject('/countries?fiscalYear=abc');
    assert.equal(bad.statusCode, 400);
  });
});
