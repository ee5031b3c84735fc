import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable } from 'drizzle-orm/pg-core';

/**
 * One row whose `value` goes up, in the same transaction, with every statement that writes a
 * table the program search and its facet counts read (triggers in migration
 * 0009_data_generation_triggers.sql). Equal values mean equal data, so derived results can be
 * cached under it (src/programs/facet-cache.ts) and are never served stale.
 */
export const dataGeneration = pgTable(
  'data_generation',
  {
    id: integer('id').primaryKey(),
    value: bigint('value', { mode: 'bigint' }).notNull(),
  },
  (table) => [check('data_generation_single_row', sql`${table.id} = 1`)],
);
