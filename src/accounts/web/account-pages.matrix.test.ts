import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import { createMatrixFixtures, type MatrixFixtures } from '../authorization-matrix.ts';
import { buildRoleWorld, injectAs, roleDescriptions, roleKeys, type RoleWorld } from '../testing/role-fixtures.ts';
import { accountPageRules } from './account-pages.matrix-rules.ts';

// The account pages' rules, run through the matrix's own roles until the matrix includes them.
describe('account pages × every role', () => {
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

  test('every account page route has a rule (but sign-out), and each role gets its outcome', async () => {
    const pages = [...world.routes].filter((route) => / \/(sign-in|account|admin)\b/.test(route)).sort();
    assert.deepEqual(pages, Object.keys(accountPageRules).sort());
    const failures: string[] = [];
    for (const [route, rule] of Object.entries(accountPageRules)) {
      const method = route.slice(0, route.indexOf(' '));
      for (const role of roleKeys) {
        const response = await injectAs(world.app, world.credentials[role], { method: method as 'GET', ...(await rule.request(fixtures, role)) });
        if (response.statusCode !== rule.expect[role]) failures.push(`${route} as ${roleDescriptions[role]}: ${response.statusCode} (expected ${rule.expect[role]})`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
