import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { listAuditTrail } from '../accounts/audit.service.ts';
import { createUser } from '../accounts/users.service.ts';
import { listProgramHistory } from '../programs/program.service.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { systemViewer } from '../shared/actor.ts';
import { isAppError } from '../shared/errors.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { actingAs } from './acting-user.ts';
import { decideClearance, getClearance, respondToClearance } from './clearance.service.ts';
import { createOpenClearance } from './testing/clearance-fixtures.ts';

/** The SPOG members a state-tip proposal is circulated to. */
const members = ['dci', 'dhs', 'doj', 'dol', 'hhs', 'omb', 'usaid'];
const password = 'a long enough race password';

/** Which of two concurrent calls succeeded, and the errors of the others. */
async function settle(calls: Promise<unknown>[]) {
  const results = await Promise.allSettled(calls);
  return {
    won: results.filter((result) => result.status === 'fulfilled').length,
    errors: results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : [])),
  };
}

describeEachDatabase('clearance under concurrent writers', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  before(async () => {
    for (const email of ['spog-a@example.org', 'spog-b@example.org']) {
      await createUser({ db: database.db, input: { email, name: email, role: 'coordinator' }, password, actor: testActor });
    }
    for (const agencyId of members) {
      await createUser({
        db: database.db,
        input: { email: `${agencyId}@race.example.org`, name: agencyId, role: 'agency_viewer', agencyId },
        password,
        actor: testActor,
      });
    }
  });
  const as = (email: string) => actingAs({ db: database.db, email, door: 'api' });

  test('two coordinators decide at once (clear and return): exactly one decision stands, the other is a CONFLICT', async () => {
    const { reviewId, programId } = await createOpenClearance(database.db);
    const [first, second] = [await as('spog-a@example.org'), await as('spog-b@example.org')];
    const { won, errors } = await settle([
      decideClearance({ db: database.db, reviewId, input: { decision: 'clear', reasons: 'Clear it' }, ...first }),
      decideClearance({ db: database.db, reviewId, input: { decision: 'return', reasons: 'Return it' }, ...second }),
    ]);
    assert.equal(won, 1);
    assert.equal(errors.length, 1);
    assert.ok(isAppError(errors[0]) && errors[0].code === 'CONFLICT', String(errors[0]));

    const clearance = await getClearance({ db: database.db, reviewId, viewer: systemViewer });
    const trail = await listAuditTrail({
      db: database.db,
      viewer: systemViewer,
      entityType: 'clearance_review',
      entityId: String(reviewId),
    });
    const decisions = trail.filter((entry) => entry.action === 'clearance.clear' || entry.action === 'clearance.return');
    assert.equal(decisions.length, 1);
    assert.equal(decisions[0]!.action, clearance.decision!.outcome === 'cleared' ? 'clearance.clear' : 'clearance.return');
    const history = await listProgramHistory({ db: database.db, id: programId, viewer: systemViewer });
    const statuses = history.map((entry) => (entry.after as { status: string }).status);
    assert.deepEqual(statuses, ['proposed', 'under_review', clearance.decision!.outcome === 'cleared' ? 'active' : 'proposed']);
  });

  test('the last two member agencies respond at once: both recorded, the review becomes answered exactly once', async () => {
    const { reviewId } = await createOpenClearance(database.db);
    for (const agencyId of members.slice(0, -2)) {
      await respondToClearance({
        db: database.db,
        reviewId,
        input: { kind: 'concurrence', text: `${agencyId} concurs` },
        ...(await as(`${agencyId}@race.example.org`)),
      });
    }
    assert.equal((await getClearance({ db: database.db, reviewId, viewer: systemViewer })).status, 'circulating');
    const last = await Promise.all(members.slice(-2).map((agencyId) => as(`${agencyId}@race.example.org`)));
    const { won, errors } = await settle(
      last.map((who, index) =>
        respondToClearance({ db: database.db, reviewId, input: { kind: 'comment', text: `last ${index}` }, ...who }),
      ),
    );
    assert.deepEqual([won, errors.map(String)], [2, []]);

    const clearance = await getClearance({ db: database.db, reviewId, viewer: systemViewer });
    assert.equal(clearance.status, 'answered');
    assert.equal(clearance.responses.length, members.length);
    assert.ok(clearance.circulatedTo.every((entry) => entry.position !== null));
    const trail = await listAuditTrail({
      db: database.db,
      viewer: systemViewer,
      entityType: 'clearance_review',
      entityId: String(reviewId),
    });
    const responses = trail.filter((entry) => entry.action === 'clearance.respond');
    assert.equal(responses.length, members.length);
    assert.equal(
      responses.filter((entry) => (entry.after as { status?: string } | null)?.status === 'answered').length,
      1,
      'one response completes the set',
    );
  });
});
