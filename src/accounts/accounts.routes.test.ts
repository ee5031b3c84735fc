import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { signIn } from './sessions.service.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { buildRoleWorld, injectAs, type RoleWorld } from '../testing/role-fixtures.ts';

describe('accounts API: session, users, tokens, audit trail', () => {
  let handle: DatabaseHandle;
  let world: RoleWorld;
  before(async () => {
    handle = await createTestDatabase({ kind: 'pglite' });
    world = await buildRoleWorld(handle.db);
  });
  after(async () => {
    await world?.app.close();
    await handle?.close();
  });

  test('GET /api/session says who is asking', async () => {
    assert.deepEqual((await injectAs(world.app, world.credentials.public, { url: '/api/session' })).json(), { signedIn: false });
    const editor = (await injectAs(world.app, world.credentials.editor, { url: '/api/session' })).json();
    assert.equal(editor.via, 'session');
    assert.equal(editor.user.role, 'agency_editor');
    assert.ok(editor.user.agencyIds.includes('state-tip'));
    assert.equal(editor.csrfToken, world.credentials.editor.csrfToken);
    const token = (await injectAs(world.app, world.credentials.readToken, { url: '/api/session' })).json();
    assert.deepEqual([token.via, token.scopes, token.csrfToken], ['token', ['read'], undefined]);
  });

  test('an administrator adds a user with a generated password, and the user can sign in with it', async () => {
    const created = await injectAs(world.app, world.credentials.admin, {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'New.Person@Example.org', name: 'New person', role: 'agency_viewer', agencyId: 'dol-ilab' },
    });
    assert.equal(created.statusCode, 201);
    const { user, generatedPassword } = created.json();
    assert.equal(user.email, 'new.person@example.org');
    assert.ok(generatedPassword.length >= 20);
    assert.ok(!JSON.stringify(created.json().user).includes('scrypt'));
    const session = await signIn({
      db: handle.db,
      email: user.email,
      password: generatedPassword,
      clientAddress: '127.0.0.1',
      throttle: new SignInThrottle({ db: handle.db }),
      door: 'web',
    });
    assert.equal(session.user.role, 'agency_viewer');
    const bad = await injectAs(world.app, world.credentials.admin, {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'x@example.org', name: 'X', role: 'agency_editor' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /needs an agency/);
    const duplicate = await injectAs(world.app, world.credentials.admin, {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'new.person@example.org', name: 'Again', role: 'coordinator' },
    });
    assert.equal(duplicate.statusCode, 409);
  });

  test('a token is shown once, works as a bearer token, and stops working when revoked', async () => {
    const created = await injectAs(world.app, world.credentials.viewer, {
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'my script', scopes: ['read'], days: 7 },
    });
    assert.equal(created.statusCode, 201);
    const { token, summary } = created.json();
    assert.match(token, /^ctip_/);
    assert.equal((await injectAs(world.app, { bearer: token }, { url: '/api/session' })).json().user.email, 'viewer@example.org');
    const listed = (await injectAs(world.app, world.credentials.viewer, { url: '/api/tokens' })).json().items;
    assert.ok(listed.every((item: Record<string, unknown>) => !('token' in item) && item.userId === summary.userId));
    const badDays = await injectAs(world.app, world.credentials.viewer, {
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'x', days: 999 },
    });
    assert.equal(badDays.statusCode, 400);
    const forOther = await injectAs(world.app, world.credentials.viewer, {
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'x', userId: world.credentials.admin.userId },
    });
    assert.equal(forOther.statusCode, 403);
    assert.equal(
      (await injectAs(world.app, world.credentials.viewer, { method: 'DELETE', url: `/api/tokens/${summary.id}` })).statusCode,
      200,
    );
    assert.equal((await injectAs(world.app, { bearer: token }, { url: '/api/session' })).statusCode, 401);
  });

  test('the audit trail names who did what; its CSV is formula-safe and its filters are checked', async () => {
    await injectAs(world.app, world.credentials.admin, {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'formula@example.org', name: '=HYPERLINK("http://evil")', role: 'coordinator' },
    });
    const trail = (await injectAs(world.app, world.credentials.coordinator, { url: '/api/audit?entity=user&limit=50' })).json().items;
    const creation = trail.find(
      (entry: { action: string; after: { email?: string } | null }) =>
        entry.action === 'create' && entry.after?.email === 'formula@example.org',
    );
    assert.equal(creation.actor, 'admin@example.org');
    assert.equal(creation.door, 'api');
    const csv = await injectAs(world.app, world.credentials.coordinator, { url: '/api/audit.csv?entity=user' });
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFFevent_id,occurred_at,actor,door,action,entity_type,entity_id,before,after\r\n'));
    for (const line of csv.body.split('\r\n')) assert.ok(!/(^|,)"?[=+\-@]/.test(line), `no cell starts a formula: ${line.slice(0, 80)}`);
    for (const query of ['since=2024-02-30', 'since=yesterday', 'limit=0', 'entity=DROP%20TABLE']) {
      const response = await injectAs(world.app, world.credentials.admin, { url: `/api/audit?${query}` });
      assert.equal(response.statusCode, 400, query);
    }
    const future = (await injectAs(world.app, world.credentials.admin, { url: '/api/audit?since=2999-01-01' })).json();
    assert.deepEqual(future.items, []);
  });
});
