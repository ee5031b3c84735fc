import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/database.ts';
import { readJournal } from '../db/migration-status.ts';
import { runCtip } from '../testing/cli.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'ctip-newer-'));
after(() => rmSync(folder, { recursive: true, force: true }));

test('ctip serve refuses a database migrated by a newer ctip: a clear message, exit code 8, and the process ends', async () => {
  const dataDir = path.join(folder, 'data');
  assert.equal(runCtip({ args: ['db', 'migrate'], dataDir }).code, 0);
  const handle = await openDatabase({ dataDir });
  const newest = Math.max(...readJournal().map((entry) => entry.when));
  await handle.db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-ctip', ${newest + 1})`);
  await handle.close();

  const served = runCtip({ args: ['serve'], dataDir, environment: { PORT: '0', HOST: '127.0.0.1' }, timeoutMs: 120_000 });
  assert.equal(served.code, 8, `exit code (stderr: ${served.stderr})`);
  assert.match(served.stderr, /error: The database has 1 migration\(s\) newer than this version of ctip knows .*nothing was changed/);
  assert.doesNotMatch(served.stdout, /serving on/);
});
