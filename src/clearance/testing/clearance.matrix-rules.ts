import type { MatrixFixtures, MatrixRequest, MatrixRule } from '../../testing/authorization-matrix-types.ts';
import { createOpenClearance, createProposal } from './clearance-fixtures.ts';

/**
 * Rules of the authorization matrix (src/accounts/authorization-matrix.ts) for the clearance
 * routes, to be spread into it. The proposals are state-tip's and restricted: dol-ilab's editor
 * reviews them for Labor (a SPOG member); the NGO manager may not know they exist.
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

/** One open clearance shared by the rules that leave it open (reads, responses, replies). */
const shared = new WeakMap<MatrixFixtures, Promise<{ reviewId: number }>>();
function sharedClearance(f: MatrixFixtures): Promise<{ reviewId: number }> {
  if (!shared.has(f)) shared.set(f, createOpenClearance(f.world.db));
  return shared.get(f)!;
}

const base = '/api/coordination/clearances';

/** A browser's form post (the matrix adds the session's form token as a header). */
function form(url: string, fields: Record<string, string>): MatrixRequest {
  return { url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

export const clearanceRules: Record<string, MatrixRule> = {
  'POST /api/coordination/clearances': {
    // Those who may not see the proposal are told it does not exist.
    expect: { ...everyone(403), public: 401, ngo: 404, dolEditor: 404, editor: 201, admin: 201 },
    request: async (f) => ({ url: base, payload: { programId: await createProposal(f.world.db) } }),
  },
  'GET /api/coordination/clearances/:id': {
    expect: { ...everyone(200), public: 404, ngo: 404 },
    request: async (f) => ({ url: `${base}/${(await sharedClearance(f)).reviewId}` }),
  },
  'POST /api/coordination/clearances/:id/responses': {
    // Only staff of a member agency it was circulated to respond; the proposer's agency replies instead.
    expect: { ...everyone(403), public: 401, dolEditor: 201 },
    request: async (f) => ({
      url: `${base}/${(await sharedClearance(f)).reviewId}/responses`,
      payload: { kind: 'comment', text: 'Matrix comment' },
    }),
  },
  'POST /api/coordination/clearances/:id/replies': {
    expect: { ...everyone(403), public: 401, ngo: 404, editor: 201, admin: 201 },
    request: async (f) => ({ url: `${base}/${(await sharedClearance(f)).reviewId}/replies`, payload: { text: 'Matrix reply' } }),
  },
  'POST /api/coordination/clearances/:id/decision': {
    expect: { ...everyone(403), public: 401, coordinator: 200, admin: 200 },
    request: async (f) => ({
      url: `${base}/${(await createOpenClearance(f.world.db)).reviewId}/decision`,
      payload: { decision: 'return', reasons: 'Matrix return' },
    }),
  },
  'GET /api/coordination/queue': {
    expect: { ...everyone(200), public: 401, ngo: 403 },
    request: () => ({ url: '/api/coordination/queue' }),
  },
  'GET /api/notifications': { expect: { ...everyone(200), public: 401 }, request: () => ({ url: '/api/notifications' }) },
  // Marking read touches only the notifications the caller may see (none for roles without an agency).
  'POST /api/notifications/read': {
    expect: { ...everyone(200), public: 401, readToken: 403 },
    request: () => ({ url: '/api/notifications/read', payload: {} }),
  },
  // Pages: the same outcomes as the API, but the public is asked to sign in (401) and a form post succeeds with 303.
  'GET /clearance': { expect: { ...everyone(200), public: 401, ngo: 403 }, request: () => ({ url: '/clearance' }) },
  'GET /clearance/:id': {
    expect: { ...everyone(200), public: 401, ngo: 404 },
    request: async (f) => ({ url: `/clearance/${(await sharedClearance(f)).reviewId}` }),
  },
  'POST /clearance': {
    expect: { ...everyone(403), public: 401, ngo: 404, dolEditor: 404, editor: 303, admin: 303 },
    request: async (f) => form('/clearance', { programId: String(await createProposal(f.world.db)), dueDate: '' }),
  },
  'POST /clearance/:id/responses': {
    expect: { ...everyone(403), public: 401, dolEditor: 303 },
    request: async (f) =>
      form(`/clearance/${(await sharedClearance(f)).reviewId}/responses`, { kind: 'comment', text: 'Matrix page comment' }),
  },
  'POST /clearance/:id/replies': {
    expect: { ...everyone(403), public: 401, ngo: 404, editor: 303, admin: 303 },
    request: async (f) => form(`/clearance/${(await sharedClearance(f)).reviewId}/replies`, { text: 'Matrix page reply' }),
  },
  'POST /clearance/:id/decision': {
    expect: { ...everyone(403), public: 401, coordinator: 303, admin: 303 },
    request: async (f) =>
      form(`/clearance/${(await createOpenClearance(f.world.db)).reviewId}/decision`, {
        decision: 'return',
        reasons: 'Matrix page return',
      }),
  },
  'POST /clearance/notifications/read': {
    expect: { ...everyone(303), public: 401, readToken: 403 },
    request: () => form('/clearance/notifications/read', {}),
  },
};
