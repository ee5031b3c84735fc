import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { authorizationMatrix, createMatrixFixtures, type MatrixFixtures } from '../testing/authorization-matrix.ts';
import { buildRoleWorld, injectAs, roleDescriptions, roleKeys, signInAs, type RoleWorld } from '../testing/role-fixtures.ts';

// The matrix is about the policy, not the database engine: one PGlite keeps it fast.
describe('authorization matrix: every route × every role', () => {
  let handle: DatabaseHandle;
  let world: RoleWorld;
  let fixtures: MatrixFixtures;
  before(async () => {
    handle = await createTestDatabase({ kind: 'pglite' });
    world = await buildRoleWorld(handle.db);
    fixtures = await createMatrixFixtures(world);
  });
  after(async () => {
    await world?.app.close();
    await handle?.close();
  });

  test('every registered route has a rule, and every rule a route', () => {
    const missing = [...world.routes].filter((route) => !(route in authorizationMatrix)).sort();
    assert.deepEqual(missing, [], `Routes without a rule in src/accounts/authorization-matrix.ts: ${missing.join(', ')}`);
    const stale = Object.keys(authorizationMatrix).filter((route) => !world.routes.has(route));
    assert.deepEqual(stale, [], `Rules for routes that do not exist: ${stale.join(', ')}`);
  });

  test('each role gets the expected outcome on each route', async () => {
    const failures: string[] = [];
    for (const [route, rule] of Object.entries(authorizationMatrix)) {
      if (!world.routes.has(route)) continue;
      const method = route.slice(0, route.indexOf(' '));
      for (const role of roleKeys) {
        const request = await rule.request(fixtures, role);
        const shared = world.credentials[role];
        const credentials =
          rule.ownSession && shared.cookie && shared.email ? { ...shared, ...(await signInAs(handle.db, shared.email)) } : shared;
        const response = await injectAs(world.app, credentials, { method: method as 'GET', ...request });
        const expected = rule.expect[role];
        if (response.statusCode !== expected) {
          failures.push(
            `${route} as ${roleDescriptions[role]}: ${response.statusCode} (expected ${expected}) ${response.body.slice(0, 160)}`,
          );
        } else if (rule.namesRestricted && response.body.includes(fixtures.restrictedTitle) !== rule.namesRestricted[role]) {
          failures.push(
            `${route} as ${roleDescriptions[role]}: ${rule.namesRestricted[role] ? 'does not name' : 'names'} the restricted program`,
          );
        } else if (expected >= 400 && response.headers['content-type']?.toString().includes('json')) {
          // Refusals use the one error shape.
          const body = response.json();
          if (typeof body?.error?.code !== 'string')
            failures.push(`${route} as ${roleDescriptions[role]}: refusal without the error shape`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a hidden program answers exactly like a missing one', async () => {
    const hidden = await injectAs(world.app, world.credentials.public, { url: `/api/programs/${fixtures.restrictedProgramId}` });
    const missing = await injectAs(world.app, world.credentials.public, { url: '/api/programs/2000000000' });
    assert.equal(hidden.statusCode, missing.statusCode);
    assert.equal(hidden.body.replace(String(fixtures.restrictedProgramId), 'ID'), missing.body.replace('2000000000', 'ID'));
  });

  test('a session write without the form token is refused, and nothing is written', async () => {
    const { cookie } = world.credentials.editor;
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/tokens',
      cookies: { ctip_session: cookie! },
      payload: { name: 'no csrf token' },
    });
    assert.equal(response.statusCode, 403);
    const tokens = await injectAs(world.app, world.credentials.editor, { url: '/api/tokens' });
    assert.ok(!tokens.json().items.some((token: { name: string }) => token.name === 'no csrf token'));
  });
});
