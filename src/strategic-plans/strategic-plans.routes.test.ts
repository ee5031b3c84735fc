import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildRoleWorld, injectAs, type RoleKey, type RoleWorld } from '../testing/role-fixtures.ts';
import { systemViewer } from '../shared/actor.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { createStrategicPlan, getStrategicPlan } from './strategic-plans.service.ts';

const planBody = {
  agencyId: 'state-tip',
  title: 'TIP plan',
  fiscalYearFrom: 2005,
  fiscalYearTo: 2007,
  goals: [{ title: 'Protect', activities: [{ title: 'Shelters', programIds: [] }] }],
};

describeEachDatabase('strategic plan API: PUT /api/strategic-plans/:id', {}, (database) => {
  let world: RoleWorld;
  before(async () => {
    world = await buildRoleWorld(database.db);
  });
  after(() => world?.app.close());

  const newPlan = () => createStrategicPlan({ db: database.db, input: planBody, viewer: systemViewer, actor: testActor });
  const put = (role: RoleKey, id: number, payload: object, ifMatch?: string) =>
    injectAs(world.app, world.credentials[role], {
      method: 'PUT',
      url: `/api/strategic-plans/${id}`,
      payload,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });

  it('reads the version as an ETag, and replaces the plan with If-Match, answering the new version', async () => {
    const plan = await newPlan();
    const read = await world.app.inject(`/api/strategic-plans/${plan.id}`);
    assert.equal(read.headers.etag, `"${plan.version}"`);
    assert.equal(read.json().version, plan.version);

    const updated = await put(
      'editor',
      plan.id,
      { ...planBody, title: 'TIP plan, revised', goals: [{ title: 'Protect victims' }, { title: 'Prosecute' }] },
      String(read.headers.etag),
    );
    assert.equal(updated.statusCode, 200, updated.body);
    assert.deepEqual(
      [updated.json().title, updated.json().goals.map((goal: { title: string }) => goal.title)],
      ['TIP plan, revised', ['Protect victims', 'Prosecute']],
    );
    assert.notEqual(updated.json().version, plan.version);
    assert.equal(updated.headers.etag, `"${updated.json().version}"`);

    // A weak ETag, or the bare version, names it too.
    const weak = await put('admin', plan.id, { ...planBody, title: 'Weak' }, `W/"${updated.json().version}"`);
    assert.equal(weak.statusCode, 200, weak.body);
    const bare = await put('admin', plan.id, { ...planBody, title: 'Bare' }, weak.json().version);
    assert.equal(bare.statusCode, 200, bare.body);
  });

  it('needs If-Match (428) and refuses a stale version (412) with the current plan, writing nothing', async () => {
    const plan = await newPlan();
    for (const ifMatch of [undefined, '', '*']) {
      const missing = await put('editor', plan.id, { ...planBody, title: 'Blind write' }, ifMatch);
      assert.equal(missing.statusCode, 428, String(ifMatch));
      assert.equal(missing.json().error.code, 'PRECONDITION_REQUIRED');
      assert.match(missing.json().error.message, /If-Match/);
    }
    const first = await put('editor', plan.id, { ...planBody, title: 'First edit' }, `"${plan.version}"`);
    assert.equal(first.statusCode, 200);
    const stale = await put('admin', plan.id, { ...planBody, title: 'Stale edit' }, `"${plan.version}"`);
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().error.code, 'VERSION_MISMATCH');
    assert.deepEqual([stale.json().error.current.title, stale.json().error.current.version], ['First edit', first.json().version]);
    assert.equal((await getStrategicPlan({ db: database.db, id: plan.id, viewer: systemViewer })).title, 'First edit');
  });

  it("answers 401 to the public, 403 to another agency's editor and read-only tokens, 400 to a bad plan, 404 to a missing one", async () => {
    const plan = await newPlan();
    const ifMatch = `"${plan.version}"`;
    const body = { ...planBody, title: 'Not allowed' };
    assert.equal((await put('public', plan.id, body, ifMatch)).statusCode, 401);
    for (const role of ['dolEditor', 'coordinator', 'viewer', 'ngo', 'readToken'] as const) {
      const refused = await put(role, plan.id, body, ifMatch);
      assert.equal(refused.statusCode, 403, role);
      assert.equal(refused.json().error.code, 'FORBIDDEN');
    }
    assert.equal(
      (await put('dolEditor', plan.id, { ...body, agencyId: 'dol-ilab' }, ifMatch)).statusCode,
      403,
      "moving state-tip's plan needs the right to write state-tip's",
    );
    const bad = await put('editor', plan.id, { ...planBody, fiscalYearFrom: 2010, goals: [] }, ifMatch);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .error.details.map((detail: { field: string }) => detail.field)
        .sort(),
      ['body.fiscalYearFrom', 'body.goals'],
    );
    assert.equal((await put('editor', 987_654, planBody, ifMatch)).statusCode, 404);
    assert.equal((await getStrategicPlan({ db: database.db, id: plan.id, viewer: systemViewer })).title, 'TIP plan');
  });

  it('is described in the OpenAPI document with its If-Match header and the plan version', async () => {
    const openapi = (await world.app.inject('/openapi.json')).json();
    const operation = openapi.paths['/api/strategic-plans/{id}'].put;
    assert.deepEqual(operation.tags, ['strategic plans']);
    assert.ok(
      operation.parameters.some((parameter: { in: string; name: string }) => parameter.in === 'header' && parameter.name === 'if-match'),
      JSON.stringify(operation.parameters),
    );
    assert.ok(operation.responses['412'] && operation.responses['428'] && operation.responses['403']);
    assert.ok(JSON.stringify(openapi).includes("The plan's content version"));
  });
});
