import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createProgram } from '../programs/program.service.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildRoleWorld, injectAs, signInAs, type RoleWorld } from '../testing/role-fixtures.ts';
import { createUser } from './users.service.ts';

describeEachDatabase('two editors write the same program through the API', {}, (database) => {
  let world: RoleWorld;
  before(async () => {
    world = await buildRoleWorld(database.db);
  });
  after(async () => world?.app.close());

  test('both send If-Match of the version they read: one gets 200, the other 412 with the current record', async () => {
    await createUser({
      db: database.db,
      input: { email: 'second@example.org', name: 'Second TIP editor', role: 'agency_editor', agencyId: 'state-tip' },
      password: 'a long enough test password',
      actor: testActor,
    });
    const second = await signInAs(database.db, 'second@example.org');
    const program = await createProgram({ db: database.db, actor: testActor, input: buildProgramInput({ title: 'Shared program' }) });
    const read = await injectAs(world.app, world.credentials.editor, { url: `/api/programs/${program.id}` });
    const etag = read.headers.etag as string;
    const write = (credentials: typeof second, title: string) =>
      injectAs(world.app, credentials, {
        method: 'PUT',
        url: `/api/programs/${program.id}`,
        headers: { 'if-match': etag },
        payload: buildProgramInput({ title }),
      });
    const responses = await Promise.all([write(world.credentials.editor, 'Edited by the first'), write(second, 'Edited by the second')]);
    assert.deepEqual(responses.map((response) => response.statusCode).sort(), [200, 412]);
    const winner = responses.find((response) => response.statusCode === 200)!.json();
    const loser = responses.find((response) => response.statusCode === 412)!.json();
    assert.equal(loser.error.code, 'VERSION_MISMATCH');
    assert.equal(loser.error.current.title, winner.title);
    assert.equal(loser.error.current.version, 2);
    const history = (await injectAs(world.app, world.credentials.editor, { url: `/api/programs/${program.id}/history` })).json();
    assert.equal(Math.max(...history.map((entry: { version: number }) => entry.version)), 2);
    assert.ok(
      history.some((entry: { actor: string }) => ['editor@example.org', 'second@example.org'].includes(entry.actor)),
      'the change has a name on it',
    );
  });
});
