import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../accounts/users.service.ts';
import { prepareDatabase } from '../app/prepare-database.ts';
import { testActor } from '../testing/fixtures.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { createProposal } from './testing/clearance-fixtures.ts';

const json = (result: { code: number | null; stdout: string; stderr: string }) => {
  assert.equal(result.code, 0, result.stderr || result.stdout);
  return JSON.parse(result.stdout);
};

// The people and the proposal are written first, then `ctip` (its command tree, in this process)
// acts as each person with --as.
let programId: number;
describeEachDatabase(
  'ctip clearance',
  {
    prepare: async ({ handle }) => {
      await prepareDatabase({ handle });
      const people = [
        { email: 'tip@example.org', role: 'agency_editor', agencyId: 'state-tip' },
        { email: 'ilab@example.org', role: 'agency_editor', agencyId: 'dol-ilab' },
        { email: 'spog@example.org', role: 'coordinator' },
      ] as const;
      for (const person of people)
        await createUser({
          db: handle.db,
          input: { ...person, name: person.email },
          password: 'a long enough cli password',
          actor: testActor,
        });
      programId = await createProposal(handle.db, 'CLI proposal');
    },
  },
  (database) => {
    const runCtip = (...args: string[]) => runCtipInProcess({ args: ['clearance', ...args], handle: database.handle });

    test('submit, respond, reply, queue, notifications and decide, each as its person', async () => {
      const submitted = json(await runCtip('submit', String(programId), '--due', '2999-03-31', '--as', 'tip@example.org', '--json'));
      assert.equal(submitted.status, 'circulating');
      assert.equal(submitted.dueDate, '2999-03-31');
      const id = String(submitted.id);

      const queue = json(await runCtip('queue', '--as', 'ilab@example.org', '--json'));
      assert.ok(
        queue.items.some((item: { reviewId: number; agencyId: string }) => item.reviewId === submitted.id && item.agencyId === 'dol'),
      );
      const notes = await runCtip('notifications', '--as', 'ilab@example.org');
      assert.equal(notes.code, 0, notes.stderr);
      assert.match(notes.stdout, /^\* .*awaits your agency/m);

      const responded = json(
        await runCtip('respond', id, '--kind', 'objection', '--text', 'Overlaps ILAB', '--as', 'ilab@example.org', '--json'),
      );
      assert.deepEqual(
        responded.responses.map((response: { agencyId: string; respondedBy: string }) => [response.agencyId, response.respondedBy]),
        [['dol', 'ilab@example.org']],
      );
      const replied = await runCtip('reply', id, '--text', 'Different places', '--as', 'tip@example.org');
      assert.equal(replied.code, 0, replied.stderr);
      assert.match(replied.stdout, /reply \(tip@example\.org\): Different places/);

      const decided = json(
        await runCtip('decide', id, '--decision', 'clear', '--reasons', 'Answered', '--as', 'spog@example.org', '--json'),
      );
      assert.equal(decided.decision.outcome, 'cleared');
      assert.equal(decided.decision.decidedBy, 'spog@example.org');
      const shown = await runCtip('show', id);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /\[cleared\]/);
      assert.match(shown.stdout, /dol objection \(ilab@example\.org\): Overlaps ILAB/);

      const again = await runCtip('decide', id, '--decision', 'return', '--reasons', 'Late', '--as', 'spog@example.org', '--json');
      assert.equal(again.code, 6, 'CONFLICT');
      assert.equal(JSON.parse(again.stdout).error.code, 'CONFLICT');
    });

    test('bad arguments and the wrong person get clear errors and meaningful exit codes', async () => {
      const cases: [string[], number, RegExp][] = [
        [['respond', '1', '--kind', 'veto', '--text', 'x', '--as', 'ilab@example.org'], 2, /--kind/],
        [['respond', '1', '--kind', 'comment', '--text', 'x'], 2, /--as EMAIL/],
        [['show', 'abc'], 2, /positive whole number/],
        [['submit', String(programId), '--due', '31/12/2999', '--as', 'tip@example.org'], 2, /--due: Use a date as YYYY-MM-DD/],
        [['decide', '1', '--decision', 'clear', '--reasons', 'x', '--as', 'nobody@example.org'], 5, /No user nobody@example\.org/],
        [['decide', '1', '--decision', 'clear', '--reasons', 'x', '--as', 'tip@example.org'], 4, /may not clear or return/],
        [['show', '999999', '--as', 'ilab@example.org'], 5, /Clearance 999999 does not exist/],
      ];
      for (const [args, code, message] of cases) {
        const result = await runCtip(...args);
        assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message, args.join(' '));
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      }
    });
  },
);
