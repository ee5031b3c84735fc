import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createProgram } from './program.service.ts';
import { selectRows } from '../db/select-rows.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { assertPageBasics, describePortal } from '../testing/portal-fixture.ts';
import { newProgramFields, postForm, signedInUser, type Session } from '../testing/program-form.ts';

describePortal('saving a program that overlaps strongly with another agency’s', (context) => {
  let editor: Session;
  let otherId: number;
  let iomId: number;

  before(async () => {
    editor = await signedInUser(context.db, {
      email: 'overlap-editor@example.org',
      name: 'Overlap editor',
      role: 'agency_editor',
      agencyId: 'state-tip',
    });
    const [iom] = await selectRows<{ id: number }>(
      context.db,
      sql`SELECT id FROM organizations WHERE name = 'International Organization for Migration'`,
    );
    iomId = Number(iom!.id);
    // Labor's program: same partner, place and fiscal year as the draft, nearly the same title.
    const other = await createProgram({
      db: context.db,
      input: buildProgramInput({
        title: 'Hotline for survivors of forced labor in Nepal',
        description: 'A national hotline and referral network for survivors.',
        fundingAgencyId: 'dol',
        partners: [{ organizationId: iomId, role: 'prime' }],
        places: [{ countryCode: 'NPL' }],
        obligations: [{ fiscalYear: 2025, amountCents: 5_000_000, amountNote: null }],
      }),
      actor: testActor,
    });
    otherId = other.id;
  });

  const withCsrf = (fields: [string, string][]): [string, string][] => [['_csrf', editor.csrfToken], ...fields];

  test('the web form shows the matches and asks for confirmation; the history keeps it', async () => {
    const held = await postForm(context.app, '/programs/new', editor, withCsrf(newProgramFields()));
    assert.equal(held.statusCode, 409, 'not saved');
    assertPageBasics(held.body, assert);
    assert.match(held.body, new RegExp(`Not saved yet: this program overlaps strongly with #${otherId}`));
    assert.match(held.body, new RegExp(`<a href="/programs/${otherId}">Hotline for survivors of forced labor in Nepal</a>`));
    assert.match(
      held.body,
      new RegExp(`<button class="usa-button usa-button--secondary" type="submit" name="confirmOverlaps" value="${otherId}">`),
    );
    const saveAt = held.body.indexOf('name="action" value="save"');
    assert.ok(
      saveAt > 0 && saveAt < held.body.indexOf('name="confirmOverlaps"'),
      'Enter in a field saves (and is held again), never confirms',
    );
    const count = async () =>
      Number(
        (
          (await context.db.execute(sql`SELECT count(*)::int AS n FROM programs`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]!.n,
      );
    const before = await count();
    const again = await postForm(context.app, '/programs/new', editor, withCsrf([...newProgramFields(), ['action', 'save']]));
    assert.equal(again.statusCode, 409, 'saving again without confirming is held again');
    assert.equal(await count(), before);

    const saved = await postForm(
      context.app,
      '/programs/new',
      editor,
      withCsrf([...newProgramFields(), ['confirmOverlaps', String(otherId)]]),
    );
    assert.equal(saved.statusCode, 303);
    const location = String(saved.headers.location);
    const page = await context.app.inject({ url: location, cookies: editor.cookies });
    assert.match(page.body, new RegExp(`Saved despite overlap with #${otherId}\\.`));
    const id = Number(/\/programs\/(\d+)/.exec(location)![1]);
    const history = (await context.app.inject({ url: `/api/programs/${id}/history`, cookies: editor.cookies })).json();
    assert.deepEqual(history[0].after.overlapConfirmation, { programIds: [otherId] });
  });

  test('a program with no strong overlap saves at once', async () => {
    const fields = newProgramFields({ title: 'Legal aid clinic in Kathmandu', 'places.0.country': 'KEN' });
    const saved = await postForm(context.app, '/programs/new', editor, withCsrf(fields));
    assert.equal(saved.statusCode, 303);
  });

  test('the API refuses with 409 and the matches unless confirmOverlaps names them', async () => {
    const body = buildProgramInput({
      title: 'Hotline for survivors of forced labor in Nepal',
      fundingAgencyId: 'state-tip',
      partners: [{ organizationId: iomId, role: 'prime' }],
      places: [{ countryCode: 'NPL' }],
      obligations: [{ fiscalYear: 2025, amountCents: 1_000_000, amountNote: null }],
    });
    const headers = { 'x-csrf-token': editor.csrfToken };
    const refused = await context.app.inject({ method: 'POST', url: '/api/programs', cookies: editor.cookies, headers, payload: body });
    assert.equal(refused.statusCode, 409);
    const error = refused.json().error;
    assert.equal(error.code, 'CONFLICT');
    assert.match(error.message, new RegExp(`overlaps strongly with #${otherId}.*confirmOverlaps: \\[${otherId}\\]`));
    assert.ok(error.current.overlaps.some((match: { programId: number }) => match.programId === otherId));
    assert.ok(error.current.confirmOverlaps.includes(otherId));
    const created = await context.app.inject({
      method: 'POST',
      url: '/api/programs',
      cookies: editor.cookies,
      headers,
      payload: { ...body, confirmOverlaps: error.current.confirmOverlaps },
    });
    assert.equal(created.statusCode, 201, created.body);
    const program = created.json();
    const history = (await context.app.inject({ url: `/api/programs/${program.id}/history`, cookies: editor.cookies })).json();
    assert.ok(history[0].after.overlapConfirmation.programIds.includes(otherId));

    const update = { ...body, description: 'Changed', version: program.version };
    const put = await context.app.inject({
      method: 'PUT',
      url: `/api/programs/${program.id}`,
      cookies: editor.cookies,
      headers,
      payload: update,
    });
    assert.equal(put.statusCode, 409, 'an update is checked too');
    const confirmed = await context.app.inject({
      method: 'PUT',
      url: `/api/programs/${program.id}`,
      cookies: editor.cookies,
      headers,
      payload: { ...update, confirmOverlaps: [otherId] },
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    const openapi = (await context.app.inject('/openapi.json')).json();
    assert.match(JSON.stringify(openapi.paths['/api/programs'].post), /confirmOverlaps/);
  });
});
