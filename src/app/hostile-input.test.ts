import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildRoleWorld, injectAs, type RoleWorld } from '../testing/role-fixtures.ts';
import { buildProgramInput } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';

// Found by the attack run: each of these answered 500 (the value reached PostgreSQL, which
// refused it). Each must be a 400 naming the field, in the one error shape.

const cursorOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const forgedCursors: [sort: string, cursor: string][] = [
  ['id', cursorOf([5, 1e300])],
  ['id', cursorOf([1e300, 5])],
  ['id', cursorOf([5, 2 ** 60])],
  ['id', cursorOf([2 ** 60, 2 ** 60])],
  ['-obligated', cursorOf([1e300, 1])],
  ['obligated', cursorOf([-1e300, 1])],
  ['fiscalYear', cursorOf([9_007_199_254_740_993, 1])],
  ['title', cursorOf(['a\u0000b', 1])],
  ['title', cursorOf(['a', -(2 ** 40)])],
  ['id', cursorOf('null')],
  ['id', cursorOf('{"a":1}')],
  ['id', '!!!garbage!!!'],
  ['id', cursorOf([5])],
];

const nulFilters = ['q', 'agency', 'region', 'assistanceType', 'pillar'];

function assertErrorShape(body: string, field?: string): void {
  const parsed = JSON.parse(body) as { error: { code: string; message: string; details?: { field?: string }[] } };
  assert.equal(parsed.error.code, 'VALIDATION_FAILED', body);
  assert.equal(typeof parsed.error.message, 'string');
  if (field)
    assert.ok(
      parsed.error.details?.some((detail) => detail.field === field),
      `names ${field}: ${body}`,
    );
}

