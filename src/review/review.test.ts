import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { schema, type Executor } from '../db/database.ts';
import { importUsaspending } from '../imports/usaspending/usaspending.importer.ts';
import { fixturePath, testActor } from '../imports/usaspending/testing/helpers.ts';
import { seedForImport } from '../testing/tip-grants-fixture.ts';
import { buildApp } from '../app/app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { isAppError } from '../shared/errors.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { listNamesForReview, mapNameForReview } from './review.service.ts';
import { systemViewer } from '../shared/actor.ts';

const apiToken = 'review-token-0123456789abcdefghijkl';
const auth = { authorization: `Bearer ${apiToken}` };
const { programs, programPartners, programPlaces, organizations } = schema;

async function partnerOf(db: Executor, sourceKey: string): Promise<number | undefined> {
  const [row] = await db
    .select({ organizationId: programPartners.organizationId })
    .from(programPartners)
    .innerJoin(programs, eq(programs.id, programPartners.programId))
    .where(and(eq(programs.source, 'usaspending'), eq(programs.sourceKey, sourceKey)));
  return row?.organizationId;
}

describeEachDatabase('review of unresolved names', { prepare: seedForImport }, (database) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildApp({
      db: database.db,
      config: { bodyLimit: 65_536, apiToken, logLevel: 'silent' as const, rateLimit: rateLimitOff },
      logger: false,
    });
  });
  after(async () => {
    await app.close();
  });

  it('import → name unresolved → mapped once → the re-import resolves it (organization, by UEI and name)', async () => {
    await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor });
    const pending = await listNamesForReview({ db: database.db, viewer: systemViewer, kind: 'organization' });
    assert.ok(pending.some((entry) => entry.name === 'LANTERN HOUSE LEGAL AID'));
    const [iom] = await database.db.select().from(organizations).where(eq(organizations.name, 'International Organization for Migration'));
    const result = await mapNameForReview({
      db: database.db,
      actor: testActor,
      kind: 'organization',
      name: 'LANTERN HOUSE LEGAL AID',
      organizationId: iom!.id,
    });
    assert.deepEqual([result.wasPending, result.movedIdentifiers], [true, 1]);
    assert.ok(
      !(await listNamesForReview({ db: database.db, viewer: systemViewer })).some((entry) => entry.name === 'LANTERN HOUSE LEGAL AID'),
    );
    const report = await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor });
    assert.equal(report.updated, 1);
    assert.equal(await partnerOf(database.db, 'ASST_NON_15POVC22GK00456_1550'), iom!.id);
    assert.ok(!report.unresolvedNames.some((entry) => entry.name === 'LANTERN HOUSE LEGAL AID'));
  });

  it('a place mapped through the API is used by the next import', async () => {
    const denied = await app.inject({
      method: 'POST',
      url: '/api/review/mappings',
      payload: { kind: 'place', name: 'CLIPPERTON ISLAND', countryCode: 'FRA' },
    });
    assert.equal(denied.statusCode, 401);
    const response = await app.inject({
      method: 'POST',
      url: '/api/review/mappings',
      headers: auth,
      payload: { kind: 'place', name: 'CLIPPERTON ISLAND', countryCode: 'FRA' },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual([response.json().countryCode, response.json().wasPending], ['FRA', true]);
    const report = await importUsaspending({ db: database.db, filePath: fixturePath, actor: testActor });
    assert.equal(report.updated, 1);
    const places = await database.db
      .select({ country: programPlaces.countryCode })
      .from(programPlaces)
      .innerJoin(programs, eq(programs.id, programPlaces.programId))
      .where(eq(programs.sourceKey, 'ASST_NON_15POVC22GK00666_1550'));
    assert.deepEqual(places, [{ country: 'FRA' }]);
  });

  it('refuses bad mappings with clear errors', async () => {
    const both = await app.inject({
      method: 'POST',
      url: '/api/review/mappings',
      headers: auth,
      payload: { kind: 'place', name: 'X', countryCode: 'FRA', regionCode: '002' },
    });
    assert.equal(both.statusCode, 400);
    await assert.rejects(
      mapNameForReview({ db: database.db, actor: testActor, kind: 'organization', name: 'Nobody', organizationId: 999_999 }),
      (error) => isAppError(error) && error.code === 'NOT_FOUND',
    );
    await assert.rejects(
      mapNameForReview({ db: database.db, actor: testActor, kind: 'place', name: 'Nowhere', countryCode: 'QQQ' }),
      (error) => isAppError(error) && error.code === 'NOT_FOUND',
    );
    await assert.rejects(
      mapNameForReview({ db: database.db, actor: testActor, kind: 'place', name: '---', regionCode: '002' }),
      (error) => isAppError(error) && error.code === 'VALIDATION_FAILED',
    );
  });

  it('the review page is for token holders: 401 HTML for the public, the list for operators', async () => {
    const publicPage = await app.inject('/review');
    assert.equal(publicPage.statusCode, 401);
    assert.match(publicPage.headers['content-type'] as string, /text\/html/);
    const badToken = await app.inject({ url: '/review', headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } });
    assert.equal(badToken.statusCode, 401);
    const page = await app.inject({ url: '/review', headers: auth });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /FUNDACIÓN ESPERANZA DEL VALLE/);
    assert.match(page.body, /href="\/api\/review\/names"/);
  });
});
