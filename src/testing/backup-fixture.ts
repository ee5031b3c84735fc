import path from 'node:path';
import type { Database } from '../db/database.ts';
import { buildRoleWorld, testPassword } from './role-fixtures.ts';
import { signIn } from '../accounts/sessions.service.ts';
import { SignInThrottle } from '../accounts/sign-in-throttle.ts';
import { createUser } from '../accounts/users.service.ts';
import { actingAs } from '../clearance/acting-user.ts';
import { replyAsProposer, respondToClearance } from '../clearance/clearance.service.ts';
import { markNotificationsRead } from '../clearance/notifications.ts';
import { createOpenClearance } from '../clearance/testing/clearance-fixtures.ts';
import { importIatiFile } from '../imports/iati/iati.importer.ts';
import { createRecommendation, respondToRecommendation } from '../recommendations/recommendations.service.ts';
import { createStrategicPlan } from '../strategic-plans/strategic-plans.service.ts';
import { systemViewer } from '../shared/actor.ts';
import { testActor } from './fixtures.ts';
import { preparePortalDatabase } from './portal-fixture.ts';

const iatiFixture = path.join(import.meta.dirname, '..', 'imports', 'iati', 'fixtures', 'trafficking-2.03-constructed.xml');

/**
 * Fills a migrated database with real rows in (nearly) every table, through the same services
 * the doors use: the grant-listing excerpt and an IATI file imported, a person per role with a
 * session and a token, a clearance in circulation, a recommendation with responses and a
 * strategic plan linked to programs.
 */
export async function fillBackupDatabase(db: Database): Promise<void> {
  const world = await buildRoleWorld(db);
  await world.app.close();
  const portal = await preparePortalDatabase(db);
  await importIatiFile({ db, filePath: iatiFixture, actor: testActor, fundingAgencyId: 'state-tip' });
  const { reviewId } = await createOpenClearance(db);
  await createUser({
    db,
    input: { email: 'dol@backup.example.org', name: 'DOL reviewer', role: 'agency_viewer', agencyId: 'dol' },
    password: testPassword,
    actor: testActor,
  });
  // A mistyped password leaves a sign-in back-off count (sign_in_failures) to carry over.
  await signIn({
    db,
    email: 'dol@backup.example.org',
    password: 'not the password',
    clientAddress: '192.0.2.7',
    throttle: new SignInThrottle({ db }),
    door: 'web',
  }).catch(() => {});
  const reviewer = await actingAs({ db, email: 'dol@backup.example.org', door: 'api' });
  await respondToClearance({ db, reviewId, input: { kind: 'objection', text: 'Overlaps an ILAB award in Nepal.' }, ...reviewer });
  await replyAsProposer({
    db,
    reviewId,
    text: 'The ILAB award ends before this one starts.',
    ...(await actingAs({ db, email: 'editor@example.org', door: 'api' })),
  });
  await markNotificationsRead({ db, viewer: reviewer.viewer });
  const recommendation = await createRecommendation({
    db,
    input: { fiscalYear: 2004, ownerAgencyId: 'state-tip', text: 'Track indicators for every award.' },
    viewer: systemViewer,
    actor: testActor,
  });
  await respondToRecommendation({
    db,
    id: recommendation.id,
    input: { text: 'Indicators drafted.', resultingStatus: 'in_progress' },
    viewer: systemViewer,
    actor: testActor,
  });
  await createStrategicPlan({
    db,
    input: {
      agencyId: 'state-tip',
      title: 'TIP Office plan',
      fiscalYearFrom: 2004,
      fiscalYearTo: 2006,
      goals: [{ title: 'Protect', activities: [{ title: 'Shelters', programIds: [portal.hostileId, portal.restrictedId] }] }],
    },
    viewer: systemViewer,
    actor: testActor,
  });
}
