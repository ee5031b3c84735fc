import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildRoleWorld, roleKeys, type RoleWorld } from '../testing/role-fixtures.ts';
import { hiddenValue } from '../testing/web-session.ts';
import { createProgram } from '../programs/program.service.ts';
import { systemViewer } from '../shared/actor.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import type { StrategicPlanInput } from './strategic-plans.schemas.ts';
import { createStrategicPlan, getStrategicPlan, updateStrategicPlan } from './strategic-plans.service.ts';
import { errorSummary, getAs, postPageForm } from '../testing/page-forms.ts';

describeEachDatabase('strategic plan edit form', {}, (database) => {
  let world: RoleWorld;
  let openProgram: number;
  before(async () => {
    world = await buildRoleWorld(database.db);
    openProgram = (await createProgram({ db: database.db, input: buildProgramInput({ title: 'Open shelter program' }), actor: testActor }))
      .id;
  });
  after(() => world?.app.close());

  const planInput = (): StrategicPlanInput => ({
    agencyId: 'state-tip',
    title: 'TIP plan',
    fiscalYearFrom: 2005,
    fiscalYearTo: 2007,
    goals: [
      {
        title: 'Protect victims',
        description: 'Shelter first',
        activities: [{ title: 'Fund shelters', description: 'Three countries', programIds: [openProgram] }],
      },
    ],
  });
  const newPlan = () => createStrategicPlan({ db: database.db, input: planInput(), viewer: systemViewer, actor: testActor });
  const current = (id: number) => getStrategicPlan({ db: database.db, id, viewer: systemViewer });
  /** The fields of the edit form as a browser would post them after changing the title. */
  const editFields = (version: string, title = 'TIP plan, revised') => ({
    version,
    emptyRows: '2',
    action: 'save',
    agencyId: 'state-tip',
    title,
    fiscalYearFrom: '2005',
    fiscalYearTo: '2008',
    'goals.0.title': 'Protect victims',
    'goals.0.description': 'Shelter first',
    'goals.0.activities.0.title': 'Fund shelters',
    'goals.0.activities.0.description': 'Three countries',
    'goals.0.activities.0.programIds': String(openProgram),
    'goals.1.title': 'Prosecute traffickers',
  });

  it('links "Edit this plan" for its agency’s editors and administrators, whose form is pre-filled with the version', async () => {
    const plan = await newPlan();
    const url = `/strategic-plans/${plan.id}`;
    for (const role of roleKeys) {
      const page = await getAs(world, role, url);
      assert.equal(page.body.includes(`href="${url}/edit"`), role === 'editor' || role === 'admin', role);
    }
    const form = await getAs(world, 'editor', `${url}/edit`);
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['cache-control'], 'no-store');
    assert.match(form.body, /<h1>Edit strategic plan<\/h1>/);
    assert.match(form.body, new RegExp(`<form method="post" action="${url}/edit"`));
    assert.equal(hiddenValue(form.body, 'version'), plan.version);
    assert.equal(hiddenValue(form.body, '_csrf'), world.credentials.editor.csrfToken);
    assert.match(form.body, /<option value="state-tip" selected>/);
    assert.match(form.body, /name="title" type="text" value="TIP plan"/);
    assert.match(form.body, /name="fiscalYearTo" type="text" value="2007"/);
    assert.match(form.body, /name="goals\.0\.title" type="text" value="Protect victims"/);
    assert.match(form.body, /name="goals\.0\.description"[^>]*>Shelter first<\/textarea>/);
    assert.match(form.body, new RegExp(`name="goals\\.0\\.activities\\.0\\.programIds" type="text" value="${openProgram}"`));
    assert.ok(/name="goals\.2\.title" type="text" value\/>/.test(form.body), 'empty goal rows after the recorded one');
    assert.match(form.body, /name="goals\.0\.activities\.2\.title"/, 'empty activity rows under it');
    assert.doesNotMatch(form.body, /name="goals\.3\.title"/);

    assert.equal((await getAs(world, 'public', `${url}/edit`)).statusCode, 401);
    for (const role of ['dolEditor', 'coordinator', 'viewer', 'ngo', 'readToken'] as const)
      assert.equal((await getAs(world, role, `${url}/edit`)).statusCode, 403, role);
    assert.equal((await getAs(world, 'editor', '/strategic-plans/987654/edit')).statusCode, 404);
  });

  it('a good post replaces the plan and shows it (303), saying it was updated', async () => {
    const plan = await newPlan();
    const response = await postPageForm(world, 'editor', `/strategic-plans/${plan.id}/edit`, editFields(plan.version));
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(response.headers.location, `/strategic-plans/${plan.id}?done=updated`);
    const saved = await current(plan.id);
    assert.deepEqual(
      [saved.title, saved.fiscalYearTo, saved.goals.map((goal) => goal.title)],
      ['TIP plan, revised', 2008, ['Protect victims', 'Prosecute traffickers']],
    );
    assert.deepEqual(
      saved.goals[0]!.activities[0]!.programs.map((program) => program.id),
      [openProgram],
    );
    const page = await getAs(world, 'editor', String(response.headers.location));
    assert.match(page.body, /The strategic plan was updated/);
    assert.match(page.body, /Prosecute traffickers/);
  });

  it('"Add more rows" and a refused post keep what was typed and the version, saving nothing', async () => {
    const plan = await newPlan();
    const url = `/strategic-plans/${plan.id}/edit`;
    const more = await postPageForm(world, 'editor', url, { ...editFields(plan.version), action: 'add-rows' });
    assert.equal(more.statusCode, 200);
    assert.equal(hiddenValue(more.body, 'emptyRows'), '4');
    assert.equal(hiddenValue(more.body, 'version'), plan.version);
    assert.match(more.body, /name="goals\.1\.title" type="text" value="Prosecute traffickers"/);
    assert.match(more.body, /name="goals\.5\.title"/);

    const bad = await postPageForm(world, 'editor', url, {
      ...editFields(plan.version, ' '),
      fiscalYearFrom: '2009',
      'goals.0.activities.0.programIds': '987654',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body).split('\n'), [
      'Title: must not be empty',
      'From fiscal year: must not be after fiscalYearTo, the last year of the plan',
    ]);
    assert.equal(hiddenValue(bad.body, 'version'), plan.version);
    assert.match(bad.body, /name="fiscalYearFrom" type="text" value="2009"/);
    const unknown = await postPageForm(world, 'editor', url, { ...editFields(plan.version), 'goals.0.activities.0.programIds': '987654' });
    assert.equal(errorSummary(unknown.body), 'Goal 1, activity 1: linked program numbers: program 987654 does not exist');

    const noVersion = await postPageForm(world, 'editor', url, { ...editFields(plan.version), version: '' });
    assert.equal(noVersion.statusCode, 400);
    assert.match(noVersion.body, /does not say which version/);
    assert.deepEqual(await current(plan.id), plan);
  });

  it('a stale form gets the conflict page (409): nothing overwritten, what differs, and the form keeps what was typed', async () => {
    const plan = await newPlan();
    const theirs = await updateStrategicPlan({
      db: database.db,
      id: plan.id,
      input: { ...planInput(), title: 'Their title' },
      expectedVersion: plan.version,
      viewer: systemViewer,
      actor: { name: 'colleague@example.org', door: 'web' },
    });
    const conflict = await postPageForm(world, 'editor', `/strategic-plans/${plan.id}/edit`, editFields(plan.version, 'My title'));
    assert.equal(conflict.statusCode, 409);
    assert.match(conflict.body, /Someone else changed this plan since you opened it/);
    assert.match(conflict.body, /The last change was made by colleague@example\.org/);
    assert.match(conflict.body, /<th scope="row">Title<\/th><td>My title<\/td><td>Their title<\/td>/);
    assert.match(conflict.body, /<th scope="row">Goal 2<\/th><td>Prosecute traffickers<\/td><td>\(none\)<\/td>/);
    assert.doesNotMatch(conflict.body, /<th scope="row">Goal 1<\/th>/, 'goals that are the same are not listed');
    assert.match(conflict.body, /name="title" type="text" value="My title"/);
    assert.equal(hiddenValue(conflict.body, 'version'), theirs.version, 'saving again replaces the current plan on purpose');
    assert.equal((await current(plan.id)).title, 'Their title');

    const again = await postPageForm(
      world,
      'editor',
      `/strategic-plans/${plan.id}/edit`,
      editFields(hiddenValue(conflict.body, 'version')!, 'My title'),
    );
    assert.equal(again.statusCode, 303);
    assert.equal((await current(plan.id)).title, 'My title');
  });

  it('escapes hostile text on the edit form and the conflict page', async () => {
    const hostile = '<script>alert(1)</script>';
    const plan = await createStrategicPlan({
      db: database.db,
      input: {
        ...planInput(),
        title: hostile,
        goals: [{ title: hostile, activities: [{ title: hostile, description: hostile, programIds: [] }] }],
      },
      viewer: systemViewer,
      actor: testActor,
    });
    const form = await getAs(world, 'editor', `/strategic-plans/${plan.id}/edit`);
    await updateStrategicPlan({
      db: database.db,
      id: plan.id,
      input: { ...planInput(), title: `${hostile} 2` },
      expectedVersion: plan.version,
      viewer: systemViewer,
      actor: testActor,
    });
    const conflict = await postPageForm(world, 'editor', `/strategic-plans/${plan.id}/edit`, {
      ...editFields(plan.version, hostile),
      'goals.1.title': hostile,
    });
    assert.equal(conflict.statusCode, 409);
    for (const page of [form, conflict]) {
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    }
  });

  it("refuses a post without the form token, from another agency's editor or the public, writing nothing", async () => {
    const plan = await newPlan();
    const url = `/strategic-plans/${plan.id}/edit`;
    const missing = await postPageForm(world, 'editor', url, editFields(plan.version), false);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /did not come from ctip/);
    assert.equal((await postPageForm(world, 'editor', url, editFields(plan.version), 'not-the-token')).statusCode, 403);
    assert.equal((await postPageForm(world, 'dolEditor', url, editFields(plan.version))).statusCode, 403);
    assert.equal((await postPageForm(world, 'dolEditor', url, { ...editFields(plan.version), agencyId: 'dol-ilab' })).statusCode, 403);
    assert.equal((await postPageForm(world, 'public', url, editFields(plan.version))).statusCode, 401);
    assert.deepEqual(await current(plan.id), plan);
  });
});
