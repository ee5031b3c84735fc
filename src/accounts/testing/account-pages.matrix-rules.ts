import type { MatrixRequest, MatrixRule } from '../../testing/authorization-matrix-types.ts';

/**
 * Rules of the authorization matrix (src/accounts/authorization-matrix.ts) for the account pages,
 * to be spread into it. POST /sign-out is left to the matrix: signing out ends the session that
 * the matrix's roles share, so it needs a session of its own (or to run last).
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
/** Administration: administrators with write scope (a read-only admin token is refused). */
const administrators = (status: number): Expect => ({ ...everyone(403), public: 401, admin: status });

let serial = 0;
const fresh = (prefix: string) => `${prefix}-${++serial}-${Date.now()}`;

/** A browser's form post (the form token is added by the matrix as a header). */
function form(url: string, fields: Record<string, string>): MatrixRequest {
  return { url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

export const accountPageRules: Record<string, MatrixRule> = {
  'GET /sign-in': { expect: everyone(200), request: () => ({ url: '/sign-in' }) },
  // Without the sign-in form's own token (login CSRF), nobody gets in.
  'POST /sign-in': {
    expect: everyone(403),
    request: () => form('/sign-in', { email: 'admin@example.org', password: 'a long enough test password' }),
  },
  'GET /account': { expect: { ...everyone(200), public: 401 }, request: () => ({ url: '/account' }) },
  // An empty form: named problems for browser sessions; API tokens cannot change passwords.
  'POST /account/password': { expect: { ...everyone(400), public: 401, readToken: 403 }, request: () => form('/account/password', {}) },
  'GET /admin/users': { expect: administrators(200), request: () => ({ url: '/admin/users' }) },
  'POST /admin/users': {
    expect: administrators(303),
    request: () =>
      form('/admin/users', {
        email: `${fresh('matrix-user')}@example.org`,
        name: 'Matrix user',
        role: 'coordinator',
        password: 'a long enough test password',
      }),
  },
  'GET /admin/users/:id': { expect: administrators(200), request: async (f) => ({ url: `/admin/users/${await f.newUserId()}` }) },
  'POST /admin/users/:id/role': {
    expect: administrators(303),
    request: async (f) =>
      form(`/admin/users/${await f.newUserId()}/role`, { role: 'agency_viewer', agencyId: 'state-tip', organizationId: '' }),
  },
  'POST /admin/users/:id/disable': {
    expect: administrators(303),
    request: async (f) => form(`/admin/users/${await f.newUserId()}/disable`, { confirm: 'yes' }),
  },
  'GET /admin/tokens': { expect: administrators(200), request: () => ({ url: '/admin/tokens' }) },
  'POST /admin/tokens': {
    expect: administrators(200),
    request: () =>
      form('/admin/tokens', { userEmail: 'editor@example.org', name: fresh('matrix token'), scopes: 'read', expiresInDays: '5' }),
  },
  'POST /admin/tokens/:id/revoke': {
    expect: administrators(303),
    request: async (f) => form(`/admin/tokens/${await f.newEditorTokenId()}/revoke`, {}),
  },
};
