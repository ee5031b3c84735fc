import { after, before, describe } from 'node:test';
import { openDatabase, type Database, type DatabaseHandle } from '../db/database.ts';
import { createServerDatabase } from './server-database.ts';
import { readPgliteTemplate, readPostgresTemplate } from './test-templates.ts';

export type DatabaseKind = DatabaseHandle['kind'];

/** The database of one describe block; `db` is available inside tests and hooks, not at definition time. */
export type TestDatabase = {
  readonly kind: DatabaseKind;
  readonly db: Database;
  readonly handle: DatabaseHandle;
};

/**
 * The kinds of database this run tests against: always PGlite, and a PostgreSQL server when
 * the test runner started one (CTIP_TEST_POSTGRES_URL). CTIP_TEST_DATABASES=pglite narrows it.
 */
export function listTestDatabaseKinds(): DatabaseKind[] {
  const kinds: DatabaseKind[] = ['pglite'];
  if (process.env.CTIP_TEST_POSTGRES_URL) kinds.push('postgres');
  const only = process.env.CTIP_TEST_DATABASES?.split(',');
  return only ? kinds.filter((kind) => only.includes(kind)) : kinds;
}

/**
 * Opens a fresh, migrated database of the given kind: an in-memory PGlite, or a new database on
 * the test PostgreSQL server that is dropped on close. Under the test runner both start as a
 * copy of a migrated template (src/testing/test-templates.ts); migrating then finds nothing to do.
 */
export async function createTestDatabase(options: { kind: DatabaseKind }): Promise<DatabaseHandle> {
  if (options.kind === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: readPgliteTemplate() });
    await handle.migrate();
    return handle;
  }
  const adminUrl = process.env.CTIP_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('CTIP_TEST_POSTGRES_URL is not set: run the tests with npm test');
  const database = await createServerDatabase({ adminUrl, prefix: 'ctip_test', template: readPostgresTemplate() });
  const handle = await openDatabase({ databaseUrl: database.url });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}

/**
 * Runs the same suite once per database kind, each on its own fresh database shared by the
 * tests of that suite (a new PGlite costs seconds; one per test would dominate the run).
 * `prepare` runs once after migration, e.g. to seed reference data.
 */
export function describeEachDatabase(
  title: string,
  options: { prepare?: (database: TestDatabase) => Promise<unknown> },
  body: (database: TestDatabase) => void,
): void {
  for (const kind of listTestDatabaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let handle: DatabaseHandle | undefined;
      const database: TestDatabase = {
        kind,
        get handle() {
          if (!handle) throw new Error('The test database is opened in before(); use it inside tests');
          return handle;
        },
        get db() {
          return this.handle.db;
        },
      };
      before(async () => {
        handle = await createTestDatabase({ kind });
        await options.prepare?.(database);
      });
      after(async () => {
        await handle?.close();
      });
      body(database);
    });
  }
}
