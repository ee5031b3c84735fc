import type { DatabaseHandle } from '../db/database.ts';
import { assertDatabaseNotNewer } from '../db/migration-status.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';

/**
 * Brings a database up to date: migrations, then the reference data every feature relies on.
 * A database migrated by a newer ctip is refused first (UNAVAILABLE, exit code 8).
 */
export async function prepareDatabase(options: { handle: DatabaseHandle }): Promise<void> {
  await assertDatabaseNotNewer({ db: options.handle.db });
  await options.handle.migrate();
  await seedReferenceData({ db: options.handle.db });
  await seedOrganizations({ db: options.handle.db });
}
