import type { FastifyInstance, InjectOptions, RouteOptions } from 'fastify';
import type { Database } from '../db/database.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { buildApp } from '../app/app.ts';
import { sessionCookieName } from '../http/request-context.ts';
import { insertTestOrganization, testActor } from './fixtures.ts';
import { signIn } from '../accounts/sessions.service.ts';
import { SignInThrottle } from '../accounts/sign-in-throttle.ts';
import { createApiToken } from '../accounts/tokens.service.ts';
import { createUser, type UserInput } from '../accounts/users.service.ts';
import { rateLimitOff } from '../http/rate-limit.ts';

/** The people the authorization matrix and the leak tests ask as. */
export const roleKeys = ['public', 'ngo', 'viewer', 'editor', 'dolEditor', 'coordinator', 'admin', 'readToken'] as const;
export type RoleKey = (typeof roleKeys)[number];

export const roleDescriptions: Record<RoleKey, string> = {
  public: 'the public',
  ngo: 'ngo_manager',
  viewer: 'agency_viewer of state-tip',
  editor: 'agency_editor of state-tip',
  dolEditor: 'agency_editor of dol-ilab',
  coordinator: 'coordinator',
  admin: 'admin',
  readToken: "an admin's read-only API token",
};

/** How a request proves who it is: a session cookie with its form token, or a bearer token. */
export type Credentials = { cookie?: string; csrfToken?: string; bearer?: string; userId?: number; email?: string };

export const testPassword = 'a long enough test password';

export type RoleWorld = {
  app: FastifyInstance;
  db: Database;
  /** Every route as Fastify registered it: `METHOD /pattern`. */
  routes: Set<string>;
  credentials: Record<RoleKey, Credentials>;
  organizationId: number;
};

const people: Record<Exclude<RoleKey, 'public' | 'readToken'>, (organizationId: number) => UserInput> = {
  ngo: (organizationId) => ({ email: 'ngo@example.org', name: 'NGO manager', role: 'ngo_manager', organizationId }),
  viewer: () => ({ email: 'viewer@example.org', name: 'TIP viewer', role: 'agency_viewer', agencyId: 'state-tip' }),
  editor: () => ({ email: 'editor@example.org', name: 'TIP editor', role: 'agency_editor', agencyId: 'state-tip' }),
  dolEditor: () => ({ email: 'ilab@example.org', name: 'ILAB editor', role: 'agency_editor', agencyId: 'dol-ilab' }),
  coordinator: () => ({ email: 'spog@example.org', name: 'SPOG secretariat', role: 'coordinator' }),
  admin: () => ({ email: 'admin@example.org', name: 'Administrator', role: 'admin' }),
};

/** Signs a person in and returns the cookie and form token a browser would hold. */
export async function signInAs(db: Database, email: string): Promise<Credentials> {
  const session = await signIn({
    db,
    email,
    password: testPassword,
    clientAddress: '127.0.0.1',
    throttle: new SignInThrottle({ db }),
    door: 'web',
  });
  return { cookie: session.sessionToken, csrfToken: session.csrfToken, userId: session.user.id, email };
}

/**
 * Seeds reference data, one person per role with a live session, an admin's read-only token,
 * and builds the app while recording every route it registers.
 */
export async function buildRoleWorld(db: Database): Promise<RoleWorld> {
  await seedReferenceData({ db });
  await seedOrganizations({ db });
  const organizationId = await insertTestOrganization({ db, name: 'Matrix Shelter Network' });
  const credentials = { public: {} } as Record<RoleKey, Credentials>;
  for (const [key, person] of Object.entries(people) as [keyof typeof people, (id: number) => UserInput][]) {
    const input = person(organizationId);
    await createUser({ db, input, password: testPassword, actor: testActor });
    credentials[key] = await signInAs(db, input.email);
  }
  const readToken = await createApiToken({
    db,
    userEmail: 'admin@example.org',
    name: 'read only',
    scopes: ['read'],
    expiresInDays: 30,
    actor: testActor,
  });
  credentials.readToken = { bearer: readToken.token, userId: credentials.admin.userId, email: 'admin@example.org' };
  const routes = new Set<string>();
  const onRoute = (route: RouteOptions) => {
    // Fastify adds a HEAD route beside every GET; it runs the GET handler, so the GET's rule covers it.
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.add(`${method} ${route.url}`);
  };
  const app = await buildApp({
    db,
    config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
    logger: false,
    onRoute,
  });
  return { app, db, routes, credentials, organizationId };
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sends a request with a role's credentials (and the form token on writes, as our pages do). */
export function injectAs(app: FastifyInstance, credentials: Credentials, request: InjectOptions & { method?: string; url: string }) {
  const headers: Record<string, string> = { ...(request.headers as Record<string, string> | undefined) };
  if (credentials.bearer) headers.authorization = `Bearer ${credentials.bearer}`;
  const cookies = credentials.cookie ? { [sessionCookieName]: credentials.cookie } : undefined;
  if (credentials.csrfToken && unsafe.has((request.method ?? 'GET').toUpperCase())) headers['x-csrf-token'] = credentials.csrfToken;
  return app.inject({ ...request, headers, ...(cookies ? { cookies } : {}) });
}
