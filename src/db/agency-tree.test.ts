import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../testing/test-database.ts';
import { agencyTreeIdsSql, agencyTreeSql } from './agency-tree.ts';
import { schema } from './database.ts';
import { selectRows } from './select-rows.ts';

// dol → dol-ilab → { dol-ilab-iclp, dol-ilab-ofr }; state stands apart.
const agencies = [
  { id: 'dol', parentId: null },
  { id: 'dol-ilab', parentId: 'dol' },
  { id: 'dol-ilab-iclp', parentId: 'dol-ilab' },
  { id: 'dol-ilab-ofr', parentId: 'dol-ilab' },
  { id: 'state', parentId: null },
];

describeEachDatabase(
  'the agency tree',
  { prepare: ({ db }) => db.insert(schema.agencies).values(agencies.map((agency) => ({ ...agency, name: agency.id, kind: 'office' }))) },
  (database) => {
    const ids = async (walk: Parameters<typeof agencyTreeIdsSql>[0]) =>
      (await selectRows<{ id: string }>(database.db, sql`SELECT id FROM ${agencyTreeIdsSql(walk)} t ORDER BY id`)).map((row) => row.id);

    test('down reaches a start and every agency under it; up a start and every agency above it', async () => {
      assert.deepEqual(await ids({ from: 'dol-ilab', direction: 'down' }), ['dol-ilab', 'dol-ilab-iclp', 'dol-ilab-ofr']);
      assert.deepEqual(await ids({ from: 'dol-ilab-ofr', direction: 'up' }), ['dol', 'dol-ilab', 'dol-ilab-ofr']);
      assert.deepEqual(await ids({ from: ['dol-ilab-iclp', 'state'], direction: 'up' }), ['dol', 'dol-ilab', 'dol-ilab-iclp', 'state']);
      assert.deepEqual(await ids({ from: [], direction: 'up' }), []);
    });

    test('from every agency, each start pairs with itself and its ancestors', async () => {
      const pairs = await selectRows<{ start_id: string; id: string }>(
        database.db,
        sql`SELECT start_id, id FROM ${agencyTreeSql({ direction: 'up' })} t WHERE start_id IN ('dol-ilab-iclp', 'state') ORDER BY start_id, id`,
      );
      assert.deepEqual(
        pairs.map((pair) => `${pair.start_id}→${pair.id}`),
        ['dol-ilab-iclp→dol', 'dol-ilab-iclp→dol-ilab', 'dol-ilab-iclp→dol-ilab-iclp', 'state→state'],
      );
    });
  },
);
