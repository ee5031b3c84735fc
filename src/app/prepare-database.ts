import type { DatabaseHandle } from '../db/database.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';

/** Brings a database up to date: migrations, then the reference data every feature relies on. */
export async function prepareDatabase(options: { handle: DatabaseHandle }): Promise<void> {
  await options.handle.migrate();
  await seedReferenceData({ db: options.handle.db });
  await seedOrganizations({ db: options.handle.db });
}
