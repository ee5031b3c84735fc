import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCtip } from '../testing/cli.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-backup-cli-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('ctip backup and ctip restore, as a person runs them', () => {
  it('backs up, checks the backup, restores into a new data directory once, and says why not twice', { timeout: 600_000 }, () => {
    const file = path.join(folder, 'ctip.sql');
    const source = path.join(folder, 'source');
    const target = path.join(folder, 'target');

    const backup = runCtip({ args: ['backup', '--out', file], dataDir: source });
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /^Backed up the PGlite database to .*ctip\.sql \([\d,]+ bytes\)\.\n$/);
    const again = runCtip({ args: ['backup', '--out', file], dataDir: source });
    assert.equal(again.code, 6);
    assert.match(again.stderr, /exists already: choose a new file name \(or pass --force to replace it\)/);

    const check = runCtip({ args: ['restore', '--check', file, '--json'], dataDir: target });
    assert.equal(check.code, 0, check.stderr);
    const report = JSON.parse(check.stdout) as {
      ok: boolean;
      tables: { table: string; rows: number }[];
      migrations: { inBackup: number; known: number };
    };
    assert.equal(report.ok, true);
    assert.ok(report.tables.some((table) => table.table === 'public.countries' && table.rows > 200));
    assert.equal(report.migrations.inBackup, report.migrations.known);

    writeFileSync(path.join(folder, 'cut.sql'), readFileSync(file, 'utf8').slice(0, 5000));
    const cut = runCtip({ args: ['restore', '--check', path.join(folder, 'cut.sql')], dataDir: target });
    assert.equal(cut.code, 3);
    assert.match(cut.stderr, /^error: The dump is incomplete \(truncated\?\)/);

    const restore = runCtip({ args: ['restore', file], dataDir: target });
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(
      restore.stdout,
      /^Restored \d+ tables and [\d,]+ rows \(dumped from PostgreSQL [\d.]+\) into the data directory .*target; \d+ migrations applied\.\n$/,
    );
    const twice = runCtip({ args: ['restore', file], dataDir: target });
    assert.equal(twice.code, 6);
    assert.match(twice.stderr, /is not empty \(it holds a database\)/);
    const stats = runCtip({ args: ['stats', '--fy', '2004', '--json'], dataDir: target });
    assert.equal(stats.code, 0, stats.stderr);
  });
});
