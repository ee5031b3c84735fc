import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { createServerDatabase } from '../../testing/server-database.ts';
import { listTestDatabaseKinds } from '../../testing/test-database.ts';
import { seedForImport } from '../../testing/tip-grants-fixture.ts';
import { countAll, scratchFolder } from './testing/helpers.ts';
import { writeSyntheticFile } from './usaspending.generate.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const folder = scratchFolder('ctip-kill-');
const filePath = path.join(folder, 'large.csv');
after(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the import in a child process and SIGKILLs it once it has read `killAfter` records (batches written). */
function importAndKill(target: string, killAfter: number): Promise<{ signal: NodeJS.Signals | null; lastProgress: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'testing', 'import-child.ts'), target, filePath],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let lastProgress = 0;
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/progress (\d+)/g)) lastProgress = Number(match[1]);
      if (lastProgress >= killAfter && child.exitCode === null) child.kill('SIGKILL');
      if (chunk.toString().includes('done')) reject(new Error('the import finished before it could be killed'));
    });
    child.on('exit', (_code, signal) =>
      signal ? resolve({ signal, lastProgress }) : reject(new Error(`child exited on its own: ${stderr}`)),
    );
  });
}

async function openTarget(kind: string): Promise<{ target: string; open: () => Promise<DatabaseHandle>; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = path.join(folder, 'pglite');
    return { target: dataDir, open: () => openDatabase({ dataDir }), drop: async () => {} };
  }
  const database = await createServerDatabase({ adminUrl: process.env.CTIP_TEST_POSTGRES_URL!, prefix: 'ctip_kill' });
  return { target: database.url, open: () => openDatabase({ databaseUrl: database.url }), drop: database.drop };
}

describe('an import killed with SIGKILL leaves the database as before', () => {
  before(async () => {
    // 60,000 rows, one in ten under the listings: batches of 500 awards are written every 5,000 rows.
    await writeSyntheticFile({ filePath, rows: 60_000, traffickingShare: 0.1 });
  });

  for (const kind of listTestDatabaseKinds()) {
    it(`on ${kind}`, { timeout: 180_000 }, async () => {
      const database = await openTarget(kind);
      let handle = await database.open();
      await handle.migrate();
      await seedForImport({ kind: handle.kind, handle, db: handle.db });
      const before = await countAll(handle.db);
      await handle.close(); // PGlite: one process at a time on a data directory
      const { signal, lastProgress } = await importAndKill(database.target, 20_000);
      assert.equal(signal, 'SIGKILL');
      assert.ok(lastProgress >= 20_000 && lastProgress < 60_000, `killed midway (after ${lastProgress} records)`);
      handle = await database.open();
      try {
        assert.deepEqual(await countAll(handle.db), before);
      } finally {
        await handle.close();
        await database.drop();
      }
    });
  }
});
