import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createProgram } from '../programs/program.service.ts';
import { buildProgramInput, insertTestOrganization, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildRoleWorld, injectAs, type RoleKey, type RoleWorld } from '../testing/role-fixtures.ts';

// Found by the attack run: a DOL editor naming, in a write, an organization only a restricted
// State program names got 201 with the hidden name, and the organization became visible; the
// public overlap check told hidden ids (200) from missing ones (400). An id the writer may not
// see must answer exactly like an id that does not exist.

const hiddenName = 'Quiethollow Survivors Trust';
const missingId = 1_999_999_999;

/** The body with the id replaced, so a hidden and a missing id can be compared byte for byte. */
const withoutId = (body: string, id: number) => body.replaceAll(String(id), 'ID');

describeEachDatabase('a partner hidden from the writer answers like one that does not exist', {}, (database) => {
  let world: RoleWorld;
  let app: FastifyInstance;
  let hiddenId = 0;
  let ownProgramId = 0;
  before(async () => {
    world = await buildRoleWorld(database.db);
    app = world.app;
    hiddenId = await insertTestOrganization({ db: database.db, name: hiddenName });
    await createProgram({
      db: database.db,
      actor: testActor,
      input: buildProgramInput({
        title: 'Pre-decisional award',
        visibility: 'restricted',
        status: 'proposed',
        partners: [{ organizationId: hiddenId, role: 'prime' }],
      }),
    });
    const own = await injectAs(app, world.credentials.dolEditor, {
      method: 'POST',
      url: '/api/programs',
      payload: buildProgramInput({ title: 'ILAB child labour program', fundingAgencyId: 'dol-ilab' }),
    });
    assert.equal(own.statusCode, 201, own.body);
    ownProgramId = own.json().id;
  });
  after(async () => {
    await app?.close();
  });

  const asDol = (method: 'POST' | 'PUT', url: string, organizationId: number) =>
    injectAs(app, world.credentials.dolEditor, {
      method,
      url,
      headers: method === 'PUT' ? { 'if-match': '"v1"' } : {},
      payload: buildProgramInput({
        title: 'ILAB child labour program',
        fundingAgencyId: 'dol-ilab',
        partners: [{ organizationId, role: 'prime' }],
      }),
    });

  for (const [method, url] of [
    ['POST', '/api/programs'],
    ['PUT', '/api/programs/OWN'],
  ] as const) {
    test(`${method} ${url} naming the hidden partner: 400 like a missing id, no name echoed, nothing written`, async () => {
      const target = url.replace('OWN', String(ownProgramId));
      const hidden = await asDol(method, target, hiddenId);
      const missing = await asDol(method, target, missingId);
      assert.equal(hidden.statusCode, 400, hidden.body);
      assert.ok(!hidden.body.includes(hiddenName), 'the hidden name is not echoed');
      assert.equal(withoutId(hidden.body, hiddenId), withoutId(missing.body, missingId));
      const organization = await injectAs(app, world.credentials.dolEditor, { url: `/api/organizations/${hiddenId}` });
      assert.equal(organization.statusCode, 404, 'the organization stays hidden');
      const program = await injectAs(app, world.credentials.dolEditor, { url: `/api/programs/${ownProgramId}` });
      assert.equal(program.json().version, 1, 'the update wrote nothing');
    });
  }

  for (const role of ['public', 'ngo', 'dolEditor'] as RoleKey[]) {
    test(`as ${role}: the overlap check answers a hidden id like a missing one`, async () => {
      const check = (organizationId: number) =>
        injectAs(app, world.credentials[role], {
          method: 'POST',
          url: '/api/coordination/check',
          payload: buildProgramInput({ partners: [{ organizationId, role: 'prime' }] }),
        });
      const hidden = await check(hiddenId);
      const missing = await check(missingId);
      assert.equal(hidden.statusCode, 400, hidden.body);
      assert.equal(withoutId(hidden.body, hiddenId), withoutId(missing.body, missingId));
    });
  }

  test('the writers who may see the partner still name it', async () => {
    const editor = await injectAs(app, world.credentials.editor, {
      method: 'POST',
      url: '/api/programs',
      payload: buildProgramInput({
        title: 'State follow-on award',
        visibility: 'restricted',
        partners: [{ organizationId: hiddenId, role: 'prime' }],
      }),
    });
    assert.equal(editor.statusCode, 201, editor.body);
    assert.equal(editor.json().partners[0].name, hiddenName);
    const check = await injectAs(app, world.credentials.coordinator, {
      method: 'POST',
      url: '/api/coordination/check',
      payload: buildProgramInput({ partners: [{ organizationId: hiddenId, role: 'prime' }] }),
    });
    assert.equal(check.statusCode, 200, check.body);
  });
});
