import { readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../db/database.ts';
import { createServerDatabase } from './server-database.ts';

/**
 * Migrated databases every test database is cloned from. Creating a PGlite cluster and
 * migrating it costs seconds of CPU, and the suite opens well over a hundred; loading a dumped
 * data directory, or copying a PostgreSQL template database, costs a fraction. The test runner
 * (scripts/run-tests.mjs) prepares both once per run and names them in the environment.
 */
const pgliteTemplateVariable = 'CTIP_TEST_PGLITE_TEMPLATE';
const postgresTemplateVariable = 'CTIP_TEST_POSTGRES_TEMPLATE';

let pgliteTemplate: Blob | undefined;

/** The migrated PGlite data directory the runner dumped, or undefined (each database is migrated then). */
export function readPgliteTemplate(): Blob | undefined {
  const file = process.env[pgliteTemplateVariable];
  if (!file) return undefined;
  pgliteTemplate ??= new Blob([readFileSync(file)]);
  return pgliteTemplate;
}

/** The migrated database on the test PostgreSQL server to copy, or undefined. */
export function readPostgresTemplate(): string | undefined {
  return process.env[postgresTemplateVariable] || undefined;
}

/**
 * Writes a migrated PGlite data directory to `pgliteFile` and, given the test server's admin
 * URL, creates a migrated template database there; returns the environment naming both.
 */
export async function prepareTestTemplates(options: { pgliteFile: string; postgresAdminUrl?: string }): Promise<Record<string, string>> {
  const environment: Record<string, string> = {};
  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    await pglite.migrate();
    writeFileSync(options.pgliteFile, Buffer.from(await (await pglite.pglite!.dumpDataDir('none')).arrayBuffer()));
    environment[pgliteTemplateVariable] = options.pgliteFile;
  } finally {
    await pglite.close();
  }
  if (options.postgresAdminUrl) {
    const database = await createServerDatabase({ adminUrl: options.postgresAdminUrl, prefix: 'ctip_template' });
    const handle = await openDatabase({ databaseUrl: database.url });
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
    environment[postgresTemplateVariable] = new URL(database.url).pathname.slice(1);
  }
  return environment;
}

// Run by the test runner: `node --import tsx src/testing/test-templates.ts FILE`; prints the environment as JSON.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const environment = await prepareTestTemplates({ pgliteFile: process.argv[2]!, postgresAdminUrl: process.env.CTIP_TEST_POSTGRES_URL });
  process.stdout.write(JSON.stringify(environment));
}
