import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { buildApp } from '../app/app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { describeEachDatabase } from '../testing/test-database.ts';

const apiToken = 'test-token-recommendations-0123456789';
const auth = { authorization: `Bearer ${apiToken}` };

describeEachDatabase(
  'recommendations API and pages',
  {
    prepare: async ({ db }) => {
      await seedReferenceData({ db });
      await seedOrganizations({ db });
    },
  },
  (database) => {
    let app: FastifyInstance;
    before(async () => {
      app = await buildApp({
        db: database.db,
        config: { bodyLimit: 65_536, apiToken, logLevel: 'silent', rateLimit: rateLimitOff },
        logger: false,
      });
    });
    after(async () => app?.close());

    it('writes need a user or token; the public reads', async () => {
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/recommendations',
        payload: { fiscalYear: 2004, ownerAgencyId: 'doj', text: 'x' },
      });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, 'UNAUTHORIZED');
      const plan = await app.inject({
        method: 'POST',
        url: '/api/strategic-plans',
        payload: { agencyId: 'doj', title: 'P', fiscalYearFrom: 2004, fiscalYearTo: 2004, goals: [{ title: 'G' }] },
      });
      assert.equal(plan.statusCode, 401);
      assert.deepEqual((await app.inject('/api/recommendations')).json(), { items: [] });
    });

    it('records a recommendation and its responses; lists by fiscal year', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/recommendations',
        headers: auth,
        payload: { fiscalYear: 2004, ownerAgencyId: 'doj', text: 'Record case outcomes.' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      const responded = await app.inject({
        method: 'POST',
        url: `/api/recommendations/${id}/responses`,
        headers: auth,
        payload: { text: 'Started.', resultingStatus: 'in_progress' },
      });
      assert.equal(responded.statusCode, 201, responded.body);
      assert.equal(responded.json().status, 'in_progress');
      assert.equal(responded.json().responses[0].responder, 'operator-token');
      assert.equal((await app.inject('/api/recommendations?fiscalYear=2004')).json().items.length, 1);
      assert.equal((await app.inject('/api/recommendations?fiscalYear=2005')).json().items.length, 0);
      assert.equal((await app.inject(`/api/recommendations/${id}`)).json().text, 'Record case outcomes.');
    });

    it('bad input and unknown ids answer in the one error shape', async () => {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/recommendations',
        headers: auth,
        payload: { fiscalYear: 'soon', ownerAgencyId: '', text: '' },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
      assert.ok(bad.json().error.details.length >= 3);
      const status = await app.inject({
        method: 'POST',
        url: '/api/recommendations/1/responses',
        headers: auth,
        payload: { text: 'x', resultingStatus: 'finished' },
      });
      assert.equal(status.statusCode, 400);
      assert.equal((await app.inject('/api/recommendations/424242')).statusCode, 404);
      assert.equal((await app.inject('/api/strategic-plans/424242')).json().error.code, 'NOT_FOUND');
      assert.equal((await app.inject('/api/recommendations?fiscalYear=abc')).statusCode, 400);
    });

    it('records a strategic plan and lists it for the years it covers', async () => {
      const payload = {
        agencyId: 'dol-ilab',
        title: 'Child labor plan',
        fiscalYearFrom: 2004,
        fiscalYearTo: 2005,
        goals: [{ title: 'Remove children from exploitative work', activities: [{ title: 'Education' }] }],
      };
      const created = await app.inject({ method: 'POST', url: '/api/strategic-plans', headers: auth, payload });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await app.inject('/api/strategic-plans?fiscalYear=2005')).json().items.length, 1);
      assert.equal((await app.inject('/api/strategic-plans?fiscalYear=2006')).json().items.length, 0);
    });

    it('the pages list recommendations with responses and plans with goals; a bad query is a 400 page', async () => {
      const page = await app.inject('/recommendations');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 id="fy-2004">FY2004<\/h2>/);
      assert.match(page.body, /Record case outcomes\./);
      assert.match(page.body, /In progress/);
      assert.match(page.body, /Started\./);
      const plans = await app.inject('/strategic-plans');
      assert.match(plans.body, /Child labor plan/);
      assert.match(plans.body, /Remove children from exploitative work/);
      const bad = await app.inject('/recommendations?fiscalYear=x');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.headers['content-type'] as string, /text\/html/);
    });

    it('is described in the OpenAPI document under its tags', async () => {
      const openapi = (await app.inject('/openapi.json')).json();
      assert.deepEqual(openapi.paths['/api/recommendations'].get.tags, ['recommendations']);
      assert.ok(openapi.paths['/api/recommendations/{id}/responses'].post);
      assert.deepEqual(openapi.paths['/api/strategic-plans'].post.tags, ['strategic plans']);
    });
  },
);
