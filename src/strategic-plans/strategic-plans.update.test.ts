import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { listAuditTrail } from '../accounts/audit.service.ts';
import { createOpenClearance } from '../clearance/testing/clearance-fixtures.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { createProgram } from '../programs/program.service.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { publicViewer, systemViewer, type SignedInUser, type Viewer } from '../shared/actor.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import type { StrategicPlan, StrategicPlanInput } from '../recommendations/recommendations.schemas.ts';
import { createStrategicPlan, getStrategicPlan, updateStrategicPlan } from './strategic-plans.service.ts';

function userViewer(role: SignedInUser['role'], agencyIds: string[] = []): Viewer {
  return {
    kind: 'user',
    user: {
      id: 1,
      email: 'x@example.gov',
      name: 'X',
      role,
      agencyId: agencyIds[0] ?? null,
      agencyIds,
      organizationId: null,
      scopes: ['read', 'write'],
    },
  };
}

const tipEditor = userViewer('agency_editor', ['state-tip']);
const ilabEditor = userViewer('agency_editor', ['dol-ilab']);
const admin = userViewer('admin');
const rejects = (code: string, message?: RegExp) => (error: unknown) =>
  isAppError(error) && error.code === code && (!message || message.test(error.message));

/** Goals as titles, activities as `title: program ids`, for comparing plans at a glance. */
const outline = (plan: StrategicPlan) =>
  plan.goals.map((goal) => [
    goal.title,
    goal.activities.map((activity) => `${activity.title}: ${activity.programs.map((program) => program.id).join(',')}`),
  ]);

