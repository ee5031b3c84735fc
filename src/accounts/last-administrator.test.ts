import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inTransaction } from '../db/transaction.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { isAppError } from '../shared/errors.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { createUser, disableUser, listUsers, setUserRole } from './users.service.ts';
import { systemViewer } from '../shared/actor.ts';

const password = 'a long enough test password';

describeEachDatabase(
  'the last active administrator, and clearing a membership',
  { prepare: ({ db }) => seedReferenceData({ db }) },
  (database) => {
    const db = () => database.db;
    const activeAdministrators = async () =>
      (await listUsers({ db: db(), viewer: systemViewer }))
        .filter((user) => user.role === 'admin' && !user.disabled)
        .map((user) => user.email);
    const isConflict = (error: unknown) =>
      isAppError(error) && error.code === 'CONFLICT' && /last active administrator/.test(error.message);

    test('the only administrator can be neither disabled nor demoted', async () => {
      await createUser({ db: db(), input: { email: 'first-admin@example.org', name: 'First', role: 'admin' }, password, actor: testActor });
      await assert.rejects(
        inTransaction(db(), (tx) => disableUser({ db: tx, user: 'first-admin@example.org', actor: testActor })),
        isConflict,
      );
      await assert.rejects(
        inTransaction(db(), (tx) => setUserRole({ db: tx, user: 'first-admin@example.org', role: 'coordinator', actor: testActor })),
        isConflict,
      );
      assert.deepEqual(await activeAdministrators(), ['first-admin@example.org']);
    });

    test('with a second administrator one may go; two removed at once leave exactly one', async () => {
      await createUser({
        db: db(),
        input: { email: 'second-admin@example.org', name: 'Second', role: 'admin' },
        password,
        actor: testActor,
      });
      const outcomes = await Promise.allSettled([
        inTransaction(db(), (tx) => disableUser({ db: tx, user: 'first-admin@example.org', actor: testActor })),
        inTransaction(db(), (tx) => setUserRole({ db: tx, user: 'second-admin@example.org', role: 'coordinator', actor: testActor })),
      ]);
      assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), ['fulfilled', 'rejected']);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      assert.ok(isConflict(refused.reason), String(refused.reason));
      assert.equal((await activeAdministrators()).length, 1);
    });

    test('an administrator who is already disabled does not count, and a disabled one can be changed', async () => {
      const [remaining] = await activeAdministrators();
      const other = remaining === 'first-admin@example.org' ? 'second-admin@example.org' : 'first-admin@example.org';
      // Whichever was removed: changing it further never needs another administrator.
      const changed = await inTransaction(db(), (tx) => setUserRole({ db: tx, user: other, role: 'coordinator', actor: testActor }));
      assert.equal(changed.role, 'coordinator');
      await assert.rejects(
        inTransaction(db(), (tx) => disableUser({ db: tx, user: remaining!, actor: testActor })),
        isConflict,
      );
    });

    test('an agency or organization can be removed with null; left out, it is kept', async () => {
      await createUser({
        db: db(),
        input: { email: 'moving@example.org', name: 'Moving', role: 'agency_editor', agencyId: 'state-tip' },
        password,
        actor: testActor,
      });
      const kept = await inTransaction(db(), (tx) =>
        setUserRole({ db: tx, user: 'moving@example.org', role: 'agency_viewer', actor: testActor }),
      );
      assert.equal(kept.agencyId, 'state-tip');
      const cleared = await inTransaction(db(), (tx) =>
        setUserRole({ db: tx, user: 'moving@example.org', role: 'coordinator', agencyId: null, actor: testActor }),
      );
      assert.deepEqual([cleared.role, cleared.agencyId], ['coordinator', null]);
      await assert.rejects(
        inTransaction(db(), (tx) =>
          setUserRole({ db: tx, user: 'moving@example.org', role: 'agency_editor', agencyId: null, actor: testActor }),
        ),
        (error: unknown) => isAppError(error) && error.code === 'VALIDATION_FAILED',
      );
    });
  },
);
