import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { describePortal } from '../testing/portal-fixture.ts';

describePortal('statistics API: names, unknown parameters, coverage, CSV', (context) => {
  it('takes fiscalYear; the old name fy still works with a Deprecation header', async () => {
    const current = await context.app.inject('/api/stats/summary?fiscalYear=2004');
    assert.equal(current.statusCode, 200, current.body);
    assert.equal(current.headers.deprecation, undefined);
    const old = await context.app.inject('/api/stats/summary?fy=2004');
    assert.equal(old.statusCode, 200, old.body);
    assert.match(String(old.headers.deprecation), /^@\d+$/);
    assert.match(String(old.headers.link), /rel="deprecation"/);
    assert.deepEqual(old.json(), current.json());
    const byAgency = await context.app.inject('/api/stats/by/agency?fy=2004');
    assert.equal(byAgency.statusCode, 200);
    assert.equal(byAgency.json().fiscalYearFrom, 2004);
    const programs = await context.app.inject('/api/programs?fy=2004&limit=1');
    assert.equal(programs.statusCode, 200);
    assert.ok(programs.headers.deprecation);
  });

  it('refuses an unknown parameter by name and suggests the right one', async () => {
    const year = await context.app.inject('/api/stats/summary?year=2005');
    assert.equal(year.statusCode, 400);
    assert.equal(year.json().error.code, 'VALIDATION_FAILED');
    assert.match(year.json().error.message, /^unknown parameter year; did you mean fiscalYear\?/);
    assert.deepEqual(year.json().error.details[0], { field: 'year', message: 'unknown parameter; did you mean fiscalYear?' });
    const typo = await context.app.inject('/api/programs?contry=NPL&utm_source=mail');
    assert.equal(typo.statusCode, 400);
    assert.match(typo.json().error.message, /unknown parameters contry; did you mean country\?, utm_source/);
    const none = await context.app.inject('/api/agencies?page=2');
    assert.equal(none.statusCode, 400);
    assert.match(none.json().error.message, /unknown parameter page/);
  });

  it('pages ignore unknown parameters and redirect fy to fiscalYear', async () => {
    const tracked = await context.app.inject('/programs?utm_source=newsletter&fbclid=abc');
    assert.equal(tracked.statusCode, 200);
    const old = await context.app.inject('/assessment?fy=2004&utm_source=x');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/assessment?utm_source=x&fiscalYear=2004');
    const current = await context.app.inject('/assessment?fiscalYear=2004');
    assert.equal(current.statusCode, 200);
    assert.match(current.body, /name="fiscalYear"/);
  });

  it('a year outside the data says which years the data cover', async () => {
    const empty = (await context.app.inject('/api/stats/summary?fiscalYear=1995')).json();
    assert.equal(empty.programs, 0);
    assert.match(empty.coverage.note, /No program has an obligation recorded in FY1995; the data cover FY\d{4}–FY\d{4}\./);
    const full = (await context.app.inject('/api/stats/summary?fiscalYear=2004')).json();
    assert.equal(full.coverage.note, null);
    assert.ok(full.coverage.fiscalYearFrom <= 2004 && full.coverage.fiscalYearTo >= 2004);
  });

  it('by fiscal year is in year order; country rows and regional rows are told apart', async () => {
    const byYear = (await context.app.inject('/api/stats/by/fiscal-year')).json();
    const years = byYear.rows.map((row: { key: string }) => Number(row.key));
    assert.ok(years.length > 2);
    assert.deepEqual(
      years,
      [...years].sort((left, right) => left - right),
    );
    assert.ok(byYear.rows.every((row: { kind: string }) => row.kind === 'fiscal-year'));
    const byCountry = (await context.app.inject('/api/stats/by/country')).json();
    for (const row of byCountry.rows as { key: string; kind: string }[]) {
      if (row.key.startsWith('region:')) assert.equal(row.kind, 'region', row.key);
      else if (/^[A-Z]{3}$/.test(row.key)) assert.equal(row.kind, 'country', row.key);
      else assert.equal(row.kind, 'not-specified', row.key);
    }
  });

  it('every statistics endpoint also answers as CSV, with the same figures', async () => {
    const summary = (await context.app.inject('/api/stats/summary?fiscalYear=2004')).json();
    const summaryCsv = await context.app.inject('/api/stats/summary.csv?fiscalYear=2004');
    assert.equal(summaryCsv.statusCode, 200);
    assert.match(String(summaryCsv.headers['content-type']), /^text\/csv/);
    const summaryRows = parse(summaryCsv.body, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      summaryRows.map((row) => row.scope),
      ['all', 'international', 'domestic'],
    );
    assert.equal(Number(summaryRows[0]!.programs), summary.programs);
    for (const dimension of ['agency', 'country', 'region', 'partner', 'assistance-type', 'pillar', 'fiscal-year']) {
      const json = (await context.app.inject(`/api/stats/by/${dimension}?fiscalYear=2004`)).json();
      const csv = await context.app.inject(`/api/stats/by/${dimension}.csv?fiscalYear=2004`);
      assert.equal(csv.statusCode, 200, dimension);
      assert.match(String(csv.headers['content-disposition']), new RegExp(`ctip-by-${dimension}-FY2004\\.csv`));
      const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(
        rows.map((row) => [row.key, row.kind, row.programs]),
        json.rows.map((row: { key: string; kind: string; programs: number }) => [row.key, row.kind, String(row.programs)]),
      );
    }
    const bad = await context.app.inject('/api/stats/by/colour.csv');
    assert.equal(bad.statusCode, 400);
  });

  it('the OpenAPI description names its server', async () => {
    const openapi = (await context.app.inject('/openapi.json')).json();
    assert.ok(openapi.servers?.length >= 1);
  });
});
