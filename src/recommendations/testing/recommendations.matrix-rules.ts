import type { MatrixFixtures, MatrixRequest, MatrixRule } from '../../testing/authorization-matrix-types.ts';
import { systemViewer } from '../../shared/actor.ts';
import { createRecommendation } from '../recommendations.service.ts';
import { createStrategicPlan } from '../../strategic-plans/strategic-plans.service.ts';

/**
 * Rules of the authorization matrix (src/accounts/authorization-matrix.ts) for recommendations,
 * strategic plans and the annual Assessment, to be spread into it. Everything here is public to
 * read; recommendations are written by coordinators and administrators, a strategic plan by its
 * agency's editors and administrators. A read-only token writes nothing.
 */
type Expect = MatrixRule['expect'];

const everyone = (status: number): Expect => ({
  public: status,
  ngo: status,
  viewer: status,
  editor: status,
  dolEditor: status,
  coordinator: status,
  admin: status,
  readToken: status,
});
const operator = { name: 'matrix', door: 'system' as const };
/** Coordinators and administrators with write scope: the policy's writers of recommendations. */
const recommendationWriters = (status: number): Expect => ({ ...everyone(403), public: 401, coordinator: status, admin: status });
/** Writers of state-tip's plans: its editors and administrators with write scope (not dol-ilab's editor). */
const planWriters = (status: number): Expect => ({ ...everyone(403), public: 401, editor: status, admin: status });

/** A browser's form post (the matrix adds the form token as a header for sessions). */
function form(url: string, fields: Record<string, string>): MatrixRequest {
  return { url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

async function newRecommendation(f: MatrixFixtures): Promise<number> {
  const created = await createRecommendation({
    db: f.world.db,
    input: { fiscalYear: 2031, text: 'Track victim outcomes for every shelter grant.', ownerAgencyId: 'state-tip' },
    viewer: systemViewer,
    actor: operator,
  });
  return created.id;
}

const planInput = {
  agencyId: 'state-tip',
  title: 'Matrix plan',
  fiscalYearFrom: 2031,
  fiscalYearTo: 2032,
  goals: [{ title: 'Protect victims', activities: [] }],
};

/** A fresh state-tip plan: its id and version (every reader sees the same version: it links no program). */
async function newPlan(f: MatrixFixtures): Promise<{ id: number; version: string }> {
  return createStrategicPlan({ db: f.world.db, input: planInput, viewer: systemViewer, actor: operator });
}

export const recommendationRules: Record<string, MatrixRule> = {
  'GET /api/recommendations': { expect: everyone(200), request: () => ({ url: '/api/recommendations?fiscalYear=2031' }) },
  'GET /api/recommendations/:id': {
    expect: everyone(200),
    request: async (f) => ({ url: `/api/recommendations/${await newRecommendation(f)}` }),
  },
  'POST /api/recommendations': {
    expect: { ...everyone(403), public: 401, coordinator: 201, admin: 201 },
    request: () => ({ url: '/api/recommendations', payload: { fiscalYear: 2031, text: 'Publish outcomes.', ownerAgencyId: 'state-tip' } }),
  },
  'POST /api/recommendations/:id/responses': {
    expect: { ...everyone(403), public: 401, coordinator: 201, admin: 201 },
    request: async (f) => ({
      url: `/api/recommendations/${await newRecommendation(f)}/responses`,
      payload: { text: 'Under way.', resultingStatus: 'in_progress' },
    }),
  },
  'GET /api/strategic-plans': { expect: everyone(200), request: () => ({ url: '/api/strategic-plans?fiscalYear=2031' }) },
  'GET /api/strategic-plans/:id': {
    expect: everyone(200),
    request: async (f) => ({ url: `/api/strategic-plans/${(await newPlan(f)).id}` }),
  },
  'POST /api/strategic-plans': {
    // state-tip's plan: its editor and administrators; dol-ilab's editor may not write it.
    expect: planWriters(201),
    request: () => ({
      url: '/api/strategic-plans',
      payload: { agencyId: 'state-tip', title: 'Plan', fiscalYearFrom: 2031, fiscalYearTo: 2032, goals: [{ title: 'Goal' }] },
    }),
  },
  'PUT /api/strategic-plans/:id': {
    // state-tip's plan: its editor and administrators, with the version they read.
    expect: planWriters(200),
    request: async (f) => {
      const plan = await newPlan(f);
      return {
        url: `/api/strategic-plans/${plan.id}`,
        headers: { 'if-match': `"${plan.version}"` },
        payload: { ...planInput, title: 'Matrix plan, revised' },
      };
    },
  },
  'GET /recommendations': { expect: everyone(200), request: () => ({ url: '/recommendations' }) },
  'GET /recommendations/new': { expect: recommendationWriters(200), request: () => ({ url: '/recommendations/new' }) },
  'POST /recommendations': {
    expect: recommendationWriters(303),
    request: () => form('/recommendations', { fiscalYear: '2031', ownerAgencyId: 'state-tip', text: 'Publish outcomes.' }),
  },
  'GET /recommendations/:id': { expect: everyone(200), request: async (f) => ({ url: `/recommendations/${await newRecommendation(f)}` }) },
  'POST /recommendations/:id/responses': {
    expect: recommendationWriters(303),
    request: async (f) =>
      form(`/recommendations/${await newRecommendation(f)}/responses`, { text: 'Under way.', resultingStatus: 'in_progress' }),
  },
  'GET /strategic-plans': { expect: everyone(200), request: () => ({ url: '/strategic-plans' }) },
  'GET /strategic-plans/:id': { expect: everyone(200), request: async (f) => ({ url: `/strategic-plans/${(await newPlan(f)).id}` }) },
  // Any agency editor may open the form (for their own agency); administrators for every agency.
  'GET /strategic-plans/new': {
    expect: { ...everyone(403), public: 401, editor: 200, dolEditor: 200, admin: 200 },
    request: () => ({ url: '/strategic-plans/new' }),
  },
  'POST /strategic-plans': {
    // state-tip's plan: its editor and administrators; dol-ilab's editor may not write it.
    expect: planWriters(303),
    request: () =>
      form('/strategic-plans', {
        agencyId: 'state-tip',
        title: 'Plan',
        fiscalYearFrom: '2031',
        fiscalYearTo: '2032',
        'goals.0.title': 'Goal',
      }),
  },
  'GET /strategic-plans/:id/edit': {
    expect: planWriters(200),
    request: async (f) => ({ url: `/strategic-plans/${(await newPlan(f)).id}/edit` }),
  },
  'POST /strategic-plans/:id/edit': {
    expect: planWriters(303),
    request: async (f) => {
      const plan = await newPlan(f);
      return form(`/strategic-plans/${plan.id}/edit`, {
        version: plan.version,
        agencyId: 'state-tip',
        title: 'Revised',
        fiscalYearFrom: '2031',
        fiscalYearTo: '2033',
        'goals.0.title': 'Goal',
      });
    },
  },
  'GET /assessment': { expect: everyone(200), request: () => ({ url: '/assessment?fiscalYear=2031' }) },
  'GET /assessment/:file': { expect: everyone(200), request: () => ({ url: '/assessment/2031.md' }) },
};
