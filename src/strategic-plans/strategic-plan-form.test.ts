import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildRoleWorld, roleKeys, type RoleWorld } from '../testing/role-fixtures.ts';
import { hiddenValue } from '../testing/web-session.ts';
import { createProgram } from '../programs/program.service.ts';
import { systemViewer } from '../shared/actor.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { getStrategicPlan, listStrategicPlans } from './strategic-plans.service.ts';
import { errorSummary, getAs, postPageForm } from '../testing/page-forms.ts';

const planFields = {
  agencyId: 'state-tip',
  title: 'TIP Office plan',
  fiscalYearFrom: '2005',
  fiscalYearTo: '2007',
  emptyRows: '2',
  action: 'save',
};

describeEachDatabase('strategic plan forms', {}, (database) => {
  let world: RoleWorld;
  let openProgram: number;
  let secretProgram: number;
  let otherAgencySecret: number;
  before(async () => {
    world = await buildRoleWorld(database.db);
    const db = database.db;
    openProgram = (await createProgram({ db, input: buildProgramInput({ title: 'Open shelter program' }), actor: testActor })).id;
    secretProgram = (
      await createProgram({
        db,
        input: buildProgramInput({ title: 'Secret TIP proposal', visibility: 'restricted', status: 'proposed' }),
        actor: testActor,
      })
    ).id;
    otherAgencySecret = (
      await createProgram({
        db,
        input: buildProgramInput({
          title: 'Secret ILAB proposal',
          fundingAgencyId: 'dol-ilab',
          visibility: 'restricted',
          status: 'proposed',
        }),
        actor: testActor,
      })
    ).id;
  });
  after(() => world?.app.close());

  const count = async () => (await listStrategicPlans({ db: database.db, viewer: systemViewer })).length;
  const planIdOf = (location: unknown) => Number(/^\/strategic-plans\/(\d+)\?done=created$/.exec(String(location))?.[1]);

  it('shows the "New strategic plan" link and form only to agency editors and administrators', async () => {
    const writers = new Set(['editor', 'dolEditor', 'admin']);
    for (const role of roleKeys) {
      const list = await getAs(world, role, '/strategic-plans');
      assert.equal(list.body.includes('href="/strategic-plans/new"'), writers.has(role), role);
    }
    const editorForm = await getAs(world, 'editor', '/strategic-plans/new');
    assert.equal(editorForm.statusCode, 200);
    assert.equal(editorForm.headers['cache-control'], 'no-store');
    assert.equal(hiddenValue(editorForm.body, '_csrf'), world.credentials.editor.csrfToken);
    assert.match(editorForm.body, /<option value="state-tip" selected>/, "the editor's own agency is chosen");
    assert.doesNotMatch(editorForm.body, /<option value="dol-ilab"/, 'only agencies the editor may write');
    assert.match(editorForm.body, /name="goals\.1\.activities\.1\.programIds"/, 'empty rows to fill in');
    assert.match((await getAs(world, 'admin', '/strategic-plans/new')).body, /<option value="dol-ilab">/);
    assert.equal((await getAs(world, 'public', '/strategic-plans/new')).statusCode, 401);
    for (const role of ['coordinator', 'viewer', 'ngo', 'readToken'] as const)
      assert.equal((await getAs(world, role, '/strategic-plans/new')).statusCode, 403, role);
  });

  it('a good post records the plan with goals, activities and linked programs; rows left empty are dropped', async () => {
    const response = await postPageForm(world, 'editor', '/strategic-plans', {
      ...planFields,
      'goals.0.title': '',
      'goals.0.description': '',
      'goals.1.title': 'Protect victims',
      'goals.1.description': 'Shelter and services',
      'goals.1.activities.0.title': '',
      'goals.1.activities.1.title': 'Fund shelters',
      'goals.1.activities.1.description': 'In three countries',
      'goals.1.activities.1.programIds': `${openProgram}, #${secretProgram}`,
      'goals.2.title': 'Prosecute traffickers',
    });
    assert.equal(response.statusCode, 303, response.body);
    const plan = await getStrategicPlan({ db: database.db, id: planIdOf(response.headers.location), viewer: systemViewer });
    assert.deepEqual(
      [plan.agency.id, plan.title, plan.fiscalYearFrom, plan.fiscalYearTo, plan.createdBy],
      ['state-tip', 'TIP Office plan', 2005, 2007, 'editor@example.org'],
    );
    assert.deepEqual(
      plan.goals.map((goal) => [
        goal.title,
        goal.description,
        goal.activities.map((activity) => [activity.title, activity.description, activity.programs.map((program) => program.id)]),
      ]),
      [
        ['Protect victims', 'Shelter and services', [['Fund shelters', 'In three countries', [openProgram, secretProgram]]]],
        ['Prosecute traffickers', null, []],
      ],
    );
    const page = await getAs(world, 'editor', String(response.headers.location));
    assert.match(page.body, /The strategic plan was recorded/);
    assert.match(page.body, new RegExp(`<a href="/programs/${openProgram}">Open shelter program</a>`));
    assert.match(page.body, new RegExp(`<a href="/programs/${secretProgram}">Secret TIP proposal</a>`));
  });

  it('the plan page does not leak a linked program the viewer may not see', async () => {
    const response = await postPageForm(world, 'admin', '/strategic-plans', {
      ...planFields,
      'goals.0.title': 'Protect',
      'goals.0.activities.0.title': 'Shelters',
      'goals.0.activities.0.programIds': `${openProgram} ${secretProgram}`,
    });
    const url = `/strategic-plans/${planIdOf(response.headers.location)}`;
    for (const role of ['public', 'ngo', 'dolEditor'] as const) {
      for (const page of [await getAs(world, role, url), await getAs(world, role, '/strategic-plans')]) {
        assert.equal(page.statusCode, 200);
        assert.match(page.body, new RegExp(`/programs/${openProgram}"`), role);
        assert.doesNotMatch(page.body, /Secret TIP proposal/, role);
        assert.doesNotMatch(page.body, new RegExp(`/programs/${secretProgram}"`), role);
      }
    }
    assert.match((await getAs(world, 'coordinator', url)).body, /Secret TIP proposal/);
  });

  it('"Add more rows" shows the form again with more empty rows and what was typed, saving nothing', async () => {
    const before = await count();
    const response = await postPageForm(world, 'editor', '/strategic-plans', {
      ...planFields,
      action: 'add-rows',
      'goals.0.title': 'Kept goal',
      'goals.0.activities.0.title': 'Kept activity',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(hiddenValue(response.body, 'emptyRows'), '4');
    assert.match(response.body, /name="goals\.0\.title" type="text" value="Kept goal"/);
    assert.match(response.body, /name="goals\.0\.activities\.0\.title" type="text" value="Kept activity"/);
    assert.match(response.body, /name="goals\.4\.title"/);
    assert.match(response.body, /name="goals\.0\.activities\.4\.title"/);
    assert.doesNotMatch(response.body, /name="goals\.5\.title"/);
    assert.equal(await count(), before);
  });

  it('a bad post re-renders the form (400) naming each field and keeping what was typed', async () => {
    const before = await count();
    const bad = await postPageForm(world, 'editor', '/strategic-plans', {
      ...planFields,
      title: ' ',
      fiscalYearFrom: '2009',
      fiscalYearTo: '2005',
      'goals.0.activities.0.programIds': '12, abc',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body).split('\n'), [
      'Title: must not be empty',
      'From fiscal year: must not be after fiscalYearTo, the last year of the plan',
      'Goal 1: title: must not be empty',
      'Goal 1, activity 1: what will be done: must not be empty',
      'Goal 1, activity 1: linked program numbers: “abc” is not a program number such as 1234',
    ]);
    assert.match(bad.body, /name="goals\.0\.activities\.0\.programIds" type="text" value="12, abc"/);
    assert.match(bad.body, /<a href="#field-goals-0-activities-0-programIds">/);

    const noGoal = await postPageForm(world, 'editor', '/strategic-plans', { ...planFields, fiscalYearTo: 'next year' });
    assert.deepEqual(errorSummary(noGoal.body).split('\n'), [
      'To fiscal year: “next year” is not a fiscal year such as 2005',
      'Goals: a plan needs at least one goal',
    ]);
    assert.match(noGoal.body, /id="field-goals"/);

    // A program that does not exist and one the editor may not see get the same answer.
    for (const programId of [987_654, otherAgencySecret]) {
      const unknown = await postPageForm(world, 'editor', '/strategic-plans', {
        ...planFields,
        'goals.0.title': 'G',
        'goals.0.activities.0.title': 'A',
        'goals.0.activities.0.programIds': String(programId),
      });
      assert.equal(unknown.statusCode, 400);
      assert.equal(errorSummary(unknown.body), `Goal 1, activity 1: linked program numbers: program ${programId} does not exist`);
    }
    assert.equal(await count(), before);
  });

  it("refuses a post without the form token, or for another agency's plan, writing nothing", async () => {
    const before = await count();
    const fields = { ...planFields, 'goals.0.title': 'G' };
    const missing = await postPageForm(world, 'editor', '/strategic-plans', fields, false);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /did not come from ctip/);
    const otherAgency = await postPageForm(world, 'dolEditor', '/strategic-plans', fields);
    assert.equal(otherAgency.statusCode, 403);
    assert.match(otherAgency.body, /Not allowed/);
    assert.equal((await postPageForm(world, 'coordinator', '/strategic-plans', fields)).statusCode, 403);
    assert.equal((await postPageForm(world, 'public', '/strategic-plans', fields)).statusCode, 401);
    assert.equal(await count(), before);
  });

  it('escapes hostile text on the plan page, the list and a re-rendered form', async () => {
    const hostile = '<script>alert(1)</script>';
    const response = await postPageForm(world, 'editor', '/strategic-plans', {
      ...planFields,
      title: hostile,
      'goals.0.title': hostile,
      'goals.0.activities.0.title': hostile,
    });
    assert.equal(response.statusCode, 303, response.body);
    const refused = await postPageForm(world, 'editor', '/strategic-plans', {
      ...planFields,
      fiscalYearFrom: hostile,
      'goals.0.title': hostile,
    });
    for (const page of [
      await getAs(world, 'public', String(response.headers.location)),
      await getAs(world, 'public', '/strategic-plans'),
      refused,
    ]) {
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    }
    assert.equal((await getAs(world, 'public', '/strategic-plans/424242')).statusCode, 404);
  });
});
