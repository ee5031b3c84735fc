import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/database.ts';
import { prepareDatabase } from './prepare-database.ts';
import { createProgram } from '../programs/program.service.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { checkAfterKill } from './testing/crash-checks.ts';
import { createRoundLog, sentPayloads } from './testing/write-stream.ts';

// The kill test is only as good as its checks: here each kind of damage is planted and must be found.
let handle: DatabaseHandle;
before(async () => {
  handle = await createTestDatabase({ kind: 'pglite' });
  await prepareDatabase({ handle });
});
after(async () => handle?.close());

test('a whole program passes; one without its obligations, a lost acknowledged write and an audit event without its step are found', async () => {
  sentPayloads.set('crash-whole', { obligations: [{ fiscalYear: 2004, amountCents: 500 }], places: ['NPL'] });
  const whole = await createProgram({
    db: handle.db,
    input: buildProgramInput({ title: 'crash-whole', obligations: [{ fiscalYear: 2004, amountCents: 500, amountNote: null }] }),
    actor: testActor,
  });
  const log = createRoundLog();
  log.programWrites.push({ kind: 'create', tag: 'crash-whole', programId: whole.id, acknowledged: true, restricted: false });
  assert.deepEqual(await checkAfterKill({ db: handle.db, log }).then((check) => [check.lost, check.torn, check.acknowledged]), [[], [], 1]);

  sentPayloads.set('crash-torn', { obligations: [{ fiscalYear: 2005, amountCents: 700 }], places: ['NPL'] });
  const torn = await createProgram({
    db: handle.db,
    input: buildProgramInput({ title: 'crash-torn', obligations: [{ fiscalYear: 2005, amountCents: 700, amountNote: null }] }),
    actor: testActor,
  });
  await handle.db.execute(sql`DELETE FROM program_obligations WHERE program_id = ${torn.id}`);
  await handle.db.execute(
    sql`INSERT INTO audit_events (actor, door, action, entity_type, entity_id, after) VALUES ('x', 'api', 'clearance.reply', 'clearance', '1', '{"replyId": 424242}')`,
  );
  log.programWrites.push({ kind: 'create', tag: 'crash-gone', programId: 999_999, acknowledged: true, restricted: false });
  log.stepWrites.push({ kind: 'reply', reviewId: 1, programId: 0, text: 'never stored', acknowledged: true });
  const check = await checkAfterKill({ db: handle.db, log });
  assert.equal(check.torn.length, 2, check.torn.join('\n'));
  assert.match(check.torn.join('\n'), new RegExp(`program ${torn.id} \\(crash-torn\\): obligations none`));
  assert.match(check.torn.join('\n'), /clearance.reply\) without its step/);
  assert.equal(check.lost.length, 2, check.lost.join('\n'));
  assert.match(check.lost.join('\n'), /program 999999 \(crash-gone\) was acknowledged but the program is gone/);
  assert.match(check.lost.join('\n'), /reply on clearance 1 \("never stored"\) was acknowledged/);
});