describeEachDatabase(
  'strategic plan updates',
  {
    prepare: async ({ db }) => {
      await seedReferenceData({ db });
      await seedOrganizations({ db });
    },
  },
  (database) => {
    let openProgram: number;
    let otherOpen: number;
    let ilabSecret: number;
    let ilabSecret2: number;
    before(async () => {
      const db = database.db;
      openProgram = (await createProgram({ db, input: buildProgramInput({ title: 'Open shelters' }), actor: testActor })).id;
      otherOpen = (await createProgram({ db, input: buildProgramInput({ title: 'Open training' }), actor: testActor })).id;
      const secret = { fundingAgencyId: 'dol-ilab', visibility: 'restricted', status: 'proposed' } as const;
      ilabSecret = (await createProgram({ db, input: buildProgramInput({ title: 'ILAB secret', ...secret }), actor: testActor })).id;
      ilabSecret2 = (await createProgram({ db, input: buildProgramInput({ title: 'ILAB secret two', ...secret }), actor: testActor })).id;
    });

    const planInput = (overrides: Partial<StrategicPlanInput> = {}): StrategicPlanInput => ({
      agencyId: 'state-tip',
      title: 'TIP plan',
      fiscalYearFrom: 2005,
      fiscalYearTo: 2007,
      goals: [{ title: 'Protect', activities: [{ title: 'Shelters', programIds: [openProgram] }] }],
      ...overrides,
    });
    const newPlan = (input = planInput()) => createStrategicPlan({ db: database.db, input, viewer: systemViewer, actor: testActor });
    const update = (plan: { id: number; version: string }, input: StrategicPlanInput, viewer: Viewer = tipEditor) =>
      updateStrategicPlan({ db: database.db, id: plan.id, input, expectedVersion: plan.version, viewer, actor: testActor });

    it('replaces the title, years, goals and activities, gives a new version and audits before and after', async () => {
      const created = await newPlan();
      const revised = planInput({
        title: 'TIP plan, revised',
        fiscalYearTo: 2009,
        goals: [
          {
            title: 'Protect',
            activities: [
              { title: 'Shelters', programIds: [openProgram, otherOpen] },
              { title: 'Hotline', programIds: [] },
            ],
          },
          { title: 'Prosecute', activities: [] },
        ],
      });
      const updated = await update(created, revised);
      assert.deepEqual(
        [updated.title, updated.fiscalYearFrom, updated.fiscalYearTo, updated.createdBy],
        ['TIP plan, revised', 2005, 2009, created.createdBy],
      );
      assert.deepEqual(outline(updated), [
        ['Protect', [`Shelters: ${openProgram},${otherOpen}`, 'Hotline: ']],
        ['Prosecute', []],
      ]);
      assert.notEqual(updated.version, created.version);
      assert.match(updated.version, /^[0-9a-f]{16}$/);
      assert.deepEqual(
        await getStrategicPlan({ db: database.db, id: created.id, viewer: publicViewer }),
        updated,
        'every read gives the same plan and version',
      );

      const trail = await listAuditTrail({
        db: database.db,
        viewer: systemViewer,
        entityType: 'strategic-plan',
        entityId: String(created.id),
      });
      assert.deepEqual(
        trail.map((entry) => entry.action),
        ['update', 'create'],
      );
      assert.deepEqual(
        [(trail[0]!.before as StrategicPlan).title, (trail[0]!.after as StrategicPlan).title],
        ['TIP plan', 'TIP plan, revised'],
      );

      // The version is the content's: saving the same content again keeps it.
      assert.equal((await update(updated, revised)).version, updated.version);
    });

    it('refuses a stale version with the current plan, writing nothing', async () => {
      const created = await newPlan();
      const current = await update(created, planInput({ title: 'Changed by someone else' }));
      const before = (
        await listAuditTrail({ db: database.db, viewer: systemViewer, entityType: 'strategic-plan', entityId: String(created.id) })
      ).length;
      await assert.rejects(update(created, planInput({ title: 'My stale edit' })), (error: unknown) => {
        assert.ok(isAppError(error) && error.code === 'VERSION_MISMATCH', String(error));
        assert.match(error.message, new RegExp(`you edited version ${created.version}, it is now version ${current.version}`));
        assert.deepEqual(error.current, current);
        return true;
      });
      assert.deepEqual(await getStrategicPlan({ db: database.db, id: created.id, viewer: systemViewer }), current);
      assert.equal(
        (await listAuditTrail({ db: database.db, viewer: systemViewer, entityType: 'strategic-plan', entityId: String(created.id) }))
          .length,
        before,
      );
    });

    it('of concurrent edits of the same version exactly one wins; the others get VERSION_MISMATCH (the plan row is locked)', async () => {
      // Several rounds: without the lock, PostgreSQL lets both edits of a round pass.
      for (let round = 0; round < 4; round++) {
        const created = await newPlan();
        const edits = ['A', 'B'].map((who) =>
          planInput({
            title: `Edit ${who}`,
            goals: [{ title: `Goal of ${who}`, activities: [{ title: `Activity of ${who}`, programIds: [openProgram] }] }],
          }),
        );
        const results = await Promise.allSettled(edits.map((input) => update(created, input)));
        const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
        const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
        assert.equal(won.length, 1, `round ${round}: ${lost.map(String).join('; ')}`);
        assert.ok(
          lost.length === 1 && lost[0] instanceof AppError && lost[0].code === 'VERSION_MISMATCH',
          `round ${round}: ${String(lost[0])}`,
        );
        const stored = await getStrategicPlan({ db: database.db, id: created.id, viewer: systemViewer });
        assert.deepEqual(stored, won[0], 'the winner is stored whole, not mixed with the loser');
        assert.equal(stored.goals.length, 1);
      }
    });

    it('checks an edit like a new plan: who may write both agencies, programs the writer may see, the input, the plan', async () => {
      const created = await newPlan();
      const attempts: [() => Promise<unknown>, (error: unknown) => boolean][] = [
        [() => update(created, planInput({ agencyId: 'doj' })), rejects('FORBIDDEN')],
        [() => update(created, planInput(), ilabEditor), rejects('FORBIDDEN')],
        [() => update(created, planInput({ agencyId: 'dol-ilab' }), ilabEditor), rejects('FORBIDDEN', /state-tip/)],
        [() => update(created, planInput(), userViewer('coordinator')), rejects('FORBIDDEN')],
        [() => update(created, planInput(), publicViewer), rejects('UNAUTHORIZED')],
        [
          () => update(created, planInput({ goals: [{ title: 'G', activities: [{ title: 'A', programIds: [987_654] }] }] })),
          rejects('VALIDATION_FAILED', /Unknown program 987654/),
        ],
        [
          () => update(created, planInput({ goals: [{ title: 'G', activities: [{ title: 'A', programIds: [ilabSecret] }] }] })),
          rejects('VALIDATION_FAILED', new RegExp(`Unknown program ${ilabSecret}$`)),
        ],
        [() => update(created, planInput({ fiscalYearFrom: 2010 })), rejects('VALIDATION_FAILED', /fiscalYearFrom must not be after/)],
        [() => update(created, planInput({ goals: [] })), rejects('VALIDATION_FAILED', /at least one goal/)],
        [() => update({ id: 987_654, version: created.version }, planInput()), rejects('NOT_FOUND')],
      ];
      // One at a time: each is a transaction on the same plan.
      for (const [attempt, check] of attempts) await assert.rejects(attempt(), check);
      assert.deepEqual(await getStrategicPlan({ db: database.db, id: created.id, viewer: systemViewer }), created, 'nothing was written');
      const moved = await update(created, planInput({ agencyId: 'doj' }), admin);
      assert.equal(moved.agency.id, 'doj', 'an administrator may move a plan to another agency');
    });

    it('keeps links to programs the writer may not see with their activities, and its version does not reveal them', async () => {
      const created = await newPlan(
        planInput({
          goals: [
            {
              title: 'Protect',
              activities: [
                { title: 'Shelters', programIds: [openProgram, ilabSecret] },
                { title: 'Training', programIds: [] },
              ],
            },
            { title: 'Prosecute', activities: [{ title: 'Courts', programIds: [ilabSecret2] }] },
          ],
        }),
      );
      const seen = await getStrategicPlan({ db: database.db, id: created.id, viewer: tipEditor });
      assert.deepEqual(outline(seen), [
        ['Protect', [`Shelters: ${openProgram}`, 'Training: ']],
        ['Prosecute', ['Courts: ']],
      ]);
      assert.notEqual(seen.version, created.version, 'each reader gets the version of what they see');

      // An administrator relinks only a hidden program: the editor's version does not move.
      const relinked = await update(
        created,
        planInput({
          goals: [asInput(created.goals[0]!), { title: 'Prosecute', activities: [{ title: 'Courts', programIds: [ilabSecret] }] }],
        }),
        admin,
      );
      assert.equal((await getStrategicPlan({ db: database.db, id: created.id, viewer: tipEditor })).version, seen.version);
      assert.notEqual(relinked.version, created.version);

      // The editor renames the first goal in place, swaps its activities and removes the second goal.
      const edited = await update(
        seen,
        planInput({
          goals: [
            {
              title: 'Protect victims',
              activities: [
                { title: 'Training', programIds: [otherOpen] },
                { title: 'Shelters', programIds: [openProgram] },
              ],
            },
          ],
        }),
      );
      assert.deepEqual(outline(edited), [['Protect victims', [`Training: ${otherOpen}`, `Shelters: ${openProgram}`]]]);
      const whole = await getStrategicPlan({ db: database.db, id: created.id, viewer: systemViewer });
      assert.deepEqual(
        outline(whole),
        [['Protect victims', [`Training: ${otherOpen}`, `Shelters: ${openProgram},${ilabSecret}`]]],
        'the hidden link moved with its activity; the removed goal took its own',
      );
    });

    it('links a proposal circulated to the writer’s agency for clearance, as the policy lets them see it', async () => {
      const { programId } = await createOpenClearance(database.db);
      const input = planInput({
        agencyId: 'dol-ilab',
        goals: [{ title: 'Coordinate', activities: [{ title: 'Review TIP proposals', programIds: [programId] }] }],
      });
      const created = await createStrategicPlan({ db: database.db, input, viewer: ilabEditor, actor: testActor });
      assert.deepEqual(outline(created), [['Coordinate', [`Review TIP proposals: ${programId}`]]]);
      assert.equal(
        (await update(created, { ...input, title: 'ILAB plan, revised' }, ilabEditor)).goals[0]!.activities[0]!.programs[0]!.id,
        programId,
      );
      assert.deepEqual(outline(await getStrategicPlan({ db: database.db, id: created.id, viewer: publicViewer })), [
        ['Coordinate', ['Review TIP proposals: ']],
      ]);
    });
  },
);

/** A plan's goal as input again (program ids of what the reader saw). */
function asInput(goal: StrategicPlan['goals'][number]): StrategicPlanInput['goals'][number] {
  return {
    title: goal.title,
    description: goal.description,
    activities: goal.activities.map((activity) => ({
      title: activity.title,
      description: activity.description,
      programIds: activity.programs.map((program) => program.id),
    })),
  };
}
