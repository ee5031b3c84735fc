import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildRoleWorld, roleKeys, type RoleWorld } from '../testing/role-fixtures.ts';
import { hiddenValue } from '../testing/web-session.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { getRecommendation, listRecommendations } from './recommendations.service.ts';
import { errorSummary, getAs, postPageForm } from '../testing/page-forms.ts';

const hostile = '<script>alert(1)</script>';

describeEachDatabase('recommendation forms', {}, (database) => {
  let world: RoleWorld;
  before(async () => {
    world = await buildRoleWorld(database.db);
  });
  after(() => world?.app.close());

  const count = async () => (await listRecommendations({ db: database.db })).length;
  const idOf = (location: unknown) => Number(/^\/recommendations\/(\d+)\?done=(?:created|responded)$/.exec(String(location))?.[1]);

  async function created(text: string): Promise<number> {
    const response = await postPageForm(world, 'coordinator', '/recommendations', { fiscalYear: '2005', ownerAgencyId: 'doj', text });
    assert.equal(response.statusCode, 303, response.body);
    return idOf(response.headers.location);
  }

  it('shows the "New recommendation" link and form only to coordinators and administrators', async () => {
    for (const role of roleKeys) {
      const list = await getAs(world, role, '/recommendations');
      assert.equal(list.body.includes('href="/recommendations/new"'), role === 'coordinator' || role === 'admin', role);
    }
    const form = await getAs(world, 'coordinator', '/recommendations/new');
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['cache-control'], 'no-store');
    assert.match(form.body, /<form method="post" action="\/recommendations"/);
    assert.equal(hiddenValue(form.body, '_csrf'), world.credentials.coordinator.csrfToken);
    assert.match(form.body, /<option value="dol-ilab">/);
    const anonymous = await getAs(world, 'public', '/recommendations/new');
    assert.equal(anonymous.statusCode, 401);
    assert.match(anonymous.body, /Sign in to continue/);
    for (const role of ['editor', 'viewer', 'ngo', 'readToken'] as const) {
      const refused = await getAs(world, role, '/recommendations/new');
      assert.equal(refused.statusCode, 403, role);
      assert.match(refused.body, /Not allowed/);
      assert.doesNotMatch(refused.body, /name="fiscalYear"/);
    }
  });

  it('a good post records the recommendation and shows it on its own page', async () => {
    const response = await postPageForm(world, 'admin', '/recommendations', {
      fiscalYear: 'FY2005',
      ownerAgencyId: 'dol-ilab',
      text: 'Publish indicators for every grant.',
    });
    assert.equal(response.statusCode, 303, response.body);
    const saved = await getRecommendation({ db: database.db, id: idOf(response.headers.location) });
    assert.deepEqual(
      [saved.fiscalYear, saved.ownerAgency.id, saved.text, saved.status, saved.createdBy],
      [2005, 'dol-ilab', 'Publish indicators for every grant.', 'open', 'admin@example.org'],
    );
    const page = await getAs(world, 'public', String(response.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The recommendation was recorded/);
    assert.match(page.body, /Publish indicators for every grant\./);
    assert.doesNotMatch(page.body, /Record a response/, 'the public gets no response form');
  });

  it('a bad post re-renders the form (400) naming each field and keeping what was typed', async () => {
    const before = await count();
    const empty = await postPageForm(world, 'coordinator', '/recommendations', { fiscalYear: 'soon', ownerAgencyId: '', text: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.headers['cache-control'], 'no-store');
    assert.deepEqual(errorSummary(empty.body).split('\n'), [
      'Fiscal year: “soon” is not a fiscal year such as 2005',
      'Owner agency: must not be empty',
      'Recommendation: must not be empty',
    ]);
    assert.match(empty.body, /name="fiscalYear" type="text" value="soon"/);
    assert.match(empty.body, /<a href="#field-fiscalYear">/);
    assert.match(empty.body, /id="field-fiscalYear"[^>]*aria-invalid="true"/);

    const unknown = await postPageForm(world, 'coordinator', '/recommendations', {
      fiscalYear: '2005',
      ownerAgencyId: 'nope',
      text: 'Kept text',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(errorSummary(unknown.body), /Owner agency: unknown agency 'nope'/);
    assert.match(unknown.body, />Kept text<\/textarea>/);
    const range = await postPageForm(world, 'coordinator', '/recommendations', { fiscalYear: '1800', ownerAgencyId: 'doj', text: 'x' });
    assert.match(errorSummary(range.body), /Fiscal year: must be 1990 or later/);
    assert.equal(await count(), before);
  });

  it('refuses a post without the form token, or from a role the policy refuses, writing nothing', async () => {
    const before = await count();
    const fields = { fiscalYear: '2005', ownerAgencyId: 'doj', text: 'No token' };
    const missing = await postPageForm(world, 'coordinator', '/recommendations', fields, false);
    assert.equal(missing.statusCode, 403);
    assert.match(String(missing.headers['content-type']), /text\/html/);
    assert.match(missing.body, /did not come from ctip/);
    assert.equal((await postPageForm(world, 'coordinator', '/recommendations', fields, 'forged')).statusCode, 403);
    assert.equal((await postPageForm(world, 'editor', '/recommendations', fields)).statusCode, 403);
    assert.equal((await postPageForm(world, 'public', '/recommendations', fields)).statusCode, 401);
    assert.equal(await count(), before);
  });

  it('records a response from the recommendation page; only writers see the form', async () => {
    const id = await created('Count victims assisted.');
    const page = await getAs(world, 'coordinator', `/recommendations/${id}`);
    assert.match(page.body, new RegExp(`<form method="post" action="/recommendations/${id}/responses"`));
    assert.equal(hiddenValue(page.body, '_csrf'), world.credentials.coordinator.csrfToken);
    for (const role of ['public', 'editor', 'viewer'] as const)
      assert.doesNotMatch((await getAs(world, role, `/recommendations/${id}`)).body, /\/responses"/, role);

    const response = await postPageForm(world, 'coordinator', `/recommendations/${id}/responses`, {
      text: 'Indicators drafted.',
      resultingStatus: 'in_progress',
    });
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(response.headers.location, `/recommendations/${id}?done=responded`);
    const saved = await getRecommendation({ db: database.db, id });
    assert.equal(saved.status, 'in_progress');
    assert.deepEqual(
      saved.responses.map((item) => [item.text, item.responder]),
      [['Indicators drafted.', 'spog@example.org']],
    );
    const list = await getAs(world, 'coordinator', '/recommendations');
    assert.match(list.body, new RegExp(`href="/recommendations/${id}#record-response"`));
  });

  it('a bad response re-renders the page (400) naming each field; refusals write nothing', async () => {
    const id = await created('Share grant data across agencies.');
    const bad = await postPageForm(world, 'coordinator', `/recommendations/${id}/responses`, { text: '', resultingStatus: 'finished' });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummary(bad.body);
    assert.match(summary, /What was done: must not be empty/);
    assert.match(summary, /Status after this response: /);
    assert.equal(
      (await postPageForm(world, 'editor', `/recommendations/${id}/responses`, { text: 'x', resultingStatus: 'open' })).statusCode,
      403,
    );
    assert.equal(
      (await postPageForm(world, 'coordinator', `/recommendations/${id}/responses`, { text: 'x', resultingStatus: 'open' }, false))
        .statusCode,
      403,
    );
    assert.equal((await getRecommendation({ db: database.db, id })).responses.length, 0);
    assert.equal(
      (await postPageForm(world, 'coordinator', '/recommendations/424242/responses', { text: 'x', resultingStatus: 'open' })).statusCode,
      404,
    );
    assert.equal((await getAs(world, 'public', '/recommendations/abc')).statusCode, 404);
  });

  it('escapes hostile text everywhere it is shown, re-rendered forms included', async () => {
    const id = await created(hostile);
    await postPageForm(world, 'coordinator', `/recommendations/${id}/responses`, { text: hostile, resultingStatus: 'open' });
    const refused = await postPageForm(world, 'coordinator', '/recommendations', { fiscalYear: hostile, ownerAgencyId: '', text: hostile });
    for (const response of [
      await getAs(world, 'public', `/recommendations/${id}`),
      await getAs(world, 'public', '/recommendations'),
      refused,
    ]) {
      assert.doesNotMatch(response.body, /<script>alert/);
      assert.match(response.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    }
  });
});
