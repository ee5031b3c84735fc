import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { prepareDatabase } from '../app/prepare-database.ts';
import { systemViewer } from '../shared/actor.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import type { StrategicPlan } from './strategic-plans.schemas.ts';
import { createStrategicPlan } from './strategic-plans.service.ts';
import type { DatabaseHandle } from '../db/database.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-plans-cli-'));
after(() => rmSync(folder, { recursive: true, force: true }));
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

// The plan is written first; then `ctip` (its command tree, in this process) updates it.
let created: StrategicPlan;
async function prepareWithPlan({ handle }: { handle: DatabaseHandle }) {
  await prepareDatabase({ handle });
  created = await createStrategicPlan({ db: handle.db, input: plan('DOJ plan'), viewer: systemViewer, actor: testActor });
}

describeEachDatabase('ctip plans update', { prepare: prepareWithPlan }, (database) => {
  const runCtip = (...args: string[]) => runCtipInProcess({ args: ['plans', ...args], handle: database.handle });

  test('replaces a plan from a file; without --version it reads the current version first', async () => {
    const result = await runCtip('update', String(created.id), planFile('first.json', plan('DOJ plan, revised')), '--json');
    assert.equal(result.code, 0, result.stderr);
    const updated = JSON.parse(result.stdout) as StrategicPlan;
    assert.deepEqual([updated.id, updated.title, updated.fiscalYearTo], [created.id, 'DOJ plan, revised', 2008]);
    assert.notEqual(updated.version, created.version);

    // --version names the version edited: a stale one is refused (exit 6), the current one saves.
    const second = planFile('second.json', plan('DOJ plan, second revision'));
    const stale = await runCtip('update', String(created.id), second, '--version', created.version);
    assert.equal(stale.code, 6, stale.stdout);
    assert.match(
      stale.stderr,
      new RegExp(`changed by someone else \\(you edited version ${created.version}, it is now version ${updated.version}\\)`),
    );
    const saved = await runCtip('update', String(created.id), second, '--version', updated.version);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, new RegExp(`^#${created.id} .*: DOJ plan, second revision \\(version [0-9a-f]{16}\\)$`, 'm'));
  });

  test('names what is wrong: a bad id, a missing file, an invalid plan, an unknown plan', async () => {
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
      const result = await runCtip(...args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const help = await runCtip('update', '--help');
    assert.match(help.stdout.replace(/\s+/g, ' '), /without it, the current version is read first/);
  });
});
