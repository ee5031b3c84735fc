import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { describeEachDatabase } from '../testing/test-database.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-cli-messages-'));
after(() => rmSync(folder, { recursive: true, force: true }));

// What zod says when left to itself; a person at the command line never reads it.
const zodText = /Invalid input|expected number|received NaN|Too small|Too big|>=|<=/;

describeEachDatabase('the CLI’s messages', {}, (database) => {
  const run = (args: string[]) => runCtipInProcess({ args, handle: database.handle, cwd: folder, input: '' });

  it('prints the version from package.json with --version and -V', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await run([flag]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `${version}\n`);
    }
  });

  it('says the same thing for a missing file in every command that reads one, with exit code 3', async () => {
    const commands = [
      ['import', 'tip-grants', 'missing.csv'],
      ['import', 'csv', 'missing.csv'],
      ['import', 'usaspending', 'missing.csv'],
      ['import', 'foreignassistance', 'missing.csv'],
      ['import', 'iati', 'missing.csv'],
      ['check', 'missing.csv'],
      ['plans', 'add', 'missing.csv'],
      ['plans', 'update', '1', 'missing.csv'],
      ['restore', 'missing.csv'],
      ['restore', '--check', 'missing.csv'],
    ];
    for (const args of commands) {
      const result = await run(args);
      assert.equal(result.code, 3, `${args.join(' ')}: ${result.stderr}`);
      const orFolder = args[1] === 'iati' ? ' or folder' : '';
      assert.equal(result.stderr, `error: Cannot read missing.csv: no such file${orFolder} in ${folder}\n`, args.join(' '));
    }
    const aFolder = await run(['import', 'tip-grants', os.tmpdir()]);
    assert.equal(aFolder.code, 3);
    assert.equal(aFolder.stderr, `error: Cannot read ${os.tmpdir()}: it is a folder, not a file\n`);
  });

  it('names the flag, the value and what is expected, never zod’s own words', async () => {
    const cases: [string[], string][] = [
      [['programs', 'list', '--fiscal-year', 'abc'], '--fiscal-year abc: expected a fiscal year such as 2004'],
      [['programs', 'list', '--limit', '-3'], '--limit -3: must be at least 1'],
      [['export', 'csv', '--include-regional', 'maybe'], '--include-regional maybe: must be one of true, false'],
      [['overlap', '--from', 'x', '--to', '2005'], '--from x: expected a fiscal year such as 2004'],
      [['stats', '--fy', 'last-year'], '--fiscal-year last-year: must be a year such as 2004'],
      [['assessment', '--fy', 'abc', '--format', 'md'], '--fiscal-year abc: must be a year such as 2004'],
      [['audit', '--limit', '0'], '--limit 0: must be at least 1'],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr, `error: ${message}\n`);
    }
    const clearance = await run(['clearance', 'submit', '1', '--due', 'tomorrow']);
    assert.equal(clearance.code, 2);
    assert.match(clearance.stderr, /--due/);
    assert.doesNotMatch(clearance.stderr, zodText);
  });

  it('an email already in use is a conflict with what exists (exit code 6), said in words', async () => {
    const args = ['users', 'add', '--email', 'taken@agency.gov', '--name', 'Taken', '--role', 'admin', '--password-stdin'];
    const first = await runCtipInProcess({ args, handle: database.handle, input: 'a long enough password here' });
    assert.equal(first.code, 0, first.stderr);
    const again = await runCtipInProcess({ args, handle: database.handle, input: 'a long enough password here' });
    assert.equal(again.code, 6);
    assert.equal(again.stderr, 'error: A user with the email taken@agency.gov exists already\n');
  });
});
