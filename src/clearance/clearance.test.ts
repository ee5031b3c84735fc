import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listAuditTrail } from '../accounts/audit.service.ts';
import { buildRoleWorld, injectAs, signInAs, testPassword, type Credentials, type RoleWorld } from '../testing/role-fixtures.ts';
import { createUser } from '../accounts/users.service.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { createProposal } from './testing/clearance-fixtures.ts';
import { systemViewer } from '../shared/actor.ts';

const base = '/api/coordination/clearances';

describeEachDatabase('clearance workflow', {}, (database) => {
  let world: RoleWorld;
  let prm: Credentials; // State PRM: not a SPOG member
  let hhs: Credentials; // HHS viewer: a SPOG member
  before(async () => {
    world = await buildRoleWorld(database.db);
    for (const [email, agencyId] of [
      ['prm@example.org', 'state-prm'],
      ['hhs@example.org', 'hhs'],
    ] as const) {
      await createUser({
        db: database.db,
        input: { email, name: agencyId, role: 'agency_viewer', agencyId },
        password: testPassword,
        actor: testActor,
      });
    }
    prm = await signInAs(database.db, 'prm@example.org');
    hhs = await signInAs(database.db, 'hhs@example.org');
  });
  after(() => world?.app.close());

  const as = (credentials: Credentials, method: 'GET' | 'POST', url: string, payload?: object) =>
    injectAs(world.app, credentials, { method, url, ...(payload ? { payload } : {}) });
  const c = () => world.credentials;

  test('proposal → circulate → concurrence and objection → reply → clear, every step on record', async () => {
    const programId = await createProposal(database.db, 'Reintegration proposal');
    const otherProposal = await createProposal(database.db, 'Unrelated proposal');
    assert.equal((await as(c().dolEditor, 'GET', `/api/programs/${programId}`)).statusCode, 404, 'hidden before circulation');

    const submitted = await as(c().editor, 'POST', base, { programId, dueDate: '2999-01-31' });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const review = submitted.json();
    assert.deepEqual(
      review.circulatedTo.map((entry: { agencyId: string }) => entry.agencyId),
      ['dci', 'dhs', 'doj', 'dol', 'hhs', 'omb', 'usaid'],
    );
    assert.equal(review.status, 'circulating');
    assert.equal((await as(c().editor, 'GET', `/api/programs/${programId}`)).json().status, 'under_review');

    // Reviewers see that proposal, and no other restricted program; the public and others see nothing.
    assert.equal((await as(c().dolEditor, 'GET', `/api/programs/${programId}`)).statusCode, 200);
    assert.equal((await as(c().dolEditor, 'GET', `/api/programs/${programId}/history`)).statusCode, 200);
    assert.equal((await as(c().dolEditor, 'GET', `/api/programs/${otherProposal}`)).statusCode, 404);
    const listed = (await as(c().dolEditor, 'GET', '/api/programs?status=under_review,proposed&limit=200'))
      .json()
      .items.map((item: { id: number }) => item.id);
    assert.ok(listed.includes(programId) && !listed.includes(otherProposal));
    for (const outsider of [c().public, c().ngo, prm]) {
      assert.equal((await as(outsider, 'GET', `/api/programs/${programId}`)).statusCode, 404);
      assert.equal((await as(outsider, 'GET', `${base}/${review.id}`)).statusCode, 404);
      const search = await as(outsider, 'GET', '/api/programs?q=Reintegration%20proposal');
      assert.ok(!search.body.includes('Reintegration proposal'));
    }

    // An agency outside the SPOG cannot respond; the proposer replies rather than responds.
    assert.equal((await as(prm, 'POST', `${base}/${review.id}/responses`, { kind: 'objection', text: 'No' })).statusCode, 404);
    assert.equal((await as(c().editor, 'POST', `${base}/${review.id}/responses`, { kind: 'concurrence', text: 'Mine' })).statusCode, 403);
    const badKind = await as(hhs, 'POST', `${base}/${review.id}/responses`, { kind: 'veto', text: 'x' });
    assert.equal(badKind.statusCode, 400);
    assert.equal(typeof badKind.json().error.code, 'string');

    const concur = await as(c().dolEditor, 'POST', `${base}/${review.id}/responses`, {
      kind: 'concurrence',
      text: 'Labor concurs; no ILAB overlap.',
    });
    assert.equal(concur.statusCode, 201, concur.body);
    const object = await as(hhs, 'POST', `${base}/${review.id}/responses`, { kind: 'objection', text: 'Overlaps our ORR shelter grant.' });
    assert.equal(object.statusCode, 201, object.body);
    assert.deepEqual(
      object.json().circulatedTo.filter((entry: { position: string | null }) => entry.position),
      [
        { agencyId: 'dol', position: 'concurrence' },
        { agencyId: 'hhs', position: 'objection' },
      ],
    );
    const queue = (await as(hhs, 'GET', '/api/coordination/queue')).json().items;
    assert.ok(
      queue.some(
        (item: { reviewId: number; agencyId: string; responded: boolean }) =>
          item.reviewId === review.id && item.agencyId === 'hhs' && item.responded,
      ),
    );

    assert.equal((await as(c().dolEditor, 'POST', `${base}/${review.id}/replies`, { text: 'Not mine' })).statusCode, 403);
    const replied = await as(c().editor, 'POST', `${base}/${review.id}/replies`, {
      text: 'The ORR grant serves domestic victims; this one abroad.',
    });
    assert.equal(replied.statusCode, 201, replied.body);

    assert.equal(
      (await as(c().editor, 'POST', `${base}/${review.id}/decision`, { decision: 'clear', reasons: 'Self-clearing' })).statusCode,
      403,
    );
    assert.equal(
      (await as(c().coordinator, 'POST', `${base}/${review.id}/decision`, { decision: 'clear', reasons: '  ' })).statusCode,
      400,
    );
    const cleared = await as(c().coordinator, 'POST', `${base}/${review.id}/decision`, {
      decision: 'clear',
      reasons: 'Objection answered: different beneficiaries.',
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().decision.outcome, 'cleared');
    const program = (await as(c().editor, 'GET', `/api/programs/${programId}`)).json();
    assert.equal(program.status, 'active');
    assert.equal(program.visibility, 'restricted');
    assert.equal((await as(c().dolEditor, 'GET', `/api/programs/${programId}`)).statusCode, 404, 'reviewers lose sight once decided');
    assert.equal(
      (await as(c().coordinator, 'POST', `${base}/${review.id}/decision`, { decision: 'return', reasons: 'Again' })).statusCode,
      409,
    );

    const trail = await listAuditTrail({
      db: database.db,
      viewer: systemViewer,
      entityType: 'clearance_review',
      entityId: String(review.id),
    });
    assert.deepEqual(trail.map((entry) => entry.action).reverse(), [
      'clearance.circulate',
      'clearance.respond',
      'clearance.respond',
      'clearance.reply',
      'clearance.clear',
    ]);
    assert.deepEqual(trail.map((entry) => entry.actor).reverse(), [
      'editor@example.org',
      'ilab@example.org',
      'hhs@example.org',
      'editor@example.org',
      'spog@example.org',
    ]);
    const history = (await as(c().editor, 'GET', `/api/programs/${programId}/history`)).json();
    assert.deepEqual(
      history.map((entry: { after: { status: string } }) => entry.after.status),
      ['proposed', 'under_review', 'active'],
    );

    const dolNotes = (await as(c().dolEditor, 'GET', '/api/notifications')).json().items.map((item: { message: string }) => item.message);
    assert.ok(dolNotes.some((message: string) => message.includes('awaits your agency')));
    assert.ok(dolNotes.some((message: string) => message.includes('cleared')));
    const tipNotes = (await as(c().editor, 'GET', '/api/notifications')).json().items.map((item: { message: string }) => item.message);
    assert.ok(tipNotes.some((message: string) => message.includes('hhs recorded a objection')));
    const prmNotes = (await as(prm, 'GET', '/api/notifications')).json().items;
    assert.equal(prmNotes.length, 0);
  });

  test('a returned proposal goes back to proposed and can be circulated again', async () => {
    const programId = await createProposal(database.db);
    const review = (await as(c().editor, 'POST', base, { programId })).json();
    const returned = await as(c().coordinator, 'POST', `${base}/${review.id}/decision`, {
      decision: 'return',
      reasons: 'Duplicates a USAID award.',
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.deepEqual(returned.json().decision.reasons, 'Duplicates a USAID award.');
    assert.equal((await as(c().editor, 'GET', `/api/programs/${programId}`)).json().status, 'proposed');
    assert.equal((await as(c().dolEditor, 'POST', `${base}/${review.id}/responses`, { kind: 'comment', text: 'Late' })).statusCode, 404);
    const trail = await listAuditTrail({
      db: database.db,
      viewer: systemViewer,
      entityType: 'clearance_review',
      entityId: String(review.id),
    });
    assert.deepEqual(trail.map((entry) => entry.action).reverse(), ['clearance.circulate', 'clearance.return']);
    assert.equal((await as(c().editor, 'POST', base, { programId })).statusCode, 201);
  });

  test('bad submissions: not a proposal, public, past due date, someone else’s, unknown fields', async () => {
    const programId = await createProposal(database.db);
    const cases: [Credentials, object, number][] = [
      [c().editor, { programId, dueDate: '2001-01-01' }, 400],
      [c().editor, { programId, dueDate: '31/01/2999' }, 400],
      [c().editor, { programId, extra: true }, 400],
      [c().editor, { programId: 'x' }, 400],
      [c().dolEditor, { programId }, 404],
      [c().viewer, { programId }, 403],
      [c().editor, { programId: 2_000_000_000 }, 404],
    ];
    for (const [credentials, payload, status] of cases) {
      const response = await as(credentials, 'POST', base, payload);
      assert.equal(response.statusCode, status, `${JSON.stringify(payload)}: ${response.body}`);
      assert.equal(typeof response.json().error.message, 'string');
    }
    const active = await as(c().editor, 'POST', '/api/programs', buildProgramInput({ title: 'Active one', visibility: 'restricted' }));
    assert.equal((await as(c().editor, 'POST', base, { programId: active.json().id })).statusCode, 409);
    const open = await as(
      c().editor,
      'POST',
      '/api/programs',
      buildProgramInput({ title: 'Public proposal', status: 'proposed', visibility: 'public' }),
    );
    assert.equal((await as(c().editor, 'POST', base, { programId: open.json().id })).statusCode, 409, 'a proposal must be restricted');
    assert.equal((await as(c().editor, 'POST', base, { programId })).statusCode, 201);
    assert.equal((await as(c().editor, 'POST', base, { programId })).statusCode, 409, 'already under review');
  });
});
