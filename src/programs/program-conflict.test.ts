import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertPageBasics, describePortal } from '../testing/portal-fixture.ts';
import { formFields, newProgramFields, postForm, signedInUser, withField, type Session } from '../testing/program-form.ts';

describePortal('program form: conflicts, similar programs, delete, hostile text', (context) => {
  let alice: Session;
  let bob: Session;

  before(async () => {
    alice = await signedInUser(context.db, { email: 'alice@example.org', name: 'Alice', role: 'agency_editor', agencyId: 'state-tip' });
    bob = await signedInUser(context.db, { email: 'bob@example.org', name: 'Bob', role: 'admin' });
  });

  async function createProgram(title: string): Promise<number> {
    const response = await postForm(context.app, '/programs/new', alice, [['_csrf', alice.csrfToken], ...newProgramFields({ title })]);
    assert.equal(response.statusCode, 303);
    return Number(/\/programs\/(\d+)/.exec(String(response.headers.location))![1]);
  }

  async function openEditForm(id: number, session: Session): Promise<[string, string][]> {
    const response = await context.app.inject({ url: `/programs/${id}/edit`, cookies: session.cookies });
    assert.equal(response.statusCode, 200);
    return formFields(response.body, `/programs/${id}/edit`);
  }

  async function titleOf(id: number): Promise<{ title: string; version: number }> {
    return (await context.app.inject({ url: `/api/programs/${id}`, cookies: bob.cookies })).json();
  }

  test('two writers: the stale save is refused with the differences, nothing is overwritten, saving again is deliberate', async () => {
    const id = await createProgram('Shared program');
    const aliceForm = await openEditForm(id, alice);
    const bobForm = await openEditForm(id, bob);
    const aliceSaved = await postForm(context.app, `/programs/${id}/edit`, alice, withField(aliceForm, 'title', 'Alice’s title'));
    assert.equal(aliceSaved.statusCode, 303);

    const bobFields = withField(withField(bobForm, 'title', 'Bob’s title'), 'obligations.0.amount', '2,000.00');
    const refused = await postForm(context.app, `/programs/${id}/edit`, bob, bobFields);
    assert.equal(refused.statusCode, 409);
    assertPageBasics(refused.body, assert);
    assert.match(refused.body, /Someone else changed this program since you opened it \(version 1 → 2\)/);
    assert.match(refused.body, /The last change was made by alice@example\.org/);
    const table = /<table[\s\S]*?<\/table>/.exec(refused.body.slice(refused.body.indexOf('id="conflict"')))![0];
    assert.match(table, /<th scope="row">Title<\/th><td>Bob’s title<\/td><td>Alice’s title<\/td>/);
    assert.match(table, /<th scope="row">Obligations<\/th><td>FY2025: \$2,000\.00; FY2026: not known/);
    assert.doesNotMatch(table, /Implementing partners|Places|Pillars/, 'fields that agree are not listed');
    assert.match(refused.body, /name="version" value="2"/, 'the form now carries the current version');
    assert.match(refused.body, /value="Bob’s title"/, 'the form keeps what Bob typed');
    assert.deepEqual([(await titleOf(id)).title, (await titleOf(id)).version], ['Alice’s title', 2], 'nothing was overwritten');

    const again = await postForm(context.app, `/programs/${id}/edit`, bob, formFields(refused.body, `/programs/${id}/edit`));
    assert.equal(again.statusCode, 303, 'saving the refreshed form again is a deliberate overwrite');
    assert.deepEqual([(await titleOf(id)).title, (await titleOf(id)).version], ['Bob’s title', 3]);
  });

  test('a validation error keeps the version the writer opened, so a later save still detects the conflict', async () => {
    const id = await createProgram('Program with an error first');
    const form = await openEditForm(id, alice);
    const withError = await postForm(context.app, `/programs/${id}/edit`, alice, withField(form, 'obligations.0.amount', 'lots'));
    assert.equal(withError.statusCode, 400);
    await postForm(context.app, `/programs/${id}/edit`, bob, withField(await openEditForm(id, bob), 'title', 'Changed meanwhile'));
    const fixed = withField(formFields(withError.body, `/programs/${id}/edit`), 'obligations.0.amount', '10');
    assert.equal((await postForm(context.app, `/programs/${id}/edit`, alice, fixed)).statusCode, 409);
  });

  test('"Check for similar programs" lists a known similar program with its reasons, and saves nothing', async () => {
    const known = (await context.app.inject('/api/programs?country=AFG&fiscalYear=2003')).json().items[0] as { id: number; title: string };
    const before = (await context.app.inject({ url: '/api/programs?limit=1', cookies: alice.cookies })).json().total;
    const draft = newProgramFields({
      title: 'Counter-trafficking assistance in Afghanistan',
      'partners.0.name': 'IOM',
      'places.0.country': 'AFG',
      'places.0.share': '',
      'obligations.0.fiscalYear': '2003',
      'obligations.0.amount': '330,568',
      'obligations.1.fiscalYear': '',
      'obligations.1.note': '',
    });
    const response = await postForm(context.app, '/programs/new', alice, [['_csrf', alice.csrfToken], ...draft, ['action', 'check']]);
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.match(response.body, /similar programs? already funded/);
    assert.match(response.body, new RegExp(`<a href="/programs/${known.id}">`));
    assert.match(response.body, /similarity \d+%/);
    assert.match(response.body, /<li>same country: Afghanistan<\/li>/);
    assert.match(response.body, /<li>same period: FY2003<\/li>/);
    assert.match(response.body, /<li>same amount: \$330,568\.00<\/li>/);
    assert.match(response.body, /Nothing was saved/);
    assert.match(response.body, /value="Counter-trafficking assistance in Afghanistan"/);
    assert.equal((await context.app.inject({ url: '/api/programs?limit=1', cookies: alice.cookies })).json().total, before);
  });

  test('a program of another agency is flagged "Funded by another agency"', async () => {
    const draft = newProgramFields({
      fundingAgencyId: 'dol-ilab',
      title: 'Counter-trafficking assistance in Afghanistan',
      'partners.0.name': 'IOM',
      'places.0.country': 'AFG',
      'obligations.0.fiscalYear': '2003',
    });
    const response = await postForm(context.app, '/programs/new', bob, [['_csrf', bob.csrfToken], ...draft, ['action', 'check']]);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<span class="usa-tag">Funded by another agency<\/span>/);
  });

  test('delete: a confirmation page, then the program is gone and its history names the web and the person', async () => {
    const id = await createProgram('Program to delete');
    const confirm = await context.app.inject({ url: `/programs/${id}/delete`, cookies: alice.cookies });
    assert.equal(confirm.statusCode, 200);
    assertPageBasics(confirm.body, assert);
    const fields = formFields(confirm.body, `/programs/${id}/delete`);
    assert.deepEqual(
      fields.map(([name]) => name),
      ['_csrf', 'version'],
    );
    const deleted = await postForm(context.app, `/programs/${id}/delete`, alice, fields);
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, `/programs?deleted=${id}`);
    assert.match(
      (await context.app.inject({ url: String(deleted.headers.location), cookies: alice.cookies })).body,
      new RegExp(`Program ${id} was deleted`),
    );
    assert.equal((await context.app.inject({ url: `/programs/${id}`, cookies: alice.cookies })).statusCode, 404);
    const history = (await context.app.inject({ url: `/api/programs/${id}/history`, cookies: bob.cookies })).json() as {
      action: string;
      door: string;
      actor: string;
    }[];
    assert.deepEqual(history.at(-1) && [history.at(-1)!.action, history.at(-1)!.door, history.at(-1)!.actor], [
      'delete',
      'web',
      'alice@example.org',
    ]);
  });

  test('a stale delete is refused and says so', async () => {
    const id = await createProgram('Program changed before delete');
    const fields = formFields(
      (await context.app.inject({ url: `/programs/${id}/delete`, cookies: alice.cookies })).body,
      `/programs/${id}/delete`,
    );
    await postForm(context.app, `/programs/${id}/edit`, bob, withField(await openEditForm(id, bob), 'title', 'Changed before delete'));
    const refused = await postForm(context.app, `/programs/${id}/delete`, alice, fields);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /version 1 → 2/);
    assert.match(refused.body, /name="version" value="2"/);
    assert.equal((await titleOf(id)).title, 'Changed before delete');
  });

  test('hostile text typed into the form is shown back as text', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const response = await postForm(context.app, '/programs/new', alice, [
      ['_csrf', alice.csrfToken],
      ...newProgramFields({
        title: hostile,
        description: `</textarea>${hostile}`,
        'partners.1.name': hostile,
        'obligations.0.amount': hostile,
        'obligations.0.note': hostile,
      }),
    ]);
    assert.equal(response.statusCode, 400);
    assert.doesNotMatch(response.body, /<script>alert|<img src=x/);
    assert.ok(
      response.body.includes('value="&lt;script>alert(1)&lt;/script>&quot;>&lt;img src=x onerror=alert(2)>"'),
      'the title is kept, escaped',
    );
    assert.match(response.body, /no organization named “&lt;script/);
    assert.equal(
      (await context.app.inject({ url: `/programs/${context.fixture.hostileId}/edit`, cookies: alice.cookies })).body.includes(
        '<script>alert',
      ),
      false,
    );
  });
});
