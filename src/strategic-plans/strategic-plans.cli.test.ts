import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../db/database.ts';
import { prepareDatabase } from '../app/prepare-database.ts';
import { systemViewer } from '../shared/actor.ts';
import { runCtip as runCtipIn } from '../testing/cli.ts';
import { testActor } from '../testing/fixtures.ts';
import type { StrategicPlan } from './strategic-plans.schemas.ts';
import { createStrategicPlan } from './strategic-plans.service.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-plans-cli-'));
const dataDir = path.join(folder, 'data');
const runCtip = (...args: string[]) => runCtipIn({ args: ['plans', ...args], dataDir });
const plan = (title: string) => ({
  agencyId: 'doj',
  title,
  fiscalYearFrom: 2005,
  fiscalYearTo: 2008,
  goals: [{ title: 'Prosecute', activities: [{ title: 'Train prosecutors', programIds: [] }] }],
});

/** Writes a plan file and returns its path. */
function planFile(name: string, content: unknown): string {
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

// The plan is written first and the database closed; then the real `ctip` updates it.
describe('ctip plans update', () => {
  let created: StrategicPlan;
  before(async () => {
    const handle = await openDatabase({ dataDir });
    try {
      await prepareDatabase({ handle });
      created = await createStrategicPlan({ db: handle.db, input: plan('DOJ plan'), viewer: systemViewer, actor: testActor });
    } finally {
      await handle.close();
    }
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('replaces a plan from a file; without --version it reads the current version first', () => {
    const result = runCtip('update', String(created.id), planFile('first.json', plan('DOJ plan, revised')), '--json');
    assert.equal(result.code, 0, result.stderr);
    const updated = JSON.parse(result.stdout) as StrategicPlan;
    assert.deepEqual([updated.id, updated.title, updated.fiscalYearTo], [created.id, 'DOJ plan, revised', 2008]);
    assert.notEqual(updated.version, created.version);

    // --version names the version edited: a stale one is refused (exit 6), the current one saves.
    const second = planFile('second.json', plan('DOJ plan, second revision'));
    const stale = runCtip('update', String(created.id), second, '--version', created.version);
    assert.equal(stale.code, 6, stale.stdout);
    assert.match(
      stale.stderr,
      new RegExp(`changed by someone else \\(you edited version ${created.version}, it is now version ${updated.version}\\)`),
    );
    const saved = runCtip('update', String(created.id), second, '--version', updated.version);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, new RegExp(`^#${created.id} .*: DOJ plan, second revision \\(version [0-9a-f]{16}\\)$`, 'm'));
  });

  test('names what is wrong: a bad id, a missing file, an invalid plan, an unknown plan', () => {
    const good = planFile('good.json', plan('Never saved'));
    const cases: [string[], number, RegExp][] = [
      [['update', 'abc', good], 2, /The plan id must be a number, not 'abc'/],
      [['update', String(created.id), path.join(folder, 'missing.json')], 3, /Cannot read .*missing\.json/],
      [
        ['update', String(created.id), planFile('invalid.json', { ...plan('Bad'), fiscalYearFrom: 2010, goals: [] })],
        2,
        /fiscalYearFrom[\s\S]*goals/,
      ],
      [['update', '987654', good], 5, /Strategic plan 987654 does not exist/],
    ];
    for (const [args, code, message] of cases) {
      const result = runCtip(...args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const help = runCtip('update', '--help');
    assert.match(help.stdout.replace(/\s+/g, ' '), /without it, the current version is read first/);
  });
});
