import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { findDataAsOf } from './assessment-queries.ts';

/**
 * "Data as of" is the latest change recorded in anything the Assessment reads. The changes are
 * dated ahead here, so each one is seen to move the date (they all happen today otherwise).
 */
describeEachDatabase('the Assessment’s “data as of” date', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  test('a revised strategic plan moves it; other audit events do not', async () => {
    const { db } = database;
    const before = await findDataAsOf({ db });
    const event = (entityType: string, occurredAt: string) =>
      db.execute(
        sql`INSERT INTO audit_events (occurred_at, actor, door, action, entity_type, entity_id) VALUES (${occurredAt}, 'test', 'system', 'update', ${entityType}, '1')`,
      );
    await event('user', '2098-01-01T12:00:00Z');
    assert.equal(await findDataAsOf({ db }), before, 'an account change is not data of the report');
    await event('strategic-plan', '2099-03-04T12:00:00Z');
    assert.equal(await findDataAsOf({ db }), '2099-03-04');
  });
});
