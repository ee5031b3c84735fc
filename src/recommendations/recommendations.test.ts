import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/select-rows.ts';
import { listAuditTrail } from '../accounts/audit.service.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { createProgram } from '../programs/program.service.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { publicViewer, systemViewer, type SignedInUser, type Viewer } from '../shared/actor.ts';
import { isAppError } from '../shared/errors.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { createRecommendation, listRecommendations, respondToRecommendation } from './recommendations.service.ts';
import { createStrategicPlan, listStrategicPlans } from '../strategic-plans/strategic-plans.service.ts';

function userViewer(role: SignedInUser['role'], agencyIds: string[] = [], scopes: SignedInUser['scopes'] = ['read', 'write']): Viewer {
  return {
    kind: 'user',
    user: { id: 1, email: 'x@example.gov', name: 'X', role, agencyId: agencyIds[0] ?? null, agencyIds, organizationId: null, scopes },
  };
}

const rejects = (code: string) => (error: unknown) => isAppError(error) && error.code === code;
const count = async (db: Parameters<typeof listRecommendations>[0]['db'], table: string) =>
  Number((await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n);

describeEachDatabase(
  'recommendations and strategic plans',
  {
    prepare: async ({ db }) => {
      await seedReferenceData({ db });
      await seedOrganizations({ db });
    },
  },
  (database) => {
    it('records a recommendation, appends responses that move its status, and audits each change', async () => {
      const db = database.db;
      const created = await createRecommendation({
        db,
        input: { fiscalYear: 2004, ownerAgencyId: 'state-tip', text: '  Track indicators.  ' },
        viewer: userViewer('coordinator'),
        actor: testActor,
      });
      assert.deepEqual(
        [created.status, created.text, created.ownerAgency.id, created.responses.length],
        ['open', 'Track indicators.', 'state-tip', 0],
      );
      await respondToRecommendation({
        db,
        id: created.id,
        input: { text: 'Drafted.', resultingStatus: 'in_progress' },
        viewer: systemViewer,
        actor: testActor,
      });
      const done = await respondToRecommendation({
        db,
        id: created.id,
        input: { text: 'Adopted.', resultingStatus: 'implemented' },
        viewer: userViewer('admin'),
        actor: testActor,
      });
      assert.equal(done.status, 'implemented');
      assert.deepEqual(
        done.responses.map((response) => [response.text, response.resultingStatus]),
        [
          ['Drafted.', 'in_progress'],
          ['Adopted.', 'implemented'],
        ],
      );
      assert.deepEqual(
        (await listRecommendations({ db, fiscalYear: 2004 })).map((item) => item.id),
        [created.id],
      );
      assert.deepEqual(await listRecommendations({ db, fiscalYear: 2005 }), []);
      const trail = await listAuditTrail({ db, viewer: systemViewer, entityType: 'recommendation', entityId: String(created.id) });
      assert.deepEqual(trail.map((entry) => entry.action).sort(), ['create', 'respond', 'respond']);
    });

    it('responses cannot be edited or deleted, even in SQL', async () => {
      const appendOnly = (error: unknown) =>
        /append-only/.test(`${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message}`);
      await assert.rejects(database.db.execute(sql`UPDATE recommendation_responses SET text = 'rewritten'`), appendOnly);
      await assert.rejects(database.db.execute(sql`DELETE FROM recommendation_responses`), appendOnly);
    });

    it('only coordinators, administrators and the CLI write recommendations; read-only tokens cannot', async () => {
      const input = { fiscalYear: 2004, ownerAgencyId: 'doj', text: 'x' };
      const before = await count(database.db, 'recommendations');
      await assert.rejects(
        createRecommendation({ db: database.db, input, viewer: publicViewer, actor: testActor }),
        rejects('UNAUTHORIZED'),
      );
      for (const viewer of [userViewer('agency_editor', ['doj']), userViewer('ngo_manager'), userViewer('coordinator', [], ['read'])]) {
        await assert.rejects(createRecommendation({ db: database.db, input, viewer, actor: testActor }), rejects('FORBIDDEN'));
      }
      await assert.rejects(
        respondToRecommendation({
          db: database.db,
          id: 1,
          input: { text: 'x', resultingStatus: 'open' },
          viewer: userViewer('agency_viewer', ['doj']),
          actor: testActor,
        }),
        rejects('FORBIDDEN'),
      );
      assert.equal(await count(database.db, 'recommendations'), before);
    });

    it('refuses bad input with every problem named, writing nothing', async () => {
      const db = database.db;
      const before = [await count(db, 'recommendations'), await count(db, 'recommendation_responses')];
      await assert.rejects(
        createRecommendation({ db, input: { fiscalYear: 1800, ownerAgencyId: 'doj', text: ' ' }, viewer: systemViewer, actor: testActor }),
        (error: unknown) => {
          assert.ok(isAppError(error) && error.code === 'VALIDATION_FAILED');
          assert.deepEqual(error.details?.map((detail) => detail.field).sort(), ['fiscalYear', 'text']);
          return true;
        },
      );
      await assert.rejects(
        createRecommendation({ db, input: { fiscalYear: 2004, ownerAgencyId: 'nope', text: 'x' }, viewer: systemViewer, actor: testActor }),
        /Unknown agency 'nope'/,
      );
      await assert.rejects(
        respondToRecommendation({ db, id: 999_999, input: { text: 'x', resultingStatus: 'open' }, viewer: systemViewer, actor: testActor }),
        rejects('NOT_FOUND'),
      );
      await assert.rejects(
        respondToRecommendation({
          db,
          id: 1,
          input: { text: 'x', resultingStatus: 'done' as never },
          viewer: systemViewer,
          actor: testActor,
        }),
        rejects('VALIDATION_FAILED'),
      );
      assert.deepEqual([await count(db, 'recommendations'), await count(db, 'recommendation_responses')], before);
    });

    it("agency editors write their own agency tree's plans; linked restricted programs stay hidden from the public", async () => {
      const db = database.db;
      const open = await createProgram({ db, input: buildProgramInput({ title: 'Open program' }), actor: testActor });
      const secret = await createProgram({
        db,
        input: buildProgramInput({ title: 'Secret proposal', visibility: 'restricted', status: 'proposed' }),
        actor: testActor,
      });
      const input = {
        agencyId: 'state-tip',
        title: 'TIP Office plan',
        fiscalYearFrom: 2004,
        fiscalYearTo: 2006,
        goals: [{ title: 'Protect', activities: [{ title: 'Shelters', programIds: [open.id, secret.id] }] }],
      };
      await assert.rejects(
        createStrategicPlan({ db, input, viewer: userViewer('agency_editor', ['doj']), actor: testActor }),
        rejects('FORBIDDEN'),
      );
      await assert.rejects(createStrategicPlan({ db, input, viewer: userViewer('coordinator'), actor: testActor }), rejects('FORBIDDEN'));
      const plan = await createStrategicPlan({ db, input, viewer: userViewer('agency_editor', ['state', 'state-tip']), actor: testActor });
      assert.deepEqual(
        plan.goals[0]!.activities[0]!.programs.map((program) => program.title),
        ['Open program', 'Secret proposal'],
      );
      const [publicPlan] = await listStrategicPlans({ db, viewer: publicViewer, fiscalYear: 2005 });
      assert.deepEqual(
        publicPlan!.goals[0]!.activities[0]!.programs.map((program) => program.title),
        ['Open program'],
      );
      assert.deepEqual(await listStrategicPlans({ db, viewer: publicViewer, fiscalYear: 2007 }), []);
      assert.equal((await listAuditTrail({ db, viewer: systemViewer, entityType: 'strategic-plan' })).length, 1);
    });

    it('refuses a plan with unknown programs, a reversed period or no goal, writing nothing', async () => {
      const db = database.db;
      const before = await count(db, 'strategic_plans');
      const base = {
        agencyId: 'doj',
        title: 'Plan',
        fiscalYearFrom: 2004,
        fiscalYearTo: 2005,
        goals: [{ title: 'G', activities: [{ title: 'A', programIds: [987_654] }] }],
      };
      await assert.rejects(createStrategicPlan({ db, input: base, viewer: systemViewer, actor: testActor }), /Unknown program 987654/);
      await assert.rejects(
        createStrategicPlan({ db, input: { ...base, fiscalYearFrom: 2006 }, viewer: systemViewer, actor: testActor }),
        /fiscalYearFrom must not be after fiscalYearTo/,
      );
      await assert.rejects(
        createStrategicPlan({ db, input: { ...base, goals: [] }, viewer: systemViewer, actor: testActor }),
        /at least one goal/,
      );
      assert.equal(await count(db, 'strategic_plans'), before);
    });
  },
);
