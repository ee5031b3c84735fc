import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../shared/errors.ts';
import { listTestDatabaseKinds } from '../testing/test-database.ts';
import { excerptPath } from '../testing/portal-fixture.ts';
import { backupDatabase } from './backup.service.ts';
import { openDatabase } from './database.ts';
import { prepareDatabase } from '../app/prepare-database.ts';
import { openRestoreTarget } from './restore-target.ts';
import { restoreDatabase } from './restore.service.ts';
import { summarizeTables } from './table-summary.ts';
import { createScratchTarget, type ScratchTarget } from '../testing/backup-targets.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-restore-bad-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const dumpPath = path.join(folder, 'whole.sql');
let dump = '';

function writeVariant(name: string, text: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

/** The target is as empty as before: no data directory and no work folder, or a database the restore's own check accepts. */
async function assertEmpty(target: ScratchTarget): Promise<void> {
  if ('dataDir' in target.target) {
    assert.equal(existsSync(target.target.dataDir), false, 'the data directory was not created');
    assert.deepEqual(readdirSync(path.dirname(target.target.dataDir)), [], 'no work folder left beside it');
    return;
  }
  const opened = await openRestoreTarget(target.target);
  await opened.abandon();
}

const refused = (code: string, pattern: RegExp) => (error: unknown) => {
  assert.ok(isAppError(error), String(error));
  assert.equal(error.code, code);
  assert.match(error.message, pattern);
  return true;
};

before(async () => {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await prepareDatabase({ handle });
  await backupDatabase({ handle, databaseUrl: undefined, outPath: dumpPath });
  await handle.close();
  dump = readFileSync(dumpPath, 'utf8');
});

for (const kind of listTestDatabaseKinds()) {
  describe(`restoring into ${kind}`, () => {
    it(
      'refuses a missing file, a file that is not a dump, a truncated dump and a dump of another database, leaving the target empty',
      { timeout: 120_000 },
      async () => {
        const target = await createScratchTarget(kind);
        try {
          const cases: [string, RegExp][] = [
            [path.join(folder, 'missing.sql'), /no such file/],
            [folder, /it is a folder/],
            [excerptPath, /not a PostgreSQL dump/],
            [writeVariant('truncated.sql', dump.slice(0, Math.floor(dump.length * 0.6))), /incomplete \(truncated\?\)/],
            [
              writeVariant(
                'other.sql',
                '--\n-- PostgreSQL database dump\n--\nCREATE TABLE public.t (id integer);\n--\n-- PostgreSQL database dump complete\n--\n',
              ),
              /holds no ctip database/,
            ],
          ];
          for (const [file, message] of cases) {
            await assert.rejects(restoreDatabase({ filePath: file, target: target.target }), refused('INVALID_FILE', message));
            await assertEmpty(target);
          }
        } finally {
          await target.remove();
        }
      },
    );

    it('rolls everything back when a statement near the end fails, naming its line', { timeout: 120_000 }, async () => {
      const target = await createScratchTarget(kind);
      try {
        const closing = dump.lastIndexOf('--\n-- PostgreSQL database dump complete');
        const broken = `${dump.slice(0, closing)}INSERT INTO public.countries (code) VALUES ('too long a country code');\n\n${dump.slice(closing)}`;
        const line = broken.slice(0, closing).split('\n').length;
        await assert.rejects(restoreDatabase({ filePath: writeVariant('broken.sql', broken), target: target.target }), (error: unknown) => {
          assert.ok(isAppError(error) && error.code === 'INVALID_FILE', String(error));
          assert.match(error.message, new RegExp(`^Line ${line} of the dump could not be restored .*nothing was restored$`));
          return true;
        });
        await assertEmpty(target);
      } finally {
        await target.remove();
      }
    });

    it('refuses a target that is not empty and leaves it as it was', { timeout: 120_000 }, async () => {
      const target = await createScratchTarget(kind);
      try {
        await restoreDatabase({ filePath: dumpPath, target: target.target });
        let handle = await target.open();
        const before = await summarizeTables({ db: handle.db });
        await handle.close();
        await assert.rejects(
          restoreDatabase({ filePath: dumpPath, target: target.target }),
          refused(
            'CONFLICT',
            /is not empty \(it holds .*\): restore only into an empty database or a new data directory; nothing was changed/,
          ),
        );
        handle = await target.open();
        assert.deepEqual(await summarizeTables({ db: handle.db }), before);
        await handle.close();
      } finally {
        await target.remove();
      }
    });
  });
}

describe('restoring into a PGlite data directory', () => {
  it('refuses a folder that holds other files, and a file', async () => {
    const dataDir = path.join(folder, 'occupied');
    writeVariant('occupied-file', 'x');
    await assert.rejects(
      restoreDatabase({ filePath: dumpPath, target: { dataDir: path.join(folder, 'occupied-file') } }),
      refused('CONFLICT', /it is a file/),
    );
    mkdirSync(dataDir, { recursive: true });
    writeVariant('occupied/notes.txt', 'keep me');
    await assert.rejects(restoreDatabase({ filePath: dumpPath, target: { dataDir } }), refused('CONFLICT', /it holds notes\.txt/));
    assert.equal(readFileSync(path.join(dataDir, 'notes.txt'), 'utf8'), 'keep me');
  });
});
