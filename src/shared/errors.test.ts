import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/select-rows.ts';
import { createProgram, updateProgram } from '../programs/program.service.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { systemViewer } from './actor.ts';
import { AppError, toAppError } from './errors.ts';

test('toAppError keeps AppErrors, names a deadlock as a conflict to retry, and hides the rest as internal', () => {
  const mine = new AppError({ code: 'NOT_FOUND', message: 'No program 9' });
  assert.equal(toAppError(mine, 'x'), mine);
  // drizzle wraps the driver's error; the SQLSTATE is on its cause.
  const wrapped = Object.assign(new Error('Failed query: UPDATE …'), {
    cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }),
  });
  assert.equal(toAppError(wrapped, 'x').code, 'CONFLICT');
  assert.equal(toAppError(wrapped, 'x').httpStatus, 409);
  assert.equal(toAppError(Object.assign(new Error('could not serialize'), { code: '40001' }), 'x').code, 'CONFLICT');
  const other = toAppError(Object.assign(new Error('division by zero'), { code: '22012' }), 'Something went wrong');
  assert.deepEqual([other.code, other.message], ['INTERNAL', 'Something went wrong']);
});

describeEachDatabase('a real deadlock between two writers', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  // PGlite runs one transaction at a time, so two writers cannot hold locks against each other.
  const skip = database.kind === 'pglite' ? 'PGlite runs one transaction at a time: no deadlock is possible' : false;
  test('the database undoes one of them; the service error becomes a CONFLICT, and the other is saved', { skip }, async () => {
    const { db } = database;
    const first = await createProgram({ db, input: buildProgramInput({ title: 'Deadlock one' }), actor: testActor });
    const second = await createProgram({ db, input: buildProgramInput({ title: 'Deadlock two' }), actor: testActor });
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    let locked = 0;
    const lockedOne = () => (++locked === 2 ? release() : undefined);
    // Each transaction locks its own program, waits until the other has too, then wants the other's.
    const writer = (own: number, other: number) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SELECT id FROM programs WHERE id = ${own} FOR UPDATE`);
        lockedOne();
        await bothLocked;
        await updateProgram({
          db: tx,
          id: other,
          expectedVersion: 1,
          input: buildProgramInput({ title: `Changed by ${own}` }),
          actor: testActor,
          viewer: systemViewer,
        });
      });
    const outcomes = await Promise.allSettled([writer(first.id, second.id), writer(second.id, first.id)]);
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    assert.equal(refused.length, 1, 'exactly one transaction is undone');
    const error = toAppError(refused[0]!.reason, 'internal');
    assert.equal(error.code, 'CONFLICT', String(refused[0]!.reason));
    assert.match(error.message, /try again/);
    const titles = await selectRows<{ title: string }>(
      db,
      sql`SELECT title FROM programs WHERE id IN (${first.id}, ${second.id}) ORDER BY id`,
    );
    assert.equal(titles.filter((row) => row.title.startsWith('Changed by')).length, 1, 'the other transaction was saved');
  });
});
