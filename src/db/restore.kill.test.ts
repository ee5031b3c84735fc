import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { listTestDatabaseKinds } from '../testing/test-database.ts';
import { backupDatabase } from './backup.service.ts';
import { openDatabase } from './database.ts';
import { prepareDatabase } from '../app/prepare-database.ts';
import { openRestoreTarget } from './restore-target.ts';
import { restoreDatabase } from './restore.service.ts';
import { summarizeTables, type TableSummary } from './table-summary.ts';
import { createScratchTarget } from '../testing/backup-targets.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-restore-kill-'));
const dumpPath = path.join(folder, 'large.sql');
after(() => rmSync(folder, { recursive: true, force: true }));

/** Runs a restore in a child process and SIGKILLs it once it has run `killAt` of its statements. */
function restoreAndKill(target: string, killAt: number): Promise<{ signal: NodeJS.Signals | null; done: number; total: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'testing', 'restore-child.ts'), dumpPath, target],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let done = 0;
    let total = 0;
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/progress (\d+) (\d+)/g)) [done, total] = [Number(match[1]), Number(match[2])];
      if (total && done >= total * killAt && child.exitCode === null) child.kill('SIGKILL');
      if (chunk.toString().includes('done')) reject(new Error('the restore finished before it could be killed'));
    });
    child.on('exit', (_code, signal) =>
      signal ? resolve({ signal, done, total }) : reject(new Error(`child exited on its own: ${stderr}`)),
    );
  });
}

describe('a restore killed with SIGKILL leaves the target empty, and a new restore makes it whole', () => {
  let summary: TableSummary[] = [];
  before(async () => {
    // 40,000 partners more than the reference data: the dump has hundreds of statements to kill among.
    const handle = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase({ handle });
    await handle.db.execute(
      sql`INSERT INTO organizations (name, type_code) SELECT 'Partner organization ' || n, '21' FROM generate_series(1, 40000) AS n`,
    );
    summary = await summarizeTables({ db: handle.db });
    await backupDatabase({ handle, databaseUrl: undefined, outPath: dumpPath });
    await handle.close();
  });

  for (const kind of listTestDatabaseKinds()) {
    it(`on ${kind}`, { timeout: 300_000 }, async () => {
      const target = await createScratchTarget(kind);
      try {
        const where = 'dataDir' in target.target ? target.target.dataDir : target.target.databaseUrl;
        const killAt = 0.3 + Math.random() * 0.5;
        const { signal, done, total } = await restoreAndKill(where, killAt);
        assert.equal(signal, 'SIGKILL');
        assert.ok(done < total, `killed midway (after ${done} of ${total} statements)`);
        if ('dataDir' in target.target) assert.equal(existsSync(target.target.dataDir), false, 'the data directory was never half written');
        const opened = await openRestoreTarget(target.target); // refuses a target that is not empty
        await opened.abandon();
        await restoreDatabase({ filePath: dumpPath, target: target.target });
        if ('dataDir' in target.target)
          assert.deepEqual(readdirSync(path.dirname(target.target.dataDir)), ['data'], "the killed restore's work folder is gone");
        const handle = await target.open();
        try {
          assert.deepEqual(await summarizeTables({ db: handle.db }), summary);
        } finally {
          await handle.close();
        }
      } finally {
        await target.remove();
      }
    });
  }
});
