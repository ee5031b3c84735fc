import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isAppError } from '../shared/errors.ts';
import { runCtipAsync } from '../testing/ctip-processes.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { openDatabase } from './database.ts';

const temp = mkdtempSync(path.join(os.tmpdir(), 'ctip-lock-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const inUse = (error: unknown) => isAppError(error) && error.code === 'DATABASE_IN_USE' && error.exitCode === 7;

/** Every file of a directory with its size and modification time: what "untouched" means. */
function snapshot(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => {
      const info = statSync(path.join(folder, name));
      return `${name} ${info.isFile() ? info.size : 'dir'} ${info.mtimeMs}`;
    })
    .sort();
}

describe('the lock of a PGlite data directory', () => {
  it('is held once: a second taker is refused until the first releases it, whatever the spelling of the path', async () => {
    const dataDir = path.join(temp, 'spellings');
    const lock = await lockDataDir({ dataDir });
    const alias = path.join(temp, 'alias');
    symlinkSync(dataDir, alias);
    await assert.rejects(() => lockDataDir({ dataDir }), inUse);
    await assert.rejects(() => lockDataDir({ dataDir: alias }), inUse);
    await assert.rejects(() => lockDataDir({ dataDir: path.relative(process.cwd(), dataDir) }), inUse);
    await lock.release();
    const again = await lockDataDir({ dataDir: alias });
    await again.release();
  });

  it('makes openDatabase refuse a directory already open, in this process too, and reopen it once closed', async () => {
    const dataDir = path.join(temp, 'open-twice');
    const first = await openDatabase({ dataDir });
    await assert.rejects(() => openDatabase({ dataDir }), inUse);
    await first.close();
    const second = await openDatabase({ dataDir });
    await second.close();
  });
});

describe('a data directory held by another process', () => {
  it('is refused with exit code 7 before anything is touched, and freed when the holder is killed with SIGKILL', async () => {
    const dataDir = path.join(temp, 'held');
    const holder = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'testing/hold-data-dir.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [first] = (await once(holder.stdout, 'data')) as [Buffer];
      assert.equal(first.toString(), 'open\n');
      const before = snapshot(dataDir);

      const list = await runCtipAsync({ args: ['users', 'list'], dataDir });
      assert.equal(list.code, 7, list.stderr);
      assert.match(list.stderr, /^error: The data directory .*held by another ctip process; nothing was changed/);
      const json = await runCtipAsync({
        args: ['users', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'admin', '--json'],
        dataDir,
      });
      assert.equal(json.code, 7);
      assert.equal(JSON.parse(json.stdout).error.code, 'DATABASE_IN_USE');
      const serve = await runCtipAsync({ args: ['serve'], dataDir });
      assert.equal(serve.code, 7, serve.stderr);
      assert.deepEqual(snapshot(dataDir), before, 'the refused commands left the directory as it was');
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'exit').catch(() => {});
    }
    // The kernel released the lock with the process: nothing stale to clean up.
    const list = await runCtipAsync({ args: ['users', 'list', '--json'], dataDir });
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout).items, []);
  });
});
