import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import type { RestoreTarget } from '../db/restore-target.ts';
import { createServerDatabase } from './server-database.ts';
import type { DatabaseKind } from './test-database.ts';

/** A fresh, empty place to restore into: a new data directory path, or a new database on the test server. */
export type ScratchTarget = { kind: DatabaseKind; target: RestoreTarget; open: () => Promise<DatabaseHandle>; remove: () => Promise<void> };

export async function createScratchTarget(kind: DatabaseKind): Promise<ScratchTarget> {
  if (kind === 'pglite') {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-restore-'));
    const dataDir = path.join(folder, 'data');
    return {
      kind,
      target: { dataDir },
      open: () => openDatabase({ dataDir }),
      remove: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.CTIP_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('CTIP_TEST_POSTGRES_URL is not set: run the tests with scripts/run-tests.mjs');
  const database = await createServerDatabase({ adminUrl, prefix: 'ctip_restore' });
  return { kind, target: { databaseUrl: database.url }, open: () => openDatabase({ databaseUrl: database.url }), remove: database.drop };
}
