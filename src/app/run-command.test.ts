import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { encodeCsvRecord, programCsvColumns } from '../exports/program-csv.format.ts';
import { templateExampleRow } from '../imports/ctip-csv/ctip-csv.template.ts';
import { seedDatabase } from '../imports/ctip-csv/testing/ctip-csv-fixture.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { describeEachDatabase } from '../testing/test-database.ts';

const temp = mkdtempSync(path.join(os.tmpdir(), 'ctip-run-command-'));
after(() => rmSync(temp, { recursive: true, force: true }));

// What `ctip serve` does with a CLI's command, without the socket: the same command tree run in
// this process on a database it holds open, its outputs and folder those of the caller.
describeEachDatabase('runCtipCommand', { prepare: ({ db }) => seedDatabase(db) }, (database) => {
  it('runs a command on the given database with the given stdin, printing to the given outputs', async () => {
    const added = await runCtipInProcess({
      args: ['users', 'add', '--email', 'admin@agency.gov', '--name', 'Admin', '--role', 'admin', '--password-stdin', '--json'],
      handle: database.handle,
      input: 'a long enough password here',
    });
    assert.equal(added.code, 0, added.stderr);
    assert.equal(JSON.parse(added.stdout).user.email, 'admin@agency.gov');
    const listed = await runCtipInProcess({ args: ['users', 'list', '--json'], handle: database.handle });
    assert.deepEqual(
      JSON.parse(listed.stdout).items.map((user: { email: string }) => user.email),
      ['admin@agency.gov'],
    );
    const audit = await runCtipInProcess({ args: ['audit', '--json'], handle: database.handle });
    assert.match(audit.stdout, /"actor": "cli:/);
  });

  it('resolves relative file arguments against the caller’s folder', async () => {
    writeFileSync(path.join(temp, 'one.csv'), `${programCsvColumns.join(',')}\r\n${encodeCsvRecord(templateExampleRow)}`);
    const result = await runCtipInProcess({
      args: ['import', 'csv', 'one.csv', '--dry-run', '--json'],
      handle: database.handle,
      cwd: temp,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).imported, 1);
    const missing = await runCtipInProcess({ args: ['import', 'csv', 'one.csv', '--json'], handle: database.handle, cwd: os.tmpdir() });
    assert.equal(missing.code, 3);
  });

  it('maps usage errors, help and failures to exit codes without exiting the process', async () => {
    const unknown = await runCtipInProcess({ args: ['no-such-command'], handle: database.handle });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'no-such-command'/);
    const help = await runCtipInProcess({ args: ['users', '--help'], handle: database.handle });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: ctip users/);
    const notFound = await runCtipInProcess({ args: ['programs', 'show', '999999'], handle: database.handle });
    assert.equal(notFound.code, 5, notFound.stderr);
    const tty = await runCtipInProcess({
      args: ['users', 'add', '--email', 'b@agency.gov', '--name', 'B', '--role', 'admin', '--password-stdin'],
      handle: database.handle,
    });
    assert.equal(tty.code, 2, 'without piped input --password-stdin is refused');
  });

  it('keeps the outputs of commands run at the same time apart', async () => {
    const runs = await Promise.all(
      ['csv', 'csv', 'csv'].map(() => runCtipInProcess({ args: ['template', 'csv'], handle: database.handle })),
    );
    for (const run of runs) assert.equal(run.stdout, `${programCsvColumns.join(',')}\r\n${encodeCsvRecord(templateExampleRow)}`);
    const [users, stats] = await Promise.all([
      runCtipInProcess({ args: ['users', 'list', '--json'], handle: database.handle }),
      runCtipInProcess({ args: ['stats', '--fy', '2004', '--json'], handle: database.handle }),
    ]);
    assert.ok(JSON.parse(users.stdout).items);
    assert.equal(JSON.parse(stats.stdout).fiscalYear, 2004);
  });

  it('draws progress on the caller’s terminal, and none when it is not one', async () => {
    const excerpt = path.join(import.meta.dirname, '../imports/tip-grants/fixtures/tip-grants-excerpt.csv');
    const onTerminal = await runCtipInProcess({
      args: ['import', 'tip-grants', excerpt, '--dry-run'],
      handle: database.handle,
      terminal: true,
    });
    assert.equal(onTerminal.code, 0, onTerminal.stderr);
    assert.match(onTerminal.stderr, /importing \[/);
    const piped = await runCtipInProcess({ args: ['import', 'tip-grants', excerpt, '--dry-run'], handle: database.handle });
    assert.equal(piped.stderr, '');
    assert.match(piped.stdout, /^Dry run \(nothing written\)/);
  });

  it('refuses `serve` sent by another process', async () => {
    const result = await runCtipInProcess({ args: ['serve'], handle: database.handle, forwarded: true });
    assert.equal(result.code, 7);
    assert.match(result.stderr, /cannot run inside it/);
  });
});
