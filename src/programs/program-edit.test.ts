import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertPageBasics, describePortal, headingsOf } from '../testing/portal-fixture.ts';
import { formFields, newProgramFields, postForm, signedInUser, withField, type Session } from '../testing/program-form.ts';

describePortal('program form: create, edit and who may', (context) => {
  let editor: Session;
  let dolEditor: Session;

  before(async () => {
    editor = await signedInUser(context.db, {
      email: 'tip-editor@example.org',
      name: 'TIP editor',
      role: 'agency_editor',
      agencyId: 'state-tip',
    });
    dolEditor = await signedInUser(context.db, {
      email: 'dol-editor@example.org',
      name: 'DOL editor',
      role: 'agency_editor',
      agencyId: 'dol',
    });
  });

  const withCsrf = (session: Session, fields: [string, string][]): [string, string][] => [['_csrf', session.csrfToken], ...fields];

  async function create(session: Session, fields: [string, string][]) {
    return postForm(context.app, '/programs/new', session, withCsrf(session, fields));
  }

  async function apiProgram(id: number, session: Session) {
    const response = await context.app.inject({ url: `/api/programs/${id}`, cookies: session.cookies });
    assert.equal(response.statusCode, 200);
    return response.json();
  }

  test('the public is asked to sign in (401) and sees no edit links', async () => {
    for (const url of [
      '/programs/new',
      `/programs/${context.fixture.hostileId}/edit`,
      `/programs/${context.fixture.restrictedId}/edit`,
      `/programs/${context.fixture.hostileId}/delete`,
    ]) {
      const response = await context.app.inject(url);
      assert.equal(response.statusCode, 401, url);
      assert.match(response.body, new RegExp(`href="/sign-in\\?returnTo=${encodeURIComponent(url).replace(/%2F/g, '%2F')}"`), url);
    }
    assert.equal((await postForm(context.app, '/programs/new', undefined, newProgramFields())).statusCode, 401);
    const page = await context.app.inject(`/programs/${context.fixture.hostileId}`);
    assert.doesNotMatch(page.body, /\/edit"/);
    assert.doesNotMatch((await context.app.inject('/programs')).body, /href="\/programs\/new"/);
  });

  test('an agency editor gets the form: labelled fields, only writable agencies, the form token', async () => {
    const response = await context.app.inject({ url: '/programs/new', cookies: editor.cookies });
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['New program']);
    assert.match(response.body, /<option value="state-tip" selected>/);
    assert.doesNotMatch(response.body, /<option value="dol"/);
    assert.match(response.body, new RegExp(`name="_csrf" value="${editor.csrfToken}"`));
    assert.match(response.body, /<datalist id="organization-names">/);
    assert.match(response.body, /<legend class="usa-legend usa-legend--large">Pillars<\/legend>/);
    assert.match(response.body, /pre-decisional/);
    assert.equal([...response.body.matchAll(/name="partners\.\d+\.name"/g)].length, 3, 'three empty partner rows');
    assert.match((await context.app.inject({ url: '/programs', cookies: editor.cookies })).body, /href="\/programs\/new"/);
  });

  test('create: saved through the services, amounts exact, history names the door and the person', async () => {
    const response = await create(editor, newProgramFields());
    assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
    const location = String(response.headers.location);
    assert.match(location, /^\/programs\/\d+\?saved=1$/);
    const id = Number(/\/programs\/(\d+)/.exec(location)![1]);
    const program = await apiProgram(id, editor);
    assert.equal(program.visibility, 'restricted');
    assert.deepEqual(program.obligations, [
      { fiscalYear: 2025, amountCents: '123456', amountNote: null },
      { fiscalYear: 2026, amountCents: null, amountNote: 'Depends on the appropriation' },
    ]);
    assert.equal(program.partners[0].role, 'prime');
    assert.deepEqual(
      program.places.map((place: { countryCode: string; sharePercent: number }) => [place.countryCode, place.sharePercent]),
      [['NPL', 100]],
    );
    assert.deepEqual([...program.pillars].sort(), ['prevention', 'protection']);
    assert.equal(program.history[0].door, 'web');
    assert.equal(program.history[0].actor, editor.email);
    const page = await context.app.inject({ url: location, cookies: editor.cookies });
    assert.match(page.body, /usa-alert--success/);
    assert.match(page.body, /Saved\. This is version 1/);
    assert.match(page.body, new RegExp(`by ${editor.email} through the web`));
    assert.match(page.body, new RegExp(`href="/programs/${id}/edit"`));
  });

  test('edit: the form shows the record, a change is saved as a new version through the web', async () => {
    const id = Number(
      /\/programs\/(\d+)/.exec(String((await create(editor, newProgramFields({ title: 'Program to edit' }))).headers.location))![1],
    );
    const form = await context.app.inject({ url: `/programs/${id}/edit`, cookies: editor.cookies });
    assert.equal(form.statusCode, 200);
    assertPageBasics(form.body, assert);
    assert.match(form.body, /name="version" value="1"/);
    assert.match(form.body, /value="1,234\.56"/);
    assert.match(form.body, /value="International Organization for Migration"/);
    const fields = withField(formFields(form.body, `/programs/${id}/edit`), 'title', 'Program edited in the browser');
    const saved = await postForm(context.app, `/programs/${id}/edit`, editor, fields);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
    const program = await apiProgram(id, editor);
    assert.equal(program.title, 'Program edited in the browser');
    assert.equal(program.version, 2);
    assert.equal(program.obligations[0].amountCents, '123456', 'an unchanged amount survives the round trip exactly');
    assert.deepEqual(
      program.history.map((entry: { door: string; actor: string }) => [entry.door, entry.actor]),
      [
        ['web', editor.email],
        ['web', editor.email],
      ],
    );
  });

  test('an editor of dol may neither edit a state-tip program (403) nor choose state-tip', async () => {
    const id = context.fixture.hostileId;
    assert.equal((await context.app.inject({ url: `/programs/${id}/edit`, cookies: dolEditor.cookies })).statusCode, 403);
    assert.equal((await context.app.inject({ url: `/programs/${id}/delete`, cookies: dolEditor.cookies })).statusCode, 403);
    const post = await postForm(
      context.app,
      `/programs/${id}/edit`,
      dolEditor,
      withCsrf(dolEditor, [...newProgramFields({ fundingAgencyId: 'dol' }), ['version', '1']]),
    );
    assert.equal(post.statusCode, 403);
    assert.doesNotMatch((await context.app.inject({ url: `/programs/${id}`, cookies: dolEditor.cookies })).body, /\/edit"/);
    const form = await context.app.inject({ url: '/programs/new', cookies: dolEditor.cookies });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="dol" selected>/);
    assert.match(form.body, /<option value="dol-ilab"/);
    assert.doesNotMatch(form.body, /<option value="state-tip"/);
    const refused = await create(dolEditor, newProgramFields({ fundingAgencyId: 'state-tip', title: 'Sneaky dol program' }));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /you may not record programs for this agency/);
    const search = await context.app.inject({ url: '/api/programs?q=Sneaky', cookies: dolEditor.cookies });
    assert.equal(search.json().total, 0);
  });

  test('a coordinator (reads everything, writes nothing) gets 403', async () => {
    const coordinator = await signedInUser(context.db, { email: 'spog@example.org', name: 'SPOG', role: 'coordinator' });
    assert.equal((await context.app.inject({ url: '/programs/new', cookies: coordinator.cookies })).statusCode, 403);
    assert.equal(
      (await context.app.inject({ url: `/programs/${context.fixture.restrictedId}/edit`, cookies: coordinator.cookies })).statusCode,
      403,
    );
  });

  test('a form without the form token is refused (403) and nothing is written', async () => {
    const response = await postForm(context.app, '/programs/new', editor, newProgramFields({ title: 'No token program' }));
    assert.equal(response.statusCode, 403);
    const wrong = await postForm(context.app, '/programs/new', editor, [
      ['_csrf', 'guessed'],
      ...newProgramFields({ title: 'No token program' }),
    ]);
    assert.equal(wrong.statusCode, 403);
    assert.equal((await context.app.inject({ url: '/api/programs?q=token', cookies: editor.cookies })).json().total, 0);
  });

  test('amounts: "12.345" is an inline error on its field, with every typed value kept', async () => {
    const response = await create(editor, newProgramFields({ title: 'Amount check', 'obligations.0.amount': '12.345' }));
    assert.equal(response.statusCode, 400);
    assertPageBasics(response.body, assert);
    assert.match(response.body, /There is 1 problem to fix/);
    assert.match(response.body, /<a href="#field-obligations-0-amount">Obligation 1: amount \(US\$\): “12\.345” has more than two digits/);
    assert.match(response.body, /id="field-obligations-0-amount-error"/);
    // The same input, whatever the order of its attributes: marked in error, keeping what was typed.
    const amountInput = /<input [^>]*id="field-obligations-0-amount"[^>]*>/.exec(response.body)?.[0] ?? '';
    assert.match(amountInput, /^<input class="usa-input usa-input--error"/);
    assert.match(amountInput, /value="12\.345"/);
    assert.match(amountInput, /aria-invalid="true"/);
    assert.match(response.body, /value="Amount check"/);
    assert.match(response.body, /value="Depends on the appropriation"/);
    assert.match(response.body, /<input[^>]*value="protection" checked/);
  });

  test('an unknown partner name is an inline error, and nothing is created', async () => {
    const response = await create(
      editor,
      newProgramFields({ title: 'Unknown partner check', 'partners.1.name': 'Nobody Foundation of Nowhere', 'partners.1.role': 'sub' }),
    );
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /no organization named “Nobody Foundation of Nowhere”; ask an administrator to add it/);
    assert.match(response.body, /value="Nobody Foundation of Nowhere"/);
    assert.match(response.body, /<option value="sub" selected>/);
    assert.match(response.body, /value="International Organization for Migration"/);
    assert.equal((await context.app.inject({ url: '/api/programs?q=Unknown%20partner%20check', cookies: editor.cookies })).json().total, 0);
  });

  test('a partner named only by restricted programs resolves for those who may see them, for nobody else', async () => {
    const secret = { 'partners.0.name': 'Secret Partner Zanzibarian', 'places.0.country': 'NPL' };
    const hidden = await create(dolEditor, newProgramFields({ ...secret, fundingAgencyId: 'dol', title: 'Probe for a secret partner' }));
    assert.equal(hidden.statusCode, 400);
    assert.match(hidden.body, /no organization named “Secret Partner Zanzibarian”/);
    assert.doesNotMatch(hidden.body, /<option value="Secret Partner Zanzibarian"/, 'not offered in the datalist either');
    const form = await context.app.inject({ url: '/programs/new', cookies: editor.cookies });
    assert.match(form.body, /<option value="Secret Partner Zanzibarian"/);
    assert.equal((await create(editor, newProgramFields({ ...secret, title: 'Known secret partner' }))).statusCode, 303);
  });

  test('every other problem lands on its field: dates, years, places, required fields', async () => {
    const response = await create(
      editor,
      newProgramFields({
        title: ' ',
        endDate: '2020-01-01',
        'obligations.0.fiscalYear': 'next year',
        'places.0.region': 'ctip-state-eap',
        'places.1.share': '150',
      }),
    );
    assert.equal(response.statusCode, 400);
    for (const [id, message] of [
      ['field-title', 'must not be empty'],
      ['field-endDate', 'must not be before the start date'],
      ['field-obligations-0-fiscalYear', '“next year” is not a fiscal year'],
      ['field-places-0-country', 'choose a country or a region, not both'],
      ['field-places-1-country', 'choose a country or a region'],
      ['field-places-1-share', '“150” is not a whole percentage'],
    ]) {
      assert.match(response.body, new RegExp(`<span class="usa-error-message" id="${id}-error">${message}`), id);
      assert.match(response.body, new RegExp(`<a href="#${id}">`), `summary links to ${id}`);
    }
  });

  test('"Add more rows" keeps what was typed and shows more empty rows; nothing is saved', async () => {
    const response = await create(editor, [...newProgramFields({ title: 'Rows program' }), ['action', 'add-rows']]);
    assert.equal(response.statusCode, 200);
    assert.equal([...response.body.matchAll(/name="partners\.\d+\.name"/g)].length, 1 + 6);
    assert.match(response.body, /name="emptyRows" value="6"/);
    assert.match(response.body, /value="Rows program"/);
    assert.equal((await context.app.inject({ url: '/api/programs?q=Rows%20program', cookies: editor.cookies })).json().total, 0);
  });
});
