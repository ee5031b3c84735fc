import type { Database } from '../db/database.ts';
import { accountPageRules } from '../accounts/testing/account-pages.matrix-rules.ts';
import { recommendationRules } from '../recommendations/testing/recommendations.matrix-rules.ts';
import { clearanceRules } from '../clearance/testing/clearance.matrix-rules.ts';
import { createProgram } from '../programs/program.service.ts';
import { buildProgramInput, insertTestOrganization, testActor } from './fixtures.ts';
import { newProgramFields } from './program-form.ts';
import type { MatrixFixtures, MatrixRequest, MatrixRule } from './authorization-matrix-types.ts';
import type { RoleKey, RoleWorld } from './role-fixtures.ts';
import { createApiToken } from '../accounts/tokens.service.ts';
import { createUser } from '../accounts/users.service.ts';

/**
 * THE authorization matrix: every route of the app (as Fastify registers it) with the outcome
 * of a representative request for each role. `authorization-matrix.test.ts` fails when a route
 * has no rule here, when a rule names a route that no longer exists, and when any outcome
 * differs. 404 for a reader means "hidden": the record exists but this viewer may not know it.
 */

export type { MatrixFixtures, MatrixRequest, MatrixRule } from './authorization-matrix-types.ts';

const allRoles = <T>(value: T): Record<RoleKey, T> => ({
  public: value,
  ngo: value,
  viewer: value,
  editor: value,
  dolEditor: value,
  coordinator: value,
  admin: value,
  readToken: value,
});
const everyone = (status: number): Record<RoleKey, number> => allRoles(status);
/** Readers of state-tip's restricted records: its own staff, coordinators, administrators. */
const tipRestricted = { ...everyone(200), public: 404, ngo: 404, dolEditor: 404 };
/** Whose lists and reports name state-tip's restricted program: the same readers, as the policy says. */
const tipRestrictedNamed: Record<RoleKey, boolean> = { ...allRoles(true), public: false, ngo: false, dolEditor: false };
/** A list or report open to everyone that names the restricted program only to its readers. */
const openList = (url: string): MatrixRule => ({ expect: everyone(200), namesRestricted: tipRestrictedNamed, request: get(url) });
/** Operators' reads: coordinators and administrators (any scope). */
const operators = { ...everyone(403), public: 401, coordinator: 200, admin: 200, readToken: 200 };
/** Administration writes: administrators with write scope. */
const administrators = (status: number) => ({ ...everyone(403), public: 401, admin: status });
/** Writes of state-tip programs: its editors and administrators. */
const tipWriters = (status: number) => ({ ...everyone(403), public: 401, editor: status, admin: status });
/** Any signed-in user; the public must sign in. */
const signedIn = (status: number) => ({ ...everyone(status), public: 401 });

const get = (url: string) => (): MatrixRequest => ({ url });
const open = (url: string): MatrixRule => ({ expect: everyone(200), request: get(url) });

