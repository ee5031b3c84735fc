import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildRoleWorld, injectAs, signInAs, testPassword, type Credentials, type RoleWorld } from '../testing/role-fixtures.ts';
import { createUser } from '../accounts/users.service.ts';
import { sessionCookieName } from '../http/request-context.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { createOpenClearance, createProposal } from './testing/clearance-fixtures.ts';

describeEachDatabase('clearance pages', {}, (database) => {
  let world: RoleWorld;
  let prm: Credentials; // State PRM: not a SPOG member, cannot see state-tip's proposals
  before(async () => {
    world = await buildRoleWorld(database.db);
    await createUser({
      db: database.db,
      input: { email: 'prm-pages@example.org', name: 'PRM', role: 'agency_editor', agencyId: 'state-prm' },
      password: testPassword,
      actor: testActor,
    });
    prm = await signInAs(database.db, 'prm-pages@example.org');
  });
  after(() => world?.app.close());

  const c = () => world.credentials;
  const get = (credentials: Credentials, url: string) => injectAs(world.app, credentials, { method: 'GET', url });
  /** A browser's form post: the session's form token travels in the body as `_csrf`, unless left out. */
  const post = (credentials: Credentials, url: string, fields: Record<string, string | string[]>, withToken = true) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
    if (withToken && credentials.csrfToken) body.append('_csrf', credentials.csrfToken);
    return world.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(credentials.bearer ? { authorization: `Bearer ${credentials.bearer}` } : {}),
      },
      ...(credentials.cookie ? { cookies: { [sessionCookieName]: credentials.cookie } } : {}),
      payload: body.toString(),
    });
  };
  const forms = (html: string) => [...html.matchAll(/<form[^>]*action="(\/clearance[^"]*)"/g)].map((match) => match[1]);

  test('the public is asked to sign in; hidden clearances look exactly like missing ones', async () => {
    const { reviewId } = await createOpenClearance(database.db);
    for (const url of ['/clearance', `/clearance/${reviewId}`]) {
      const response = await get(c().public, url);
      assert.equal(response.statusCode, 401, url);
      assert.match(response.body, /Sign in/);
    }
    for (const outsider of [c().ngo, prm]) {
      const hidden = await get(outsider, `/clearance/${reviewId}`);
      const missing = await get(outsider, '/clearance/999999999');
      assert.equal(hidden.statusCode, 404);
      assert.equal(
        hidden.body.replace(`Clearance ${reviewId} `, 'Clearance ID '),
        missing.body.replace('Clearance 999999999 ', 'Clearance ID '),
      );
    }
    assert.equal((await get(c().ngo, '/clearance')).statusCode, 403, 'an NGO manager has no queue');
    assert.equal((await get(c().editor, '/clearance/abc')).statusCode, 404);
  });

  test('the detail page shows each role only the forms the policy allows, none once decided', async () => {
    const { reviewId, programId } = await createOpenClearance(database.db);
    const url = `/clearance/${reviewId}`;
    const expected: [Credentials, string[]][] = [
      [c().dolEditor, [`${url}/responses`]],
      [c().editor, [`${url}/replies`]],
      [c().admin, [`${url}/replies`, `${url}/decision`]],
      [c().coordinator, [`${url}/decision`]],
      [c().viewer, []],
      [c().readToken, []],
    ];
    for (const [credentials, actions] of expected) {
      const page = await get(credentials, url);
      assert.equal(page.statusCode, 200, page.body);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.deepEqual(forms(page.body), actions, credentials.email);
    }
    const page = (await get(c().dolEditor, url)).body;
    assert.match(page, new RegExp(`href="/programs/${programId}"`));
    assert.match(page, /Respond for Department of Labor/);
    assert.match(page, /No response yet/);
    assert.match(page, /name="_csrf" value="[^"]+"/);

    assert.equal((await post(c().coordinator, `${url}/decision`, { decision: 'clear', reasons: 'No overlap found.' })).statusCode, 303);
    for (const credentials of [c().editor, c().coordinator, c().admin])
      assert.deepEqual(forms((await get(credentials, url)).body), [], 'closed: no forms');
    assert.match((await get(c().editor, url)).body, /Cleared<\/strong> by spog@example.org/);
    assert.equal((await get(c().dolEditor, url)).statusCode, 404, 'reviewers lose sight once decided');
  });

  test('respond, reply and decide through the forms: 303 back to the page, everything shown and escaped', async () => {
    const { reviewId, programId } = await createOpenClearance(database.db);
    const url = `/clearance/${reviewId}`;
    const responded = await post(c().dolEditor, `${url}/responses`, {
      kind: 'objection',
      text: '<script>alert("x")</script> Overlaps ILAB',
    });
    assert.equal(responded.statusCode, 303, responded.body);
    assert.equal(responded.headers.location, url);
    const replied = await post(c().editor, `${url}/replies`, { text: 'Different beneficiaries & places.' });
    assert.equal(replied.statusCode, 303, replied.body);
    const page = (await get(c().editor, url)).body;
    assert.ok(!page.includes('<script>alert'), 'hostile text is escaped');
    assert.ok(
      page.includes('&lt;script>alert(&quot;x&quot;)&lt;/script> Overlaps ILAB') || page.includes('&lt;script&gt;'),
      'and shown as text',
    );
    assert.match(page, /Objection from Department of Labor, by ilab@example.org/);
    assert.match(page, /Different beneficiaries &amp; places\./);
    const decided = await post(c().coordinator, `${url}/decision`, { decision: 'return', reasons: 'Answer the objection first.' });
    assert.equal(decided.statusCode, 303);
    assert.match((await get(c().editor, url)).body, /Returned<\/strong>/);
    assert.equal((await injectAs(world.app, c().editor, { url: `/api/programs/${programId}` })).json().status, 'proposed');
  });

  test('a refused form comes back with 400, the field named and what was typed kept', async () => {
    const { reviewId } = await createOpenClearance(database.db);
    const url = `/clearance/${reviewId}`;
    const noKind = await post(c().dolEditor, `${url}/responses`, { text: 'Keep <this> text' });
    assert.equal(noKind.statusCode, 400);
    assert.match(noKind.body, /href="#respond-kind"/);
    assert.match(noKind.body, /Your agency’s position/);
    assert.match(noKind.body, /Keep &lt;this> text<\/textarea>|Keep &lt;this&gt; text<\/textarea>/);
    const noText = await post(c().dolEditor, `${url}/responses`, { kind: 'comment', text: '   ' });
    assert.equal(noText.statusCode, 400);
    assert.match(noText.body, /The response text must not be empty/);
    assert.match(noText.body, /value="comment" checked/);
    const noReasons = await post(c().coordinator, `${url}/decision`, { decision: 'clear', reasons: '' });
    assert.equal(noReasons.statusCode, 400);
    assert.match(noReasons.body, /href="#decide-reasons"/);
    assert.match(noReasons.body, /value="clear" checked/);
    const badDecision = await post(c().coordinator, `${url}/decision`, { decision: 'veto', reasons: 'Because' });
    assert.equal(badDecision.statusCode, 400);
    assert.match(badDecision.body, /Because<\/textarea>/);
    const detail = await injectAs(world.app, c().coordinator, { url: `/api/coordination/clearances/${reviewId}` });
    assert.deepEqual([detail.json().responses.length, detail.json().decision], [0, null], 'nothing recorded');
  });

  test('a second decision gets a 409 page; a post without the form token is refused', async () => {
    const { reviewId } = await createOpenClearance(database.db);
    const url = `/clearance/${reviewId}`;
    const noToken = await post(c().coordinator, `${url}/decision`, { decision: 'clear', reasons: 'Fine' }, false);
    assert.equal(noToken.statusCode, 403);
    assert.match(noToken.headers['content-type'] as string, /text\/html/);
    assert.equal((await injectAs(world.app, c().coordinator, { url: `/api/coordination/clearances/${reviewId}` })).json().decision, null);
    assert.equal((await post(c().coordinator, `${url}/decision`, { decision: 'clear', reasons: 'Fine' })).statusCode, 303);
    const again = await post(c().admin, `${url}/decision`, { decision: 'return', reasons: 'Too late' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already cleared/);
    assert.match(again.body, new RegExp(`href="${url}"`));
    const lateReply = await post(c().editor, `${url}/replies`, { text: 'After the fact' });
    assert.equal(lateReply.statusCode, 409);
  });

  test('circulating from the program page: the form only where allowed, bad dates kept, conflicts explained', async () => {
    const programId = await createProposal(database.db, 'Page proposal');
    const programPage = `/programs/${programId}`;
    assert.match((await get(c().editor, programPage)).body, /<form[^>]*action="\/clearance"/);
    for (const other of [c().viewer, c().coordinator, c().readToken])
      assert.doesNotMatch((await get(other, programPage)).body, /action="\/clearance"/);

    const past = await post(c().editor, '/clearance', { programId: String(programId), dueDate: '2001-01-01' });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /2001-01-01 is before today/);
    assert.match(past.body, /value="2001-01-01"/);
    const malformed = await post(c().editor, '/clearance', { programId: String(programId), dueDate: '31/12/2999' });
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /Use a date as YYYY-MM-DD/);
    assert.equal((await post(c().dolEditor, '/clearance', { programId: String(programId) })).statusCode, 404);
    assert.equal((await post(c().viewer, '/clearance', { programId: String(programId) })).statusCode, 403);

    const circulated = await post(c().editor, '/clearance', { programId: String(programId), dueDate: '2999-06-30' });
    assert.equal(circulated.statusCode, 303, circulated.body);
    assert.match(circulated.headers.location as string, /^\/clearance\/\d+$/);
    assert.match((await get(c().editor, circulated.headers.location as string)).body, /2999-06-30/);
    assert.doesNotMatch((await get(c().editor, programPage)).body, /action="\/clearance"/, 'under review: no second circulation');
    const twice = await post(c().editor, '/clearance', { programId: String(programId) });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /under review/);
  });

  test('the queue lists what awaits each role, marks overdue ones, and notifications can be marked read', async () => {
    const { reviewId } = await createOpenClearance(database.db);
    await database.db.execute(sql`UPDATE clearance_reviews SET due_date = '2000-01-01' WHERE id = ${reviewId}`);
    const row = (html: string) => new RegExp(`href="/clearance/${reviewId}"[^]*?</tr>`).exec(html)?.[0] ?? '';
    const dol = await get(c().dolEditor, '/clearance');
    assert.equal(dol.statusCode, 200);
    assert.equal(dol.headers['cache-control'], 'no-store');
    assert.match(row(dol.body), /Overdue/);
    assert.match(row(dol.body), /response needed/);
    assert.match((await get(c().editor, '/clearance')).body, /Your agency’s proposals under review[^]*?href="\/clearance\//);
    assert.match((await get(c().coordinator, '/clearance')).body, new RegExp(`Awaiting a decision[^]*?href="/clearance/${reviewId}"`));
    assert.match(dol.body, /href="\/clearance"/, 'the header links to the queue');

    assert.match(dol.body, /Unread/);
    assert.match(dol.body, /awaits your agency/);
    const marked = await post(c().dolEditor, '/clearance/notifications/read', {
      ids: [...dol.body.matchAll(/name="ids" value="(\d+)"/g)].map((match) => match[1]!),
    });
    assert.equal(marked.statusCode, 303);
    assert.match(marked.headers.location as string, /^\/clearance\?read=[1-9]\d*$/);
    const after = await get(c().dolEditor, marked.headers.location as string);
    assert.match(after.body, /marked as read/);
    assert.doesNotMatch(after.body, /Mark all as read/);
    const bad = await post(c().dolEditor, '/clearance/notifications/read', { ids: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.equal((await post(c().dolEditor, '/clearance/notifications/read', {}, false)).statusCode, 403);
  });
});
