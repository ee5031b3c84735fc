import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../db/database.ts';
import { buildApp } from '../app/app.ts';
import type { Role } from '../shared/actor.ts';
import { createUser, type UserSummary } from '../accounts/users.service.ts';
import { rateLimitOff } from '../http/rate-limit.ts';

/** Test helpers for the account pages: users, signing in through the form, reading tokens from pages. */

export const testPassword = 'correct horse battery staple';

/** The whole app in process; `x-test-https: 1` makes a request look like HTTPS (request.protocol). */
export async function buildAccountsTestApp(db: Database): Promise<FastifyInstance> {
  const app = await buildApp({
    db,
    config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
    logger: false,
  });
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-test-https'] === '1') Object.defineProperty(request, 'protocol', { value: 'https' });
  });
  return app;
}

let counter = 0;

/** Creates a user with a unique email (`<prefix>-N@example.org`) and the test password. */
export async function createTestUser(
  db: Database,
  options: { role: Role; name?: string; agencyId?: string; prefix?: string },
): Promise<UserSummary> {
  counter += 1;
  const email = `${options.prefix ?? options.role.replace('_', '-')}-${counter}@example.org`;
  const agencyId = options.agencyId ?? (options.role.startsWith('agency_') ? 'state-tip' : null);
  return createUser({
    db,
    input: { email, name: options.name ?? `Test ${options.role} ${counter}`, role: options.role, agencyId, organizationId: null },
    password: testPassword,
    actor: { name: 'test', door: 'system' },
  });
}

/** The value of a hidden input in a page. */
export function hiddenValue(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

export function cookieOf(response: LightMyRequestResponse, name: string) {
  return response.cookies.find((cookie) => cookie.name === name);
}

/** A form body as the browser sends it. */
export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) params.append(name, item);
  return params.toString();
}

/** Opens the sign-in page: the form token (hidden field) and its cookie. */
export async function openSignInForm(
  app: FastifyInstance,
  query = '',
): Promise<{ formToken: string; cookie: string; response: LightMyRequestResponse }> {
  const response = await app.inject(`/sign-in${query}`);
  const formToken = hiddenValue(response.body, '_form');
  assert.ok(formToken, 'the sign-in form carries a form token');
  return { formToken, cookie: `ctip_form=${cookieOf(response, 'ctip_form')!.value}`, response };
}

/** Posts the sign-in form as a browser would (fresh form first). */
export async function postSignIn(
  app: FastifyInstance,
  options: { email: string; password: string; returnTo?: string; remoteAddress?: string; headers?: Record<string, string> },
): Promise<LightMyRequestResponse> {
  const form = await openSignInForm(app);
  return app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: options.remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie, ...options.headers },
    payload: formBody({ email: options.email, password: options.password, returnTo: options.returnTo ?? '/', _form: form.formToken }),
  });
}

/** A signed-in browser: its cookie header and the session's form token (read from a page). */
export type Session = { cookie: string; csrf: string };

export async function signInAs(app: FastifyInstance, email: string, password = testPassword, remoteAddress = '10.9.9.9'): Promise<Session> {
  const response = await postSignIn(app, { email, password, remoteAddress });
  assert.equal(response.statusCode, 303, `sign-in of ${email} succeeds`);
  const cookie = `ctip_session=${cookieOf(response, 'ctip_session')!.value}`;
  const account = await app.inject({ url: '/account', headers: { cookie } });
  const csrf = hiddenValue(account.body, '_csrf');
  assert.ok(csrf, 'signed-in pages carry the form token');
  return { cookie, csrf };
}

/** Posts a form with the session's cookie; `_csrf` is added unless `csrf` is false or another value. */
export function postForm(
  app: FastifyInstance,
  session: Session,
  url: string,
  fields: Record<string, string | string[]>,
  csrf: string | false = session.csrf,
) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
    payload: formBody(csrf === false ? fields : { ...fields, _csrf: csrf }),
  });
}