/** A browser's form post: the fields of a new state-tip program, some replaced. */
function form(url: string, replaced: [string, string][]): MatrixRequest {
  const names = new Set(replaced.map(([name]) => name));
  const fields = [...newProgramFields().filter(([name]) => !names.has(name)), ...replaced];
  return { url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

let serial = 0;
const fresh = (prefix: string) => `${prefix}-${++serial}-${Date.now()}`;

export const authorizationMatrix: Record<string, MatrixRule> = {
  // Sign-in, account and administration pages: their rules live beside them.
  ...accountPageRules,
  // Recommendations, strategic plans and the Assessment: public reads, role-limited writes.
  ...recommendationRules,
  'POST /sign-out': {
    ownSession: true,
    expect: everyone(303),
    request: () => ({ url: '/sign-out', payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  },
  // Programs (API)
  'GET /api/programs': open('/api/programs?fiscalYear=2031'),
  'GET /api/programs/:id': { expect: tipRestricted, request: (f) => ({ url: `/api/programs/${f.restrictedProgramId}` }) },
  'GET /api/programs/:id/history': { expect: tipRestricted, request: (f) => ({ url: `/api/programs/${f.restrictedProgramId}/history` }) },
  'POST /api/programs': {
    expect: tipWriters(201),
    request: () => ({ url: '/api/programs', payload: buildProgramInput({ title: fresh('Matrix create') }) }),
  },
  'PUT /api/programs/:id': {
    expect: tipWriters(200),
    request: async (f) => ({
      url: `/api/programs/${await f.newProgram('public')}`,
      headers: { 'if-match': '"v1"' },
      payload: buildProgramInput({ title: fresh('Matrix update') }),
    }),
  },
  'DELETE /api/programs/:id': {
    // A restricted program: those who may not see it are told it does not exist.
    expect: { ...tipWriters(204), ngo: 404, dolEditor: 404 },
    request: async (f) => ({ url: `/api/programs/${await f.newProgram('restricted')}`, headers: { 'if-match': '"v1"' } }),
  },
  // Statistics, exports, reference lists: public data, filtered per viewer inside the services.
  'GET /api/stats/summary': open('/api/stats/summary?fiscalYear=2031'),
  'GET /api/stats/summary.csv': open('/api/stats/summary.csv?fiscalYear=2031'),
  'GET /api/stats/by/:dimension': open('/api/stats/by/country?fiscalYear=2031'),
  'GET /api/stats/by/:dimension.csv': open('/api/stats/by/country.csv?fiscalYear=2031'),
  'GET /api/exports/programs.csv': openList('/api/exports/programs.csv?fiscalYear=2031'),
  'GET /api/exports/programs.json': openList('/api/exports/programs.json?fiscalYear=2031'),
  'GET /api/exports/programs.xml': openList('/api/exports/programs.xml?fiscalYear=2031'),
  'GET /api/agencies': open('/api/agencies'),
  'GET /api/coordination-bodies': open('/api/coordination-bodies'),
  'GET /api/countries': open('/api/countries'),
  'GET /api/countries/:code': open('/api/countries/NPL'),
  'GET /api/regions': open('/api/regions'),
  'GET /api/assistance-types': open('/api/assistance-types'),
  'GET /api/pillars': open('/api/pillars'),
  'GET /api/trafficking-forms': open('/api/trafficking-forms'),
  'GET /api/target-groups': open('/api/target-groups'),
  'GET /api/vocabularies/:vocabulary': open('/api/vocabularies/pillar'),
  // Organizations: one named only by restricted programs is hidden like them.
  'GET /api/organizations': open('/api/organizations?q=matrix'),
  'GET /api/organizations/:id': { expect: tipRestricted, request: (f) => ({ url: `/api/organizations/${f.restrictedPartnerId}` }) },
  'GET /api/review/names': { expect: operators, request: get('/api/review/names') },
  'POST /api/review/mappings': {
    expect: { ...everyone(403), public: 401, coordinator: 200, admin: 200 },
    request: (f) => ({
      url: '/api/review/mappings',
      payload: { kind: 'organization', name: 'Matrix Shelter Net', organizationId: f.publicPartnerId },
    }),
  },
  // Coordination: the check stores nothing and is open; check and report cover what the policy lets
  // the viewer see (state-tip's staff: its restricted program, which pairs with the public one).
  'POST /api/coordination/check': {
    expect: everyone(200),
    namesRestricted: tipRestrictedNamed,
    request: (f) => ({
      url: '/api/coordination/check',
      payload: buildProgramInput({ title: f.restrictedTitle, obligations: [{ fiscalYear: 2031, amountCents: 100_000, amountNote: null }] }),
    }),
  },
  'GET /api/coordination/overlap': openList('/api/coordination/overlap?from=2030&to=2031'),
  'GET /api/coordination/overlap.csv': openList('/api/coordination/overlap.csv?from=2030&to=2031'),
  'GET /coordination/overlap': openList('/coordination/overlap?from=2030&to=2031'),
  // Clearance among SPOG agencies: its rules live beside it.
  ...clearanceRules,
  // Accounts
  'GET /api/session': open('/api/session'),
  'GET /api/users': { expect: { ...administrators(200), readToken: 200 }, request: get('/api/users') },
  'POST /api/users': {
    expect: administrators(201),
    request: () => ({ url: '/api/users', payload: { email: `${fresh('new')}@example.org`, name: 'New person', role: 'coordinator' } }),
  },
  'PUT /api/users/:id/role': {
    expect: administrators(200),
    request: async (f) => ({ url: `/api/users/${await f.newUserId()}/role`, payload: { role: 'coordinator' } }),
  },
  'POST /api/users/:id/disable': {
    expect: administrators(200),
    request: async (f) => ({ url: `/api/users/${await f.newUserId()}/disable` }),
  },
  'GET /api/tokens': { expect: signedIn(200), request: get('/api/tokens') },
  'POST /api/tokens': {
    expect: { ...signedIn(201), readToken: 403 },
    request: () => ({ url: '/api/tokens', payload: { name: fresh('matrix token'), scopes: ['read'] } }),
  },
  'DELETE /api/tokens/:id': {
    // The state-tip editor's token: theirs to revoke, or an administrator's; hidden from others.
    expect: { ...everyone(404), public: 401, editor: 200, admin: 200, readToken: 403 },
    request: async (f) => ({ url: `/api/tokens/${await f.newEditorTokenId()}` }),
  },
  'GET /api/audit': { expect: operators, request: get('/api/audit?limit=5') },
  'GET /api/audit.csv': { expect: operators, request: get('/api/audit.csv?limit=5') },
  // Pages
  'GET /': open('/'),
  'GET /about': open('/about'),
  'GET /programs': open('/programs?fiscalYear=2031'),
  'GET /programs/:id': { expect: tipRestricted, request: (f) => ({ url: `/programs/${f.restrictedProgramId}` }) },
  // Program forms: the public is asked to sign in (401); hidden programs are 404; successful posts redirect (303).
  'GET /programs/new': { expect: { ...tipWriters(200), dolEditor: 200 }, request: get('/programs/new') },
  // dol-ilab's editor may create programs, but not state-tip's: the form answers with the agency field's error.
  'POST /programs/new': {
    expect: { ...tipWriters(303), dolEditor: 400 },
    request: () => form('/programs/new', [['title', fresh('Matrix form')]]),
  },
  'GET /programs/:id/edit': { expect: tipWriters(200), request: (f) => ({ url: `/programs/${f.publicProgramId}/edit` }) },
  'POST /programs/:id/edit': {
    expect: tipWriters(303),
    request: async (f) =>
      form(`/programs/${await f.newProgram('public')}/edit`, [
        ['title', fresh('Matrix form edit')],
        ['version', '1'],
        ['visibility', 'public'],
      ]),
  },
  'GET /programs/:id/delete': {
    expect: { ...tipWriters(200), ngo: 404, dolEditor: 404 },
    request: (f) => ({ url: `/programs/${f.restrictedProgramId}/delete` }),
  },
  'POST /programs/:id/delete': {
    expect: { ...tipWriters(303), ngo: 404, dolEditor: 404 },
    request: async (f) => form(`/programs/${await f.newProgram('restricted')}/delete`, [['version', '1']]),
  },
  'GET /agencies': open('/agencies'),
  'GET /agencies/:id': open('/agencies/state-tip'),
  'GET /countries': open('/countries'),
  'GET /countries/:code': open('/countries/NPL'),
  'GET /regions': open('/regions'),
  'GET /regions/:code': open('/regions/142'),
  'GET /partners/:id': { expect: tipRestricted, request: (f) => ({ url: `/partners/${f.restrictedPartnerId}` }) },
  'GET /review': { expect: operators, request: get('/review') },
  'GET /assets/site.css': open('/assets/site.css'),
  'GET /assets/uswds/*': open('/assets/uswds/img/us_flag_small.png'),
  // Server
  'GET /healthz': open('/healthz'),
  'GET /readyz': open('/readyz'),
  'GET /openapi.json': open('/openapi.json'),
  'GET /docs': open('/docs'),
  'GET /glossary': open('/glossary'),
  'GET /data-dictionary': open('/data-dictionary'),
  'GET /robots.txt': open('/robots.txt'),
  'GET /sitemap.xml': open('/sitemap.xml'),
  'GET /favicon.ico': open('/favicon.ico'),
  'GET /assets/:file': { expect: everyone(404), request: get('/assets/site.000000000000.css') },
  'GET /assets/uswds/css/:file': open('/assets/uswds/css/uswds.min.css'),
  'GET /docs/console': open('/docs/console'),
  'GET /docs/console/json': open('/docs/console/json'),
  'GET /docs/console/yaml': open('/docs/console/yaml'),
  'GET /docs/console/static/index.html': { expect: everyone(302), request: get('/docs/console/static/index.html') },
  'GET /docs/console/static/swagger-initializer.js': open('/docs/console/static/swagger-initializer.js'),
  'GET /docs/console/static/*': open('/docs/console/static/index.css'),
};

/** Plants what the rules refer to: programs of both visibilities, partners, and factories. */
export async function createMatrixFixtures(world: RoleWorld): Promise<MatrixFixtures> {
  const db: Database = world.db;
  const partner = (name: string) => insertTestOrganization({ db, name });
  const publicPartnerId = await partner('Matrix Open Partner');
  const restrictedPartnerId = await partner('Matrix Hidden Partner');
  const program = async (visibility: 'public' | 'restricted', organizationId?: number, title = fresh('Matrix program')) =>
    (
      await createProgram({
        db,
        actor: testActor,
        input: buildProgramInput({
          title,
          visibility,
          partners: organizationId ? [{ organizationId, role: 'prime' }] : [],
          obligations: [{ fiscalYear: 2031, amountCents: 100_000, amountNote: null }],
        }),
      })
    ).id;
  const publicProgramId = await program('public', publicPartnerId);
  const restrictedTitle = fresh('Matrix program');
  const restrictedProgramId = await program('restricted', restrictedPartnerId, restrictedTitle);
  return {
    world,
    publicProgramId,
    restrictedProgramId,
    restrictedTitle,
    restrictedPartnerId,
    publicPartnerId,
    newProgram: (visibility) => program(visibility),
    newUserId: async () =>
      (
        await createUser({
          db,
          input: { email: `${fresh('person')}@example.org`, name: 'Someone', role: 'coordinator' },
          password: 'a long enough test password',
          actor: testActor,
        })
      ).id,
    newEditorTokenId: async () =>
      (
        await createApiToken({
          db,
          userEmail: 'editor@example.org',
          name: fresh('editor token'),
          scopes: ['read'],
          expiresInDays: 5,
          actor: testActor,
        })
      ).summary.id,
  };
}