describeEachDatabase('hostile values answer 400, never 500', {}, (database) => {
  let world: RoleWorld;
  let app: FastifyInstance;
  let programId = 0;
  before(async () => {
    world = await buildRoleWorld(database.db);
    app = world.app;
    const created = await injectAs(app, world.credentials.editor, { method: 'POST', url: '/api/programs', payload: buildProgramInput() });
    assert.equal(created.statusCode, 201, created.body);
    programId = created.json().id;
  });
  after(async () => {
    await app?.close();
  });

  test('forged pagination cursors: 400 on the API and on the /programs page', async () => {
    for (const [sort, cursor] of forgedCursors) {
      const api = await app.inject({ url: `/api/programs?sort=${sort}&cursor=${cursor}` });
      assert.equal(api.statusCode, 400, `API ${sort} ${Buffer.from(cursor, 'base64url').toString()}: ${api.body}`);
      assertErrorShape(api.body, 'cursor');
      const page = await app.inject({ url: `/programs?sort=${sort}&cursor=${cursor}` });
      assert.equal(page.statusCode, 400, `page ${sort} ${Buffer.from(cursor, 'base64url').toString()}`);
    }
  });

  test('a NUL byte in a filter: 400 naming it, on the API and the page', async () => {
    for (const name of nulFilters) {
      const api = await app.inject({ url: `/api/programs?${name}=a%00b` });
      assert.equal(api.statusCode, 400, `${name}: ${api.body}`);
      assertErrorShape(api.body, `querystring.${name}`);
      const page = await app.inject({ url: `/programs?${name}=a%00b` });
      assert.equal(page.statusCode, 400, `page ${name}`);
    }
    const stats = await app.inject({ url: '/api/stats/summary?q=%00' });
    assert.equal(stats.statusCode, 400, stats.body);
  });

  test('a NUL byte in any text field of a body: 400 naming the field, nothing written', async () => {
    const bodies: [string, Record<string, unknown>][] = [
      ['body.title', buildProgramInput({ title: 'Shelter\u0000' })],
      ['body.description', buildProgramInput({ description: '\u0000' })],
      ['body.fundingAgencyId', buildProgramInput({ fundingAgencyId: 'state\u0000tip' })],
      ['body.places.0.regionCode', buildProgramInput({ places: [{ regionCode: 'x\u0000' }] })],
      [
        'body.obligations.0.amountNote',
        buildProgramInput({ obligations: [{ fiscalYear: 2004, amountCents: null, amountNote: 'n\u0000' }] }),
      ],
      ['body.pillars.0', buildProgramInput({ pillars: ['\u0000'] })],
    ];
    const before = (await app.inject({ url: '/api/programs' })).json().total;
    for (const [field, payload] of bodies) {
      const response = await injectAs(app, world.credentials.editor, { method: 'POST', url: '/api/programs', payload });
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assertErrorShape(response.body, field);
    }
    const excluded = await app.inject({
      method: 'POST',
      url: '/api/coordination/check?excludeProgramId=99999999999',
      payload: buildProgramInput(),
    });
    assert.equal(excluded.statusCode, 400, excluded.body);
    const check = await app.inject({ method: 'POST', url: '/api/coordination/check', payload: buildProgramInput({ title: '\u0000' }) });
    assert.equal(check.statusCode, 400, check.body);
    const form = await injectAs(app, world.credentials.editor, {
      method: 'POST',
      url: '/programs/new',
      payload: 'title=a%00b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.ok(form.statusCode < 500, `form: ${form.statusCode}`);
    assert.equal((await app.inject({ url: '/api/programs' })).json().total, before);
  });

  test('found by the fuzz test: a NUL in a path segment, and a path segment past the router limit, answer 400 in the one shape', async () => {
    for (const url of [
      '/api/countries/%00',
      '/api/vocabularies/a%00',
      `/api/vocabularies/${'x'.repeat(500)}`,
      `/api/organizations/${'9'.repeat(200)}`,
    ]) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 400, `${url.slice(0, 60)}: ${response.body}`);
      assertErrorShape(response.body);
    }
    const page = await app.inject({ url: '/countries/%00' });
    assert.equal(page.statusCode, 400);
  });

  test('dates PostgreSQL cannot store or that are not real dates: 400 naming the field', async () => {
    for (const startDate of ['0000-01-01', '2023-02-29', '2023-13-01', '12345-01-01', '-0001-01-01']) {
      const response = await injectAs(app, world.credentials.editor, {
        method: 'POST',
        url: '/api/programs',
        payload: buildProgramInput({ startDate, endDate: null }),
      });
      assert.equal(response.statusCode, 400, `${startDate}: ${response.body}`);
      assertErrorShape(response.body, 'body.startDate');
    }
  });

  test('versions no record can have (If-Match, version field, ?version=): 400, nothing written', async () => {
    const put = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
      injectAs(app, world.credentials.editor, {
        method: 'PUT',
        url: `/api/programs/${programId}`,
        headers,
        payload: { ...buildProgramInput({ title: 'Changed' }), ...extra },
      });
    for (const ifMatch of ['"v999999999999"', 'v99999999999999999999999', '"2147483648"']) {
      const response = await put({ 'if-match': ifMatch });
      assert.equal(response.statusCode, 400, `${ifMatch}: ${response.body}`);
      assertErrorShape(response.body, 'If-Match');
    }
    assert.equal((await put({}, { version: 999_999_999_999 })).statusCode, 400);
    const deleted = await injectAs(app, world.credentials.editor, {
      method: 'DELETE',
      url: `/api/programs/${programId}`,
      headers: { 'if-match': '"v999999999999"' },
    });
    assert.equal(deleted.statusCode, 400, deleted.body);
    const byQuery = await injectAs(app, world.credentials.editor, {
      method: 'DELETE',
      url: `/api/programs/${programId}?version=999999999999`,
    });
    assert.equal(byQuery.statusCode, 400, byQuery.body);
    const current = (await app.inject({ url: `/api/programs/${programId}` })).json();
    assert.deepEqual([current.version, current.title], [1, buildProgramInput().title]);
  });

  test('strategic plans: an If-Match no plan can have is a 412 or a 400, never a 500', async () => {
    for (const ifMatch of ['"v999999999999"', '"\u00ff\u00fe"', `"${'9'.repeat(400)}"`, '*', 'W/""']) {
      const response = await injectAs(app, world.credentials.editor, {
        method: 'PUT',
        url: '/api/strategic-plans/1',
        headers: { 'if-match': ifMatch },
        payload: { title: 'x' },
      });
      assert.ok(response.statusCode < 500, `${ifMatch}: ${response.statusCode} ${response.body}`);
    }
    const huge = await injectAs(app, world.credentials.editor, {
      method: 'PUT',
      url: '/api/strategic-plans/99999999999',
      headers: { 'if-match': '"abc"' },
      payload: { title: 'x' },
    });
    assert.ok(huge.statusCode < 500, huge.body);
  });
});
